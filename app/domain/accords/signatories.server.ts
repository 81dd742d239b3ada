import { now } from "~/utils/clock.server";
import { db, type Tx } from "~/utils/db.server";
import { AppError, FieldError } from "~/utils/errors";
import { requireAccordsPermission } from "~/utils/permissions/accords.server";
import type { SessionUser } from "~/utils/session.server";
import { appendChain, lockAccord } from "./chain.server";
import { actorOf, personName } from "./common.server";
import { notifyTurn, notifyUsers } from "./notify.server";

function assertOpen(status: string) {
  if (status !== "DRAFTING" && status !== "SIGNING") throw new AppError("ACCORD_CLOSED", "accords.error.closed");
}

/**
 * A newly designated signatory is told they are one; if their party's group is
 * signing right now they are also told it is their turn (otherwise that email
 * comes when the earlier groups have signed).
 */
async function welcomeSignatory(tx: Tx, accordId: string, status: string, userId: string, actorName: string) {
  await notifyUsers(tx, [userId], { event: "designated", accordId, actor: actorName });
  if (status === "SIGNING") await notifyTurn(tx, accordId, [userId]);
}

export type DesignateSignatoryOptions = { actor: SessionUser | null; accordId: string; partyId: string; userId: string; position?: string };

/** A party's admin designates one of its members to sign for it. */
export async function designateSignatory(o: DesignateSignatoryOptions) {
  return db().$transaction(async (tx) => {
    const state = await lockAccord(tx, o.accordId);
    const party = await tx.accordParty.findFirst({ where: { id: o.partyId, accordId: o.accordId }, select: { id: true, orgId: true } });
    if (!party) throw new AppError("NOT_FOUND", "accords.notFound");
    await requireAccordsPermission(o.actor, "accord:manage-signatories", { partyId: party.id }, tx);
    assertOpen(state.status);
    const member = await tx.membership.findUnique({
      where: { orgId_userId: { orgId: party.orgId, userId: o.userId } },
      select: { position: true, user: { select: { nameLatin: true, nameNative: true } } },
    });
    if (!member) throw new FieldError("userId", "accords.validation.notMember");
    const active = await tx.accordSignatory.findFirst({
      where: { partyId: party.id, userId: o.userId, endedAt: null },
      select: { id: true },
    });
    if (active) throw new FieldError("userId", "accords.validation.alreadySignatory");
    const row = await tx.accordSignatory.create({
      data: { partyId: party.id, userId: o.userId, position: o.position ?? member.position, designatedById: o.actor!.id },
      select: { id: true },
    });
    await appendChain(tx, state, {
      ...actorOf(o.actor!),
      type: "signatory.designated",
      data: { partyId: party.id, userId: o.userId, name: personName(member.user) },
    });
    await welcomeSignatory(tx, o.accordId, state.status, o.userId, personName(o.actor!));
    return row;
  });
}

export type DelegateSignatoryOptions = { actor: SessionUser | null; accordId: string; signatoryId: string; userId: string; reason: string };

/**
 * Moves a signatory's authority to another member (reason recorded): the
 * original designation ends, so the delegated-away person can no longer sign.
 */
export async function delegateSignatory(o: DelegateSignatoryOptions) {
  return db().$transaction(async (tx) => {
    const state = await lockAccord(tx, o.accordId);
    const from = await tx.accordSignatory.findFirst({
      where: { id: o.signatoryId, endedAt: null, party: { accordId: o.accordId } },
      select: { id: true, userId: true, position: true, party: { select: { id: true, orgId: true } } },
    });
    if (!from) throw new AppError("NOT_FOUND", "accords.notFound");
    await requireAccordsPermission(o.actor, "accord:manage-signatories", { partyId: from.party.id }, tx);
    assertOpen(state.status);
    if (from.userId === o.userId) throw new FieldError("userId", "accords.validation.alreadySignatory");
    const member = await tx.membership.findUnique({
      where: { orgId_userId: { orgId: from.party.orgId, userId: o.userId } },
      select: { position: true, user: { select: { nameLatin: true, nameNative: true } } },
    });
    if (!member) throw new FieldError("userId", "accords.validation.notMember");
    await tx.accordSignatory.update({ where: { id: from.id }, data: { endedAt: now() } });
    const row = await tx.accordSignatory.create({
      data: {
        partyId: from.party.id,
        userId: o.userId,
        position: member.position,
        designatedById: o.actor!.id,
        delegatedFromId: from.userId,
        delegateReason: o.reason,
      },
      select: { id: true },
    });
    await appendChain(tx, state, {
      ...actorOf(o.actor!),
      type: "signatory.delegated",
      data: { partyId: from.party.id, fromUserId: from.userId, toUserId: o.userId, name: personName(member.user), reason: o.reason },
    });
    // The person who no longer signs hears it from Concord, not by finding the button gone.
    if (from.userId !== o.actor!.id) {
      await notifyUsers(tx, [from.userId], {
        event: "delegated-away",
        accordId: o.accordId,
        actor: personName(o.actor!),
        delegate: personName(member.user),
        reason: o.reason,
      });
    }
    await welcomeSignatory(tx, o.accordId, state.status, o.userId, personName(o.actor!));
    return row;
  });
}
