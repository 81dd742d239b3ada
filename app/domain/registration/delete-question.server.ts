import { requireConfirmed } from "~/utils/confirm";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { audit } from "../audit.server";
import { managedConference, type ManageOptions } from "./manage-context.server";

/**
 * Removes a question (and its answers): the organizers' decision, recorded in the audit log. Refused until
 * `confirmed`, saying how many attendees' answers go with it (decision 065).
 */
export async function deleteQuestion({ actor, slug, questionId, confirmed }: ManageOptions & { questionId: string; confirmed: boolean }) {
  return db().$transaction(async (tx) => {
    const conference = await managedConference(tx, actor, slug);
    const where = { id: questionId, conferenceId: conference.id };
    if (!confirmed) {
      const q = await tx.registrationQuestion.findFirst({ where, select: { labelEn: true, _count: { select: { answers: true } } } });
      if (!q) throw notFound();
      requireConfirmed(false, "reg.confirm.deleteQuestion", { label: q.labelEn, answers: q._count.answers });
    }
    const n = await tx.registrationQuestion.deleteMany({ where });
    if (n.count === 0) throw notFound();
    await audit(tx, { actorId: actor!.id, action: "question.delete", entityType: "RegistrationQuestion", entityId: questionId });
  });
}
