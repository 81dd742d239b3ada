import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { audit } from "../audit.server";
import { managedConference, type ManageOptions } from "./manage-context.server";

/** Removes a question (and its answers): the organizers' decision, recorded in the audit log. */
export async function deleteQuestion({ actor, slug, questionId }: ManageOptions & { questionId: string }) {
  return db().$transaction(async (tx) => {
    const conference = await managedConference(tx, actor, slug);
    const n = await tx.registrationQuestion.deleteMany({ where: { id: questionId, conferenceId: conference.id } });
    if (n.count === 0) throw notFound();
    await audit(tx, { actorId: actor!.id, action: "question.delete", entityType: "RegistrationQuestion", entityId: questionId });
  });
}
