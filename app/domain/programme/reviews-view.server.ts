import { pick, type AppLocale } from "~/i18n";
import { db } from "~/utils/db.server";
import { canProgramme } from "~/utils/permissions/programme.server";
import type { SessionUser } from "~/utils/session.server";
import { reviewableProposal } from "./review-access.server";
import { conflictOfInterest } from "./review-conflicts.server";
import { isUuid } from "~/utils/validation";

/**
 * What reviewers, organizers and submitters may read of proposals and reviews.
 * Each reader gets a different shape, so a page cannot show what its reader
 * may not see: submitters get no review at all, reviewers see other reviews
 * only after sending theirs and never their authors, organizers see all.
 */

const round = (n: number) => Math.round(n * 10) / 10;
const mean = (xs: number[]) => (xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

/** Proposals the user may review (organizers: all; reviewers: their tracks'), with "reviewed by me". */
export async function reviewQueue(user: SessionUser, conferenceId: string, locale: AppLocale) {
  const organizer = await canProgramme(user, "programme:manage", { conferenceId });
  const proposals = await db().proposal.findMany({
    where: {
      conferenceId,
      status: { not: "WITHDRAWN" },
      NOT: await conflictOfInterest(db(), user, conferenceId),
      ...(organizer ? {} : { track: { reviewers: { some: { userId: user.id } } } }),
    },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      title: true,
      format: true,
      status: true,
      track: { select: { name: true, nameZh: true } },
      reviews: { where: { reviewerId: user.id }, select: { id: true } },
    },
  });
  return proposals.map((p) => ({
    id: p.id,
    title: p.title,
    format: p.format,
    status: p.status,
    track: p.track ? pick(locale, p.track.name, p.track.nameZh) : null,
    reviewed: p.reviews.length > 0,
  }));
}

/** One proposal for its reviewer: the proposal, the criteria, their own review and — once that exists — the others, anonymised. */
export async function reviewPage(user: SessionUser | null, conferenceId: string, proposalId: string, locale: AppLocale) {
  const access = await reviewableProposal(db(), user, conferenceId, proposalId);
  const [proposal, criteria, reviews, blind] = await Promise.all([
    db().proposal.findUniqueOrThrow({
      where: { id: access.id },
      select: {
        id: true,
        title: true,
        abstract: true,
        abstractZh: true,
        format: true,
        language: true,
        status: true,
        track: { select: { name: true, nameZh: true } },
        authors: { orderBy: { position: "asc" }, select: { name: true, affiliation: true } },
        answers: {
          select: { answer: true, question: { select: { label: true, labelZh: true, position: true, shownInBlindReview: true } } },
        },
      },
    }),
    db().reviewCriterion.findMany({
      where: { conferenceId },
      orderBy: { position: "asc" },
      select: { id: true, name: true, nameZh: true, maxScore: true },
    }),
    db().review.findMany({
      where: { proposalId: access.id },
      orderBy: { submittedAt: "asc" },
      select: { reviewerId: true, comment: true, scores: { select: { criterionId: true, score: true } } },
    }),
    blindToReader(user!, conferenceId),
  ]);
  const mine = reviews.find((r) => r.reviewerId === user!.id) ?? null;
  const others = mine ? reviews.filter((r) => r !== mine) : [];
  const { authors, answers, track, ...rest } = proposal;
  return {
    /** Blind review: the authors, and the answers to questions not shown in blind review, were never put on the page (not merely hidden by it). */
    blind,
    proposal: {
      ...rest,
      authors: blind ? [] : authors,
      track: track ? pick(locale, track.name, track.nameZh) : null,
      /** `answer: null`: withheld from this blind reviewer (the page says so). */
      answers: answers
        .sort((a, b) => a.question.position - b.question.position)
        .map((a) => ({
          question: pick(locale, a.question.label, a.question.labelZh),
          answer: blind && !a.question.shownInBlindReview ? null : a.answer,
        })),
    },
    criteria: criteria.map((c) => ({ id: c.id, name: pick(locale, c.name, c.nameZh), maxScore: c.maxScore })),
    mine: mine ? { comment: mine.comment, scores: Object.fromEntries(mine.scores.map((s) => [s.criterionId, s.score])) } : null,
    /** Hidden (null) until the reader has sent their own review. */
    others: mine
      ? others.map((r, i) => ({
          label: i + 1,
          comment: r.comment,
          scores: Object.fromEntries(r.scores.map((s) => [s.criterionId, s.score])),
        }))
      : null,
    hiddenCount: mine ? 0 : reviews.length,
  };
}

