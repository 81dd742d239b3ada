import { db } from "~/utils/db.server";
import { managedConference, type ManageOptions } from "./manage-context.server";

/** The registration questions of the conference, for its organizers. */
export async function questionAdmin({ actor, slug }: ManageOptions) {
  const conference = await managedConference(db(), actor, slug);
  const questions = await db().registrationQuestion.findMany({
    where: { conferenceId: conference.id },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });
  return { conference, questions };
}
