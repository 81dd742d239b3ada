import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { loadAccordPage, loadClauses } from "./accord-page.server";

export type GetDraftPageOptions = { actor: SessionUser | null; accordId: string };

/** The drafting page of an accord, for its parties (loadAccordPage checks access): clauses, comments, amendments and versions. */
export async function getDraftPage({ actor, accordId }: GetDraftPageOptions) {
  const page = await loadAccordPage(actor, accordId);
  const id = page.accord.id;
  const [clauses, comments, amendments, versions] = await Promise.all([
    loadClauses(id, page.accord.frozenVersion ?? page.accord.currentVersion),
    db().accordComment.findMany({
      where: { accordId: id },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        clauseNumber: true,
        version: true,
        parentId: true,
        authorName: true,
        body: true,
        resolvedAt: true,
        createdAt: true,
      },
    }),
    db().accordAmendment.findMany({
      where: { accordId: id },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        clauseNumber: true,
        language: true,
        baseVersion: true,
        proposedText: true,
        rationale: true,
        proposerName: true,
        status: true,
        rejectReason: true,
      },
    }),
    db().accordVersion.findMany({
      where: { accordId: id },
      orderBy: { number: "desc" },
      select: { number: true, authorName: true, note: true, createdAt: true },
    }),
  ]);
  return { ...page, clauses, comments, amendments, versions };
}
