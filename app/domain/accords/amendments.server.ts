import { now } from "~/utils/clock.server";
import { db } from "~/utils/db.server";
import { AppError, FieldError } from "~/utils/errors";
import { requireAccordsPermission } from "~/utils/permissions/accords.server";
import type { SessionUser } from "~/utils/session.server";
import { normalizeText } from "./canonical";
import { appendChain, lockAccord } from "./chain.server";
import { actorOf, keyedClausesOf, type KeyedClause } from "./common.server";
import { assertDrafting } from "./create-accord.server";
import { notifyOrgs, notifyUsers } from "./notify.server";
import { commitVersion } from "./save-version.server";

export type ProposeAmendmentOptions = {
  actor: SessionUser | null;
  accordId: string;
  /** The clause's identity (AccordClause.key), not its number. */
  clauseKey: string;
  /** Proposed wording per language; languages left out or unchanged are not part of the amendment. */
  texts: Record<string, string | undefined>;
  rationale?: string;
};

/**
 * A party proposes new wording for one clause, in one or more languages. The
 * amendment records the clause's key, the version it was written against and
 * that version's text of each language it changes, so accepting it later
 * changes exactly this clause and sees whether someone changed it meanwhile.
 */
export async function proposeAmendment(o: ProposeAmendmentOptions) {
  return db().$transaction(async (tx) => {
    const state = await lockAccord(tx, o.accordId);
    await requireAccordsPermission(o.actor, "accord:propose", { accordId: o.accordId }, tx);
    assertDrafting(state.status);
    const accord = await tx.accord.findUniqueOrThrow({
      where: { id: o.accordId },
      select: { languages: true, initiatorOrgId: true, parties: { select: { orgId: true } } },
    });
    for (const l of Object.keys(o.texts)) {
      if (o.texts[l] !== undefined && !accord.languages.includes(l)) throw new FieldError(l, "accords.validation.noSuchLanguage");
    }
    const clause = (await keyedClausesOf(tx, o.accordId, state.currentVersion)).find((c) => c.key === o.clauseKey);
    if (!clause) throw new FieldError("clauseKey", "accords.validation.noSuchClause");
    const texts = accord.languages
      .map((language) => ({ language, baseText: clause.text[language] ?? "", proposedText: normalizeText(o.texts[language] ?? "") }))
      .filter((t) => o.texts[t.language] !== undefined && t.proposedText !== "" && t.proposedText !== t.baseText);
    if (texts.length === 0) throw new AppError("NO_CHANGE", "accords.amend.noChange");
    // The proposing party: the actor's first organization among the parties.
    const membership = await tx.membership.findFirst({
      where: { userId: o.actor!.id, orgId: { in: accord.parties.map((p) => p.orgId) } },
      orderBy: { orgId: "asc" },
      select: { orgId: true },
    });
    const { actorId, actorName } = actorOf(o.actor!);
    const amendment = await tx.accordAmendment.create({
      data: {
        accordId: o.accordId,
        clauseKey: clause.key,
        baseVersion: state.currentVersion,
        rationale: o.rationale ?? "",
        proposerOrgId: membership!.orgId,
        proposerId: actorId,
        proposerName: actorName,
        texts: { create: texts },
      },
      select: { id: true },
    });
    await appendChain(tx, state, {
      actorId,
      actorName,
      type: "amendment.proposed",
      data: {
        amendmentId: amendment.id,
        clause: clause.number,
        clauseKey: clause.key,
        languages: texts.map((t) => t.language),
        baseVersion: state.currentVersion,
      },
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

/** Languages of an amendment whose clause text changed since the amendment was written. */
export function amendmentConflicts(clause: KeyedClause, texts: { language: string; baseText: string }[]) {
  return texts.filter((t) => (clause.text[t.language] ?? "") !== t.baseText).map((t) => t.language);
}

/**
 * The clause with the amendment applied: the amended languages get the
 * proposed text and are in step again. Every other language of the clause is
 * now out of step until someone brings it in line, unless the amendment only
 * brought languages that were out of step in line with the others.
 */
export function applyAmendment(clause: KeyedClause, texts: { language: string; proposedText: string }[]): KeyedClause {
  const amended = new Set(texts.map((t) => t.language));
  const catchingUp = texts.every((t) => clause.outOfStep.includes(t.language));
  const text = { ...clause.text };
  for (const t of texts) text[t.language] = t.proposedText;
  const outOfStep = Object.keys(text).filter((l) => !amended.has(l) && (!catchingUp || clause.outOfStep.includes(l)));
  return { ...clause, text, outOfStep };
}

export type DecideAmendmentOptions = {
  actor: SessionUser | null;
  accordId: string;
  amendmentId: string;
  decision: "accept" | "reject";
  reason?: string;
  /**
   * When the clause changed since the amendment was written, accepting it
   * needs the number of the current version the decider compared it with.
   */
  conflictSeenOn?: number;
};

/** The initiator's editors accept an amendment (a new version with that wording) or reject it with a reason. */
export async function decideAmendment(o: DecideAmendmentOptions) {
  return db().$transaction(async (tx) => {
    const state = await lockAccord(tx, o.accordId);
    await requireAccordsPermission(o.actor, "accord:edit", { accordId: o.accordId }, tx);
    assertDrafting(state.status);
    const amendment = await tx.accordAmendment.findFirst({
      where: { id: o.amendmentId, accordId: o.accordId },
      include: { texts: true },
    });
    if (!amendment) throw new AppError("NO_SUCH_AMENDMENT", "accords.validation.noSuchAmendment");
    if (amendment.status !== "PROPOSED") throw new AppError("ALREADY_DECIDED", "accords.error.amendmentDecided");
    if (o.decision === "reject" && !o.reason) throw new FieldError("reason", "accords.validation.reasonRequired");
    const { actorId, actorName } = actorOf(o.actor!);
    let resultVersion: number | null = null;
    if (o.decision === "accept") {
      const clauses = await keyedClausesOf(tx, o.accordId, state.currentVersion);
      const index = clauses.findIndex((c) => c.key === amendment.clauseKey);
      // The clause was deleted since the proposal: nothing to apply it to.
      if (index < 0) throw new AppError("CLAUSE_GONE", "accords.error.clauseGone");
      const conflicts = amendmentConflicts(clauses[index], amendment.texts);
      if (conflicts.length > 0 && o.conflictSeenOn !== state.currentVersion) {
        throw new AppError("AMENDMENT_CONFLICT", "accords.error.amendmentConflict", { n: clauses[index].number });
      }
      clauses[index] = applyAmendment(clauses[index], amendment.texts);
      ({ version: resultVersion } = await commitVersion(tx, state, o.actor!, clauses, `Amendment by ${amendment.proposerName}`));
    }
    await tx.accordAmendment.update({
      where: { id: amendment.id },
      data: {
        status: o.decision === "accept" ? "ACCEPTED" : "REJECTED",
        decidedById: actorId,
        decidedByName: actorName,
        decidedAt: now(),
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
