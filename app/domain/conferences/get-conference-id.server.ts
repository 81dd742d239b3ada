import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";

export type GetConferenceIdOptions = { slug: string };

/** The id behind a conference's slug, or a 404; for operations that take an id and check access themselves. */
export async function getConferenceId({ slug }: GetConferenceIdOptions) {
  const conference = await db().conference.findUnique({ where: { slug }, select: { id: true } });
  if (!conference) throw notFound();
  return conference.id;
}
