import { db } from "~/utils/db.server";
import { AppError, FieldError } from "~/utils/errors";
import { requireAccordsPermission } from "~/utils/permissions/accords.server";
import type { SessionUser } from "~/utils/session.server";
import { normalizeText } from "./canonical";
import { appendChain, lockAccord } from "./chain.server";
import { actorOf, clausesOf } from "./common.server";
import { assertDrafting } from "./create-accord.server";
import { notifyOrgs, notifyUsers } from "./notify.server";
import { commitVersion } from "./save-version.server";

export type ProposeAmendmentOptions = {
  actor: SessionUser | null;
  accordId: string;
  clauseNumber: number;
  language: string;
  proposedText: string;
  rationale?: string;
};

/** A party proposes new wording for one clause in one language. */
export async function proposeAmendment(o: ProposeAmendmentOptions) {
  return db().$transaction(async (tx) => {
    const state = await lockAccord(tx, o.accordId);
    await requireAccordsPermission(o.actor, "accord:propose", { accordId: o.accordId }, tx);
    assertDrafting(state.status);
    const accord = await tx.accord.findUniqueOrThrow({
      where: { id: o.accordId },
      select: { languages: true, initiatorOrgId: true, parties: { select: { orgId: true } } },
    });
    if (!accord.languages.includes(o.language)) throw new FieldError("language", "accords.validation.noSuchLanguage");
    const clauses = await clausesOf(tx, o.accordId, state.currentVersion);
    if (!clauses.some((c) => c.number === o.clauseNumber)) throw new FieldError("clauseNumber", "accords.validation.noSuchClause");
    // The proposing party: the actor's first organization among the parties.
    const membership = await tx.membership.findFirst({
      where: { userId: o.actor!.id, orgId: { in: accord.parties.map((p) => p.orgId) } },
      select: { orgId: true },
    });
    const { actorId, actorName } = actorOf(o.actor!);
    const amendment = await tx.accordAmendment.create({
      data: {
        accordId: o.accordId,
        clauseNumber: o.clauseNumber,
        language: o.language,
        baseVersion: state.currentVersion,
        proposedText: normalizeText(o.proposedText),
        rationale: o.rationale ?? "",
        proposerOrgId: membership!.orgId,
        proposerId: actorId,
        proposerName: actorName,
      },
      select: { id: true },
    });
    await appendChain(tx, state, {
      actorId,
      actorName,
      type: "amendment.proposed",
      data: { amendmentId: amendment.id, clause: o.clauseNumber, language: o.language, baseVersion: state.currentVersion },
    });
    await notifyOrgs(
      tx,
      [accord.initiatorOrgId],
      { event: "amendment-proposed", accordId: o.accordId, actor: actorName, path: `/accords/${o.accordId}/draft` },
      { role: "ADMIN", exceptUserId: actorId },
    );
    return amendment;
  });
}

export type DecideAmendmentOptions = {
  actor: SessionUser | null;
  accordId: string;
  amendmentId: string;
  decision: "accept" | "reject";
  reason?: string;
};

/** The initiator's editors accept an amendment (a new version with that wording) or reject it with a reason. */
export async function decideAmendment(o: DecideAmendmentOptions) {
  return db().$transaction(async (tx) => {
    const state = await lockAccord(tx, o.accordId);
    await requireAccordsPermission(o.actor, "accord:edit", { accordId: o.accordId }, tx);
    assertDrafting(state.status);
    const amendment = await tx.accordAmendment.findFirst({ where: { id: o.amendmentId, accordId: o.accordId } });
    if (!amendment) throw new AppError("NO_SUCH_AMENDMENT", "accords.validation.noSuchAmendment");
    if (amendment.status !== "PROPOSED") throw new AppError("ALREADY_DECIDED", "accords.error.amendmentDecided");
    if (o.decision === "reject" && !o.reason) throw new FieldError("reason", "accords.validation.reasonRequired");
    const { actorId, actorName } = actorOf(o.actor!);
    let resultVersion: number | null = null;
    if (o.decision === "accept") {
      const clauses = await clausesOf(tx, o.accordId, state.currentVersion);
      const clause = clauses.find((c) => c.number === amendment.clauseNumber);
      // The clause may have been removed since the proposal (a later version): nothing to apply it to.
      if (!clause) throw new AppError("CLAUSE_GONE", "accords.error.clauseGone");
      clause.text[amendment.language] = amendment.proposedText;
      ({ version: resultVersion } = await commitVersion(tx, state, o.actor!, clauses, `Amendment by ${amendment.proposerName}`));
    }
    await tx.accordAmendment.update({
      where: { id: amendment.id },
      data: {
        status: o.decision === "accept" ? "ACCEPTED" : "REJECTED",
        decidedById: actorId,
        decidedAt: new Date(),
        rejectReason: o.reason ?? null,
        resultVersion,
      },
    });
    await appendChain(tx, state, {
      actorId,
      actorName,
      type: "amendment.decided",
      data: { amendmentId: amendment.id, decision: o.decision, reason: o.reason ?? null, resultVersion },
    });
    await notifyUsers(tx, [amendment.proposerId], {
      event: o.decision === "accept" ? "amendment-accepted" : "amendment-rejected",
      accordId: o.accordId,
      actor: actorName,
      reason: o.reason,
      path: `/accords/${o.accordId}/draft`,
    });
    return { resultVersion };
  });
}
