import { db } from "~/utils/db.server";
import { AppError, FieldError } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { programmeConference } from "./programme-conference.server";
import { reviewableProposal } from "./review-access.server";
import type { ReviewInput } from "./schema";

export type SubmitReviewOptions = { actor: SessionUser | null; slug: string; proposalId: string; input: ReviewInput };

/**
 * A reviewer scores a proposal on every criterion of the conference, with a
 * comment; sending again replaces their own review. Undecided proposals only.
 */
export async function submitReview({ actor, slug, proposalId, input }: SubmitReviewOptions) {
  return db().$transaction(async (tx) => {
    const conference = await programmeConference(tx, slug);
    const proposal = await reviewableProposal(tx, actor, conference.id, proposalId);
    if (proposal.status !== "SUBMITTED") throw new AppError("PROPOSAL_FINAL", "programme.review.decided");
    const criteria = await tx.reviewCriterion.findMany({
      where: { conferenceId: conference.id },
      orderBy: { position: "asc" },
      select: { id: true, maxScore: true },
    });
    const scores = criteria.map((c) => {
      const score = input.scores[c.id];
      if (score === undefined) throw new FieldError(`scores.${c.id}`, "validation.required");
      if (score < 0 || score > c.maxScore) throw new FieldError(`scores.${c.id}`, "programme.validation.number");
      return { criterionId: c.id, score };
    });
    const review = await tx.review.upsert({
      where: { proposalId_reviewerId: { proposalId, reviewerId: actor!.id } },
      create: { proposalId, reviewerId: actor!.id, comment: input.comment ?? "" },
      update: { comment: input.comment ?? "", submittedAt: new Date() },
      select: { id: true },
    });
    await tx.reviewScore.deleteMany({ where: { reviewId: review.id } });
    if (scores.length) await tx.reviewScore.createMany({ data: scores.map((s) => ({ ...s, reviewId: review.id })) });
    await audit(tx, {
      actorId: actor!.id,
      action: "programme.review.submit",
      entityType: "Proposal",
      entityId: proposalId,
      data: { scores },
    });
    return { id: review.id };
  });
}
