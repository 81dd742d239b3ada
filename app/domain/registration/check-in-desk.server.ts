import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { managedConference } from "./manage-context.server";

/** The check-in desk: the conference and how many confirmed attendees have arrived. */
export async function checkInDesk({ actor, slug }: { actor: SessionUser | null; slug: string }) {
  const conference = await managedConference(db(), actor, slug, "registration:check-in");
  const [checkedIn, confirmed] = await Promise.all([
    db().registration.count({ where: { conferenceId: conference.id, checkedInAt: { not: null } } }),
    db().registration.count({ where: { conferenceId: conference.id, status: "CONFIRMED" } }),
  ]);
  return { conference, checkedIn, confirmed };
}
