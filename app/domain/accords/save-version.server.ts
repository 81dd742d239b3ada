import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { requireAccordsPermission } from "~/utils/permissions/accords.server";
import type { SessionUser } from "~/utils/session.server";
import { clausesHash } from "./canonical";
import { appendChain, lockAccord } from "./chain.server";
import { actorOf, keyedClausesOf, tidyClauses, writeVersion, type ClauseInput, type KeyedClause } from "./common.server";
import { assertDrafting } from "./create-accord.server";
import { MAX_CLAUSES } from "./schema";
import { notifyOrgs, partyOrgIds } from "./notify.server";

export type SaveVersionOptions = {
  actor: SessionUser | null;
  accordId: string;
  /** The version the editor started from: saving over a newer one is refused (no lost edits). */
  baseVersion: number;
  /** The whole text in order: kept clauses carry their key, new ones none; a clause left without text is deleted. */
  clauses: ClauseInput[];
  note?: string;
};

/** Saves the edited text as a new version (n + 1). */
export async function saveVersion(o: SaveVersionOptions) {
  return db().$transaction(async (tx) => {
    const state = await lockAccord(tx, o.accordId);
    await requireAccordsPermission(o.actor, "accord:edit", { accordId: o.accordId }, tx);
    assertDrafting(state.status);
    if (o.baseVersion !== state.currentVersion) {
      throw new AppError("STALE_VERSION", "accords.error.staleVersion", { current: state.currentVersion });
    }
    const accord = await tx.accord.findUniqueOrThrow({ where: { id: o.accordId }, select: { languages: true } });
    const previous = await keyedClausesOf(tx, o.accordId, state.currentVersion);
    const clauses = tidyClauses(o.clauses, accord.languages, previous);
    if (clauses.length > MAX_CLAUSES) throw new AppError("TOO_MANY_CLAUSES", "accords.validation.tooManyClauses");
    return commitVersion(tx, state, o.actor!, clauses, o.note ?? "");
  });
}

/** Writes version n + 1 and its chain entry; used by saving and by accepting an amendment. */
export async function commitVersion(
  tx: Parameters<typeof writeVersion>[0],
  state: Awaited<ReturnType<typeof lockAccord>>,
  actor: SessionUser,
  clauses: KeyedClause[],
  note: string,
) {
  const number = state.currentVersion + 1;
  const { actorId, actorName } = actorOf(actor);
  const contentHash = clausesHash(clauses);
  await writeVersion(tx, { accordId: state.id, number, authorId: actorId, authorName: actorName, note, contentHash, clauses });
  await tx.accord.update({ where: { id: state.id }, data: { currentVersion: number } });
  state.currentVersion = number;
  await appendChain(tx, state, {
    actorId,
    actorName,
    type: "version.saved",
    data: { version: number, contentHash, clauses: clauses.length, note },
  });
  await notifyOrgs(
    tx,
    await partyOrgIds(tx, state.id),
    { event: "version", accordId: state.id, actor: actorName, path: `/accords/${state.id}/draft` },
    { role: "ADMIN", exceptUserId: actorId },
  );
  return { version: number };
}
