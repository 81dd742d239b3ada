import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { managedConference } from "./manage-context.server";

/** Visa letter requests of the conference, waiting ones first, for its organizers. */
export async function visaAdmin({ actor, slug }: { actor: SessionUser | null; slug: string }) {
  const conference = await managedConference(db(), actor, slug);
  const requests = await db().visaLetterRequest.findMany({
    where: { conferenceId: conference.id },
    orderBy: [{ status: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      status: true,
      passportName: true,
      passportNumber: true,
      nationality: true,
      arrivalDate: true,
      departureDate: true,
      declineReason: true,
      createdAt: true,
      user: { select: { email: true } },
    },
  });
  return { conference, requests };
}
