import { db } from "~/utils/db.server";
import { audit } from "../audit.server";
import { managedConference, type ManageOptions } from "./manage-context.server";
import type { QuestionInput } from "./schemas";

const lines = (text: string | undefined) =>
  (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Adds a question at the end of the form. Choices are stored as given; their Chinese labels in the same order. */
export async function createQuestion({ actor, slug, input }: ManageOptions & { input: QuestionInput }) {
  return db().$transaction(async (tx) => {
    const conference = await managedConference(tx, actor, slug);
    const withChoices = input.kind === "CHOICE" || input.kind === "MULTI_CHOICE";
    const count = await tx.registrationQuestion.count({ where: { conferenceId: conference.id } });
    const q = await tx.registrationQuestion.create({
      data: {
        conferenceId: conference.id,
        kind: input.kind,
        labelEn: input.labelEn,
        labelZh: input.labelZh ?? null,
        required: input.required === "on",
        options: withChoices ? [...new Set(lines(input.options))] : [],
        optionsZh: withChoices ? lines(input.optionsZh) : [],
        position: count + 1,
      },
    });
    await audit(tx, { actorId: actor!.id, action: "question.create", entityType: "RegistrationQuestion", entityId: q.id });
    return q;
  });
}
