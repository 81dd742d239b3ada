import { pick } from "~/i18n";
import { now } from "~/utils/clock.server";
import { requireConfirmed } from "~/utils/confirm";
import { db } from "~/utils/db.server";
import { AppError, FieldError } from "~/utils/errors";
import { requireAccordsPermission } from "~/utils/permissions/accords.server";
import type { SessionUser } from "~/utils/session.server";
import { appendChain, lockAccord } from "./chain.server";
import { clausesHash } from "./canonical";
import { accordTimeZone, actorOf, keyedClausesOf, personName, signingPeriodEnd, writeVersion } from "./common.server";
import { notifyEveryone, notifyOrgs, notifyUsers, partyOrgIds, signingTurn } from "./notify.server";

export type DeclineAccordOptions = { actor: SessionUser | null; accordId: string; partyId: string; reason: string };

/**
 * A signatory declines to sign for their party, with a reason. The accord
 * stops for everyone (DECLINED: nobody can sign any more) and every party is
 * told why; the initiator may then revise the text as a new accord.
 */
export async function declineAccord(o: DeclineAccordOptions) {
  return db().$transaction(async (tx) => {
    const state = await lockAccord(tx, o.accordId);
    const party = await tx.accordParty.findFirst({
      where: { id: o.partyId, accordId: o.accordId },
      select: { id: true, orgId: true, role: true, declinedAt: true, signature: { select: { id: true } } },
    });
    if (!party) throw new AppError("NOT_FOUND", "accords.notFound");
    await requireAccordsPermission(o.actor, "accord:sign", { partyId: party.id }, tx);
    // A witness is not bound by the text, so it cannot stop the parties' signing round.
    if (party.role !== "PARTY") throw new AppError("FORBIDDEN", "accords.sign.witnessCannotDecline");
    if (state.status === "DECLINED") throw new AppError("DECLINED", "accords.sign.declinedAccord");
    if (state.status !== "SIGNING") throw new AppError("NOT_SIGNING", "accords.sign.notFrozen");
    if (party.signature) throw new AppError("ALREADY_SIGNED", "accords.sign.alreadySigned");
    const at = now();
    await tx.accordParty.update({
      where: { id: party.id },
      data: { declinedAt: at, declinedById: o.actor!.id, declineReason: o.reason },
    });
    await tx.accord.update({ where: { id: o.accordId }, data: { status: "DECLINED", declinedAt: at } });
    await appendChain(tx, state, {
      ...actorOf(o.actor!),
      type: "declined",
      at,
      data: { partyId: party.id, orgId: party.orgId, reason: o.reason },
    });
    state.status = "DECLINED";
    await notifyEveryone(
      tx,
      o.accordId,
      { event: "declined", accordId: o.accordId, actor: personName(o.actor!), reason: o.reason },
      { exceptUserId: o.actor!.id },
    );
  });
}

export type ReviseAccordOptions = { actor: SessionUser | null; accordId: string };

/**
 * After a decline the initiator revises the text: a new accord in drafting,
 * with the same parties, witnesses, signing groups, current signatories and
 * the declined text as its first version. The declined accord stays as it is
 * (its chain ends with "revised"), so each accord has exactly one frozen text
 * and one signing round, and signatures on the declined text never count for
 * the revision (decision 064).
 */
