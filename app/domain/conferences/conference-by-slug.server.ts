import type { Tx } from "~/utils/db.server";
import { notFound } from "~/utils/errors";

/** The conference's id, host and status, or a 404 (shared by the operations that take a slug). */
export async function conferenceBySlug(tx: Tx, slug: string) {
  const conference = await tx.conference.findUnique({ where: { slug }, select: { id: true, slug: true, orgId: true, status: true } });
  if (!conference) throw notFound();
  return conference;
}
