import { db } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";
import { conferenceBySlug } from "./conference-by-slug.server";

export type GetConferenceForEditOptions = { actor: SessionUser | null; slug: string };

/** The conference's editable fields and status, for those who may update it (404 when there is none, then 403). */
export async function getConferenceForEdit({ actor, slug }: GetConferenceForEditOptions) {
  const { id } = await conferenceBySlug(db(), slug);
  await requirePermission(actor, "conference:update", { conferenceId: id });
  return db().conference.findUniqueOrThrow({
    where: { id },
    select: {
      slug: true,
      title: true,
      titleZh: true,
      edition: true,
      startDate: true,
      endDate: true,
      venue: true,
      city: true,
      country: true,
      timeZone: true,
      description: true,
      descriptionZh: true,
      defaultLocale: true,
      currency: true,
      status: true,
    },
  });
}