export async function reviseAccord(o: ReviseAccordOptions) {
  return db().$transaction(
    async (tx) => {
      const state = await lockAccord(tx, o.accordId);
      await requireAccordsPermission(o.actor, "accord:withdraw", { accordId: o.accordId }, tx);
      if (state.status !== "DECLINED") throw new AppError("NOT_DECLINED", "accords.revise.notDeclined");
      const old = await tx.accord.findUniqueOrThrow({
        where: { id: o.accordId },
        select: {
          kind: true,
          title: true,
          titleZh: true,
          conferenceId: true,
          initiatorOrgId: true,
          languages: true,
          signingEndsAt: true,
          signingEndsOn: true,
          reminderEveryDays: true,
          revisedAs: { select: { id: true } },
          parties: {
            orderBy: { position: "asc" },
            select: {
              orgId: true,
              role: true,
              position: true,
              signingGroup: true,
              signatories: { where: { endedAt: null }, select: { userId: true, position: true } },
            },
          },
        },
      });
      if (old.revisedAs) throw new AppError("ALREADY_REVISED", "accords.revise.already");
      const actor = o.actor!;
      const { actorId, actorName } = actorOf(actor);
      const stillOpen = old.signingEndsAt && old.signingEndsAt.getTime() > now().getTime();
      const created = await tx.accord.create({
        data: {
          kind: old.kind,
          title: old.title,
          titleZh: old.titleZh,
          conferenceId: old.conferenceId,
          initiatorOrgId: old.initiatorOrgId,
          languages: old.languages,
          signingEndsAt: stillOpen ? old.signingEndsAt : null,
          signingEndsOn: stillOpen ? old.signingEndsOn : null,
          reminderEveryDays: old.reminderEveryDays,
          revisionOfId: o.accordId,
          createdById: actorId!,
          currentVersion: 1,
        },
        select: { id: true },
      });
      for (const p of old.parties) {
        await tx.accordParty.create({
          data: {
            accordId: created.id,
            orgId: p.orgId,
            role: p.role,
            position: p.position,
            signingGroup: p.signingGroup,
            signatories: { create: p.signatories.map((s) => ({ userId: s.userId, position: s.position, designatedById: actorId! })) },
          },
        });
      }
      // The declined text, clause identities included, so comments and history read across the two accords.
      const clauses = await keyedClausesOf(tx, o.accordId, state.frozenVersion ?? state.currentVersion);
      const contentHash = clausesHash(clauses);
      await writeVersion(tx, { accordId: created.id, number: 1, authorId: actorId, authorName: actorName, note: "", contentHash, clauses });
      const next = await lockAccord(tx, created.id);
      const partyOrgs = old.parties.filter((p) => p.role === "PARTY");
      await appendChain(tx, next, {
        actorId,
        actorName,
        type: "created",
        data: {
          kind: old.kind,
          title: old.title,
          titleZh: old.titleZh,
          languages: old.languages,
          parties: partyOrgs.map((p) => p.orgId),
          witnesses: old.parties.filter((p) => p.role === "WITNESS").map((p) => p.orgId),
          groups: partyOrgs.map((p) => p.signingGroup),
          revisionOf: o.accordId,
        },
      });
      await appendChain(tx, next, {
        actorId,
        actorName,
        type: "version.saved",
        data: { version: 1, contentHash, clauses: clauses.length },
      });
      await appendChain(tx, state, { actorId, actorName, type: "revised", data: { revisedAs: created.id } });
      await notifyEveryone(tx, o.accordId, {
        event: "revised",
        accordId: created.id,
        actor: personName(actor),
        path: `/accords/${created.id}/draft`,
      });
      return created;
    },
    { timeout: 30_000 },
  );
}

export type SetSigningScheduleOptions = {
  actor: SessionUser | null;
  accordId: string;
  /** Last day of the signing period (YYYY-MM-DD in the accord's time zone), or null for none. */
  signingEndsOn: string | null;
  /** Automatic reminders every N days, or null for none. */
  reminderEveryDays: number | null;
};

/** The initiator sets the end of the signing period and the reminder interval while the accord is open. */
export async function setSigningSchedule(o: SetSigningScheduleOptions) {
  return db().$transaction(async (tx) => {
    const state = await lockAccord(tx, o.accordId);
    await requireAccordsPermission(o.actor, "accord:withdraw", { accordId: o.accordId }, tx);
    if (state.status !== "DRAFTING" && state.status !== "SIGNING") throw new AppError("ACCORD_CLOSED", "accords.error.closed");
    const zone = await accordTimeZone(tx, o.accordId);
    const endsAt = o.signingEndsOn ? signingPeriodEnd(o.signingEndsOn, zone) : null;
    if (endsAt && endsAt.getTime() <= now().getTime()) throw new FieldError("signingEndsOn", "accords.validation.endsInPast");
    await tx.accord.update({
      where: { id: o.accordId },
      data: {
        signingEndsOn: o.signingEndsOn ? new Date(`${o.signingEndsOn}T00:00:00Z`) : null,
        signingEndsAt: endsAt,
        reminderEveryDays: o.reminderEveryDays,
      },
    });
    await appendChain(tx, state, {
      ...actorOf(o.actor!),
      type: "schedule.changed",
      data: { signingEndsOn: o.signingEndsOn, timeZone: zone, reminderEveryDays: o.reminderEveryDays },
    });
  });
}

