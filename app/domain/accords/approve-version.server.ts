import { now } from "~/utils/clock.server";
import { db, type Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { requireAccordsPermission } from "~/utils/permissions/accords.server";
import type { SessionUser } from "~/utils/session.server";
import { canonicalDocument, sha256Hex } from "./canonical";
import { appendChain, lockAccord, type LockedAccord } from "./chain.server";
import { actorOf, canonicalInputs } from "./common.server";
import { assertDrafting } from "./create-accord.server";
import { notifyOrgs, notifyTurn, partyOrgIds } from "./notify.server";

export type ApproveVersionOptions = { actor: SessionUser | null; accordId: string; partyId: string; version: number };

/**
 * A party's admin approves the current version as final. When every party has
 * approved the same (current) version the text is frozen in the same
 * transaction: its canonical form and document hash are stored for good.
 */
export async function approveVersion(o: ApproveVersionOptions) {
  return db().$transaction(async (tx) => {
    const state = await lockAccord(tx, o.accordId);
    const party = await tx.accordParty.findFirst({ where: { id: o.partyId, accordId: o.accordId }, select: { id: true, orgId: true } });
    if (!party) throw new AppError("NOT_FOUND", "accords.notFound");
    await requireAccordsPermission(o.actor, "accord:approve", { partyId: o.partyId }, tx);
    assertDrafting(state.status);
    // Approving what one read, not what someone saved a second ago.
    if (o.version !== state.currentVersion)
      throw new AppError("STALE_VERSION", "accords.error.staleApproval", { current: state.currentVersion });
    await assertInStep(tx, o.accordId, o.version);
    await tx.accordParty.update({
      where: { id: party.id },
      data: { approvedVersion: o.version, approvedAt: now(), approvedById: o.actor!.id },
    });
    await appendChain(tx, state, {
      ...actorOf(o.actor!),
      type: "version.approved",
      data: { partyId: party.id, orgId: party.orgId, version: o.version },
    });
    const pending = await tx.accordParty.count({
      where: { accordId: o.accordId, role: "PARTY", OR: [{ approvedVersion: null }, { approvedVersion: { not: o.version } }] },
    });
    if (pending === 0) return { frozen: true, documentHash: await freeze(tx, state, o.actor!) };
    return { frozen: false, documentHash: null };
  });
}

/** Refuses while any clause of the version has a language still to be brought in step with another's change. */
async function assertInStep(tx: Tx, accordId: string, version: number) {
  const behind = await tx.accordClause.findMany({
    where: { version: { accordId, number: version }, outOfStep: true },
    orderBy: [{ number: "asc" }, { language: "asc" }],
    select: { number: true, language: true },
  });
  if (behind.length > 0) {
    const list = behind.map((c) => `${c.number} (${c.language})`).join(", ");
    throw new AppError("OUT_OF_STEP", "accords.error.outOfStep", { clauses: list });
  }
}

async function freeze(tx: Tx, state: LockedAccord, actor: SessionUser) {
  await assertInStep(tx, state.id, state.currentVersion);
  const doc = await canonicalInputs(tx, state.id, state.currentVersion);
  if (doc.clauses.length === 0) throw new AppError("EMPTY_TEXT", "accords.error.emptyText");
  const canonicalText = canonicalDocument(doc);
  const documentHash = sha256Hex(canonicalText);
  await tx.accord.update({
    where: { id: state.id },
    data: { status: "SIGNING", frozenVersion: state.currentVersion, canonicalText, documentHash, frozenAt: now() },
  });
  state.status = "SIGNING";
  state.frozenVersion = state.currentVersion;
  state.documentHash = documentHash;
  await appendChain(tx, state, { ...actorOf(actor), type: "frozen", data: { version: state.currentVersion, documentHash } });
  await notifyOrgs(tx, await partyOrgIds(tx, state.id), { event: "frozen", accordId: state.id, documentHash }, { role: "ADMIN" });
  // Only the first signing group is asked now; later groups are told when their turn comes.
  await notifyTurn(tx, state.id);
  return documentHash;
}
