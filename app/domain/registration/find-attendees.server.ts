import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { managedConference } from "./manage-context.server";

export type FindAttendeesOptions = { actor: SessionUser | null; slug: string; q: string };

/** At most this many matches are listed; the desk asks for more of the name beyond that. */
export const ATTENDEE_MATCHES = 20;

/**
 * The check-in desk's search by name, for an attendee without their badge: registrations of this conference
 * whose person's Latin or native name or email contains what was typed (case-insensitive), or whose
 * reference is it. Every status is listed, so the desk can say why someone cannot be checked in.
 */
export async function findAttendees({ actor, slug, q }: FindAttendeesOptions) {
  const conference = await managedConference(db(), actor, slug, "registration:check-in");
  const text = q.trim().slice(0, 100);
  if (text.length < 2) return { matches: [], more: false };
  const contains = { contains: text, mode: "insensitive" as const };
  const rows = await db().registration.findMany({
    where: {
      conferenceId: conference.id,
      status: { in: ["CONFIRMED", "RESERVED", "CANCELLED"] },
      OR: [
        { user: { nameLatin: contains } },
        { user: { nameNative: contains } },
        { user: { email: contains } },
        { reference: text.toUpperCase() },
      ],
    },
    orderBy: [{ user: { nameLatin: "asc" } }, { id: "asc" }],
    take: ATTENDEE_MATCHES + 1,
    select: {
      id: true,
      status: true,
      checkedInAt: true,
      payerOrganization: true,
      user: { select: { nameLatin: true, nameNative: true } },
      ticketType: { select: { nameEn: true, nameZh: true } },
    },
  });
  return { matches: rows.slice(0, ATTENDEE_MATCHES), more: rows.length > ATTENDEE_MATCHES };
}
