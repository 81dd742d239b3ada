import { db, type Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { requireAccordsPermission } from "~/utils/permissions/accords.server";
import type { SessionUser } from "~/utils/session.server";
import { appendChain, lockAccord } from "./chain.server";
import { actorOf, personName } from "./common.server";
import { notifyOrgs, notifyUsers, partyOrgIds } from "./notify.server";

export type DeclineAccordOptions = { actor: SessionUser | null; accordId: string; partyId: string; reason: string };

/** A signatory declines to sign for their party, with a reason; the accord cannot be executed as it stands. */
export async function declineAccord(o: DeclineAccordOptions) {
  return db().$transaction(async (tx) => {
    const state = await lockAccord(tx, o.accordId);
    const party = await tx.accordParty.findFirst({
      where: { id: o.partyId, accordId: o.accordId },
      select: { id: true, orgId: true, declinedAt: true, signature: { select: { id: true } } },
    });
    if (!party) throw new AppError("NOT_FOUND", "accords.notFound");
    await requireAccordsPermission(o.actor, "accord:sign", { partyId: party.id }, tx);
    if (state.status !== "SIGNING") throw new AppError("NOT_SIGNING", "accords.sign.notFrozen");
    if (party.signature) throw new AppError("ALREADY_SIGNED", "accords.sign.alreadySigned");
    if (party.declinedAt) throw new AppError("DECLINED", "accords.sign.declined");
    await tx.accordParty.update({
      where: { id: party.id },
      data: { declinedAt: new Date(), declinedById: o.actor!.id, declineReason: o.reason },
    });
    await appendChain(tx, state, {
      ...actorOf(o.actor!),
      type: "declined",
      data: { partyId: party.id, orgId: party.orgId, reason: o.reason },
    });
    await notifyOrgs(
      tx,
      await partyOrgIds(tx, o.accordId),
      { event: "declined", accordId: o.accordId, actor: personName(o.actor!), reason: o.reason },
      { role: "ADMIN" },
    );
  });
}

export type WithdrawAccordOptions = { actor: SessionUser | null; accordId: string; reason: string };

/** The initiator withdraws the accord before execution; a change after freezing means starting a new accord. */
export async function withdrawAccord(o: WithdrawAccordOptions) {
  return db().$transaction(async (tx) => {
    const state = await lockAccord(tx, o.accordId);
    await requireAccordsPermission(o.actor, "accord:withdraw", { accordId: o.accordId }, tx);
    if (state.status !== "DRAFTING" && state.status !== "SIGNING") throw new AppError("ACCORD_CLOSED", "accords.error.closed");
    await tx.accord.update({ where: { id: o.accordId }, data: { status: "WITHDRAWN", withdrawnAt: new Date(), withdrawReason: o.reason } });
    state.status = "WITHDRAWN";
    await appendChain(tx, state, { ...actorOf(o.actor!), type: "withdrawn", data: { reason: o.reason } });
    await notifyOrgs(
      tx,
      await partyOrgIds(tx, o.accordId),
      { event: "withdrawn", accordId: o.accordId, actor: personName(o.actor!), reason: o.reason },
      { exceptUserId: o.actor!.id, role: "ADMIN" },
    );
  });
}

/** Signatories whose party may sign now (its group's turn) and has not signed or declined. */
async function pendingSignatories(tx: Tx, accordId: string) {
  const parties = await tx.accordParty.findMany({
    where: { accordId, role: "PARTY" },
    select: {
      signingGroup: true,
      declinedAt: true,
      signature: { select: { id: true } },
      signatories: { where: { endedAt: null }, select: { userId: true } },
    },
  });
  const open = parties.filter((p) => !p.signature);
  const turn = Math.min(...open.map((p) => p.signingGroup));
  return open.filter((p) => p.signingGroup === turn && !p.declinedAt).flatMap((p) => p.signatories.map((s) => s.userId));
}

export type RemindSignatoriesOptions = { actor: SessionUser | null; accordId: string };

/** The initiator emails every signatory whose turn it is and who has not signed. */
export async function remindSignatories(o: RemindSignatoriesOptions) {
  return db().$transaction(async (tx) => {
    const state = await lockAccord(tx, o.accordId);
    await requireAccordsPermission(o.actor, "accord:remind", { accordId: o.accordId }, tx);
    if (state.status !== "SIGNING") throw new AppError("NOT_SIGNING", "accords.sign.notFrozen");
    const userIds = await pendingSignatories(tx, o.accordId);
    await notifyUsers(tx, userIds, { event: "reminder", accordId: o.accordId, path: `/accords/${o.accordId}/sign` });
    await tx.accord.update({ where: { id: o.accordId }, data: { lastReminderAt: new Date() } });
    await appendChain(tx, state, { ...actorOf(o.actor!), type: "reminded", data: { recipients: userIds.length } });
    return { sent: userIds.length };
  });
}

/**
 * Background sweep: accords whose signing period ended become EXPIRED (and
 * their parties are told); accords still open get a daily automatic reminder.
 */
export async function sweepAccords(now = new Date()) {
  const due = await db().accord.findMany({
    where: { status: { in: ["DRAFTING", "SIGNING"] }, signingEndsAt: { lte: now } },
    select: { id: true },
    take: 100,
  });
  for (const { id } of due) {
    await db().$transaction(async (tx) => {
      const state = await lockAccord(tx, id);
      if (state.status !== "DRAFTING" && state.status !== "SIGNING") return;
      await tx.accord.update({ where: { id }, data: { status: "EXPIRED", expiredAt: now } });
      state.status = "EXPIRED";
      await appendChain(tx, state, { actorId: null, actorName: "Concord", type: "expired", data: {} });
      await notifyOrgs(tx, await partyOrgIds(tx, id), { event: "expired", accordId: id }, { role: "ADMIN" });
    });
  }
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  const remind = await db().accord.findMany({
    where: { status: "SIGNING", OR: [{ lastReminderAt: null, frozenAt: { lte: dayAgo } }, { lastReminderAt: { lte: dayAgo } }] },
    select: { id: true },
    take: 100,
  });
  for (const { id } of remind) {
    await db().$transaction(async (tx) => {
      const state = await lockAccord(tx, id);
      if (state.status !== "SIGNING") return;
      const userIds = await pendingSignatories(tx, id);
      await notifyUsers(tx, userIds, { event: "reminder", accordId: id, path: `/accords/${id}/sign` });
      await tx.accord.update({ where: { id }, data: { lastReminderAt: now } });
      await appendChain(tx, state, { actorId: null, actorName: "Concord", type: "reminded", data: { recipients: userIds.length } });
    });
  }
  return { expired: due.length, reminded: remind.length };
}
