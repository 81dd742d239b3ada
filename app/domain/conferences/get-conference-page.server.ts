import { registrationClosed } from "~/domain/registration/sales-window";
import { now as clockNow } from "~/utils/clock.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { can } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";

export type GetConferencePageOptions = { actor: SessionUser | null; slug: string; now?: Date };

/**
 * A conference's public page and what the reader may do there. Unpublished conferences do not exist for
 * outsiders: 404, not 403, so drafts do not leak.
 */
export async function getConferencePage({ actor, slug, now = clockNow() }: GetConferencePageOptions) {
  const conference = await db().conference.findUnique({
    where: { slug },
    select: {
      id: true,
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
      status: true,
      demo: true,
      org: { select: { slug: true, nameEn: true, nameNative: true } },
    },
  });
  if (!conference) throw notFound();
  const resource = { conferenceId: conference.id };
  const mayUpdate = await can(actor, "conference:update", resource);
  if (conference.status !== "PUBLISHED" && !(await can(actor, "conference:view-draft", resource))) throw notFound();
  const { id: _id, ...rest } = conference;
  return {
    conference: rest,
    // Said on the page once the conference is over (decision 062).
    registrationClosed: registrationClosed(conference, now),
    mayUpdate,
    mayManageRoles: mayUpdate && (await can(actor, "conference:manage-roles", resource)),
    // Organizers may always check in; only ask again for the others.
    mayCheckIn: mayUpdate || (await can(actor, "conference:check-in", resource)),
  };
}