export type WithdrawAccordOptions = { actor: SessionUser | null; accordId: string; reason: string; confirmed: boolean };

/**
 * The initiator withdraws the accord before execution; a change after freezing means starting a new accord.
 * Refused until `confirmed`, saying that the accord stops, how many signatures stop counting and how many
 * organizations are told the reason (decision 065).
 */
export async function withdrawAccord(o: WithdrawAccordOptions) {
  return db().$transaction(async (tx) => {
    const state = await lockAccord(tx, o.accordId);
    await requireAccordsPermission(o.actor, "accord:withdraw", { accordId: o.accordId }, tx);
    if (state.status !== "DRAFTING" && state.status !== "SIGNING") throw new AppError("ACCORD_CLOSED", "accords.error.closed");
    if (!o.confirmed) {
      const accord = await tx.accord.findUniqueOrThrow({
        where: { id: o.accordId },
        select: { title: true, titleZh: true, parties: { select: { signature: { select: { id: true } } } } },
      });
      requireConfirmed(false, "accords.confirm.withdraw", {
        title: pick(o.actor!.locale, accord.title, accord.titleZh),
        signed: accord.parties.filter((p) => p.signature).length,
        orgs: accord.parties.length,
        reason: o.reason,
      });
    }
    await tx.accord.update({ where: { id: o.accordId }, data: { status: "WITHDRAWN", withdrawnAt: now(), withdrawReason: o.reason } });
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

export type RemindSignatoriesOptions = { actor: SessionUser | null; accordId: string };

/** The initiator emails every signatory whose turn it is and who has not signed. */
export async function remindSignatories(o: RemindSignatoriesOptions) {
  return db().$transaction(async (tx) => {
    const state = await lockAccord(tx, o.accordId);
    await requireAccordsPermission(o.actor, "accord:remind", { accordId: o.accordId }, tx);
    if (state.status !== "SIGNING") throw new AppError("NOT_SIGNING", "accords.sign.notFrozen");
    const { userIds } = await signingTurn(tx, o.accordId);
    await notifyUsers(tx, userIds, { event: "reminder", accordId: o.accordId, path: `/accords/${o.accordId}/sign` });
    await tx.accord.update({ where: { id: o.accordId }, data: { lastReminderAt: now() } });
    await appendChain(tx, state, { ...actorOf(o.actor!), type: "reminded", data: { recipients: userIds.length } });
    return { sent: userIds.length };
  });
}

/**
 * Background sweep: accords whose signing period ended become EXPIRED (and
 * everyone is told); accords awaiting signatures remind the signatories whose
 * turn it is every `reminderEveryDays` days (none when it is null).
 */
export async function sweepAccords(at = now()) {
  const due = await db().accord.findMany({
    where: { status: { in: ["DRAFTING", "SIGNING"] }, signingEndsAt: { lte: at } },
    select: { id: true },
    take: 100,
  });
  for (const { id } of due) {
    await db().$transaction(async (tx) => {
      const state = await lockAccord(tx, id);
      if (state.status !== "DRAFTING" && state.status !== "SIGNING") return;
      await tx.accord.update({ where: { id }, data: { status: "EXPIRED", expiredAt: at } });
      state.status = "EXPIRED";
      await appendChain(tx, state, { actorId: null, actorName: "Concord", type: "expired", data: {} });
      await notifyEveryone(tx, id, { event: "expired", accordId: id });
    });
  }
  // Due when the last reminder (or the freeze) is at least the accord's interval ago.
  const remind = await db().$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Accord"
    WHERE "status" = 'SIGNING' AND "reminderEveryDays" IS NOT NULL
      AND COALESCE("lastReminderAt", "frozenAt") <= ${at}::timestamptz - make_interval(days => "reminderEveryDays")
    LIMIT 100`;
  for (const { id } of remind) {
    await db().$transaction(async (tx) => {
      const state = await lockAccord(tx, id);
      if (state.status !== "SIGNING") return;
      const { userIds } = await signingTurn(tx, id);
      await notifyUsers(tx, userIds, { event: "reminder", accordId: id, path: `/accords/${id}/sign` });
      await tx.accord.update({ where: { id }, data: { lastReminderAt: at } });
      await appendChain(tx, state, { actorId: null, actorName: "Concord", type: "reminded", data: { recipients: userIds.length } });
    });
  }
  return { expired: due.length, reminded: remind.length };
}
