import type { z } from "zod";
import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { guardedConference } from "./programme-conference.server";
import type { criterionSchema, questionSchema } from "./schema";

export type CfpItem = z.output<typeof questionSchema> | z.output<typeof criterionSchema>;
export type SaveCfpItemOptions = { actor: SessionUser | null; slug: string; item: CfpItem };

/** Adds a custom question of the call, or a criterion reviewers score on, at the end of its list. */
export async function saveCfpItem({ actor, slug, item }: SaveCfpItemOptions) {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    const conferenceId = conference.id;
    const id =
      item.intent === "question"
        ? (
            await tx.cfpQuestion.create({
              data: {
                conferenceId,
                label: item.label,
                labelZh: item.labelZh ?? null,
                required: item.required,
                shownInBlindReview: item.shownInBlindReview,
                position: await tx.cfpQuestion.count({ where: { conferenceId } }),
              },
              select: { id: true },
            })
          ).id
        : (
            await tx.reviewCriterion.create({
              data: {
                conferenceId,
                name: item.name,
                nameZh: item.nameZh ?? null,
                maxScore: item.maxScore,
                position: await tx.reviewCriterion.count({ where: { conferenceId } }),
              },
              select: { id: true },
            })
          ).id;
    await audit(tx, {
      actorId: actor!.id,
      action: `programme.cfp.${item.intent}.create`,
      entityType: item.intent === "question" ? "CfpQuestion" : "ReviewCriterion",
      entityId: id,
      data: item,
    });
    return { id };
  });
}
