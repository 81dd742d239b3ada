import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { guardedConference } from "./programme-conference.server";

export type SetQuestionVisibilityOptions = { actor: SessionUser | null; slug: string; id: string; shownInBlindReview: boolean };

/**
 * Whether reviewers of a blind call read the answers to one of its questions (decision 072). Organizers
 * always read them; without blind review every reviewer does, whatever this says.
 */
export async function setQuestionVisibility({ actor, slug, id, shownInBlindReview }: SetQuestionVisibilityOptions) {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    const { count } = await tx.cfpQuestion.updateMany({ where: { id, conferenceId: conference.id }, data: { shownInBlindReview } });
    if (count === 0) throw notFound();
    await audit(tx, {
      actorId: actor!.id,
      action: "programme.cfp.question.visibility",
      entityType: "CfpQuestion",
      entityId: id,
      data: { shownInBlindReview },
    });
  });
}