/**
 * Whether the call's blind review keeps the authors from this reader: every
 * reviewer, unless they also organize the conference (organizers decide and
 * see everything, decision 022). Decision 072.
 */
async function blindToReader(user: SessionUser, conferenceId: string) {
  const call = await db().callForProposals.findUnique({ where: { conferenceId }, select: { blindReview: true } });
  if (!call?.blindReview) return false;
  return !(await canProgramme(user, "programme:manage", { conferenceId }));
}

/** Every proposal of the conference with its aggregated scores, for the organizers' decisions (a constant number of queries). */
export async function proposalsOverview(conferenceId: string, locale: AppLocale) {
  const [criteria, proposals] = await Promise.all([
    db().reviewCriterion.findMany({
      where: { conferenceId },
      orderBy: { position: "asc" },
      select: { id: true, name: true, nameZh: true, maxScore: true },
    }),
    db().proposal.findMany({
      where: { conferenceId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        title: true,
        format: true,
        status: true,
        sessionId: true,
        track: { select: { name: true, nameZh: true } },
        submitter: { select: { nameLatin: true, email: true } },
        authors: { orderBy: { position: "asc" }, select: { name: true, affiliation: true } },
        reviews: {
          select: { comment: true, reviewer: { select: { nameLatin: true } }, scores: { select: { criterionId: true, score: true } } },
        },
      },
    }),
  ]);
  return {
    criteria: criteria.map((c) => ({ id: c.id, name: pick(locale, c.name, c.nameZh), maxScore: c.maxScore })),
    proposals: proposals.map((p) => {
      const perCriterion = Object.fromEntries(
        criteria.map((c) => [c.id, mean(p.reviews.flatMap((r) => r.scores.filter((s) => s.criterionId === c.id).map((s) => s.score)))]),
      );
      const totals = p.reviews.map((r) => r.scores.reduce((sum, s) => sum + s.score, 0));
      return {
        id: p.id,
        title: p.title,
        format: p.format,
        status: p.status,
        sessionId: p.sessionId,
        track: p.track ? pick(locale, p.track.name, p.track.nameZh) : null,
        submitter: p.submitter.nameLatin,
        authors: p.authors.map((a) => (a.affiliation ? `${a.name} (${a.affiliation})` : a.name)).join(", "),
        reviewCount: p.reviews.length,
        perCriterion,
        average: mean(totals),
        reviews: p.reviews.map((r) => ({ reviewer: r.reviewer.nameLatin, comment: r.comment })),
      };
    }),
  };
}

/** The submitter's own proposals: status only, never a review or a reviewer. */
export function myProposals(userId: string, conferenceId: string) {
  return db().proposal.findMany({
    where: { conferenceId, submitterId: userId },
    orderBy: { createdAt: "asc" },
    select: { id: true, title: true, format: true, status: true, updatedAt: true },
  });
}

/** One of the submitter's proposals with what they entered, for viewing and editing. */
export function myProposal(userId: string, conferenceId: string, proposalId: string) {
  if (!isUuid(proposalId)) return Promise.resolve(null);
  return db().proposal.findFirst({
    where: { id: proposalId, conferenceId, submitterId: userId },
    select: {
      id: true,
      title: true,
      abstract: true,
      abstractZh: true,
      format: true,
      trackId: true,
      language: true,
      status: true,
      authors: { orderBy: { position: "asc" }, select: { name: true, email: true, affiliation: true } },
      answers: { select: { questionId: true, answer: true } },
    },
  });
}
