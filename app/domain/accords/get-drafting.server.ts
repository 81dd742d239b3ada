import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { amendmentConflicts } from "./amendments.server";
import { summarizeChanges } from "./clause-diff";
import { groupKeyedClauses, type KeyedClause } from "./common.server";
import { diffWords } from "./diff";
import { listComments } from "./list-comments.server";

/** How many versions the history lists with what each changed. */
export const HISTORY_LENGTH = 30;

export type GetDraftingOptions = {
  viewer: SessionUser;
  accord: { id: string; languages: string[]; currentVersion: number; frozenVersion: number | null };
};

/**
 * The drafting page's data for one viewer (whose access the caller checked):
 * the text with clause identities, the comments the viewer may read, every
 * amendment with its redline against the current text and whether the clause
 * changed since it was written, and the version history with what changed.
 */
export async function getDrafting(o: GetDraftingOptions) {
  const { accord } = o;
  const shown = accord.frozenVersion ?? accord.currentVersion;
  const [versionRows, comments, amendmentRows] = await Promise.all([
    db().accordVersion.findMany({
      where: { accordId: accord.id, number: { gt: Math.max(0, accord.currentVersion - HISTORY_LENGTH - 1) } },
      orderBy: { number: "desc" },
      select: {
        number: true,
        authorName: true,
        note: true,
        createdAt: true,
        clauses: { select: { key: true, number: true, language: true, text: true, outOfStep: true } },
      },
    }),
    listComments({ viewer: o.viewer, accordId: accord.id }),
    db().accordAmendment.findMany({
      where: { accordId: accord.id },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        clauseKey: true,
        baseVersion: true,
        rationale: true,
        proposerName: true,
        status: true,
        decidedByName: true,
        rejectReason: true,
        resultVersion: true,
        texts: { orderBy: { language: "asc" }, select: { language: true, baseText: true, proposedText: true } },
      },
    }),
  ]);
  const byNumber = new Map<number, KeyedClause[]>(versionRows.map((v) => [v.number, groupKeyedClauses(v.clauses)]));
  const clauses = byNumber.get(shown) ?? [];
  const current = new Map(clauses.map((c) => [c.key, c]));
  const amendments = amendmentRows.map((a) => {
    const clause = current.get(a.clauseKey);
    const conflicts = a.status === "PROPOSED" && clause ? amendmentConflicts(clause, a.texts) : [];
    return {
      ...a,
      clauseNumber: clause?.number ?? null,
      gone: !clause,
      conflicts,
      texts: a.texts.map((t) => {
        const now = clause?.text[t.language] ?? "";
        return {
          ...t,
          currentText: now,
          // The redline: a pending proposal against the text as it stands; a decided one against its base.
          redline: diffWords(a.status === "PROPOSED" && clause ? now : t.baseText, t.proposedText),
        };
      }),
    };
  });
  const versions = versionRows
    .filter((v) => v.number === 1 || byNumber.has(v.number - 1))
    .map((v) => {
      const prev = byNumber.get(v.number - 1);
      const these = byNumber.get(v.number)!;
      return {
        number: v.number,
        authorName: v.authorName,
        note: v.note,
        createdAt: v.createdAt,
        clauseCount: these.length,
        changes: prev ? summarizeChanges(prev, these, accord.languages) : null,
      };
    });
  return { clauses, shownVersion: shown, comments, amendments, versions };
}
