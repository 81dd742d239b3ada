import { db, type Tx } from "~/utils/db.server";
import { AppError, notFound, unauthorized, FieldError } from "~/utils/errors";
import { requireRegistrationPermission } from "~/utils/permissions/registration.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { confirmInTx } from "./confirm.server";
import { formatMoney, parseMoney } from "./money";
import { quotaIdsOf, tryTakePlaces } from "./quota.server";

/**
 * `amount` is the decimal text the organizer typed, read in the registration's own currency.
 * `anyway` is the organizer's answer to a warning shown for the same payment (see below).
 */
export type RecordBankPaymentOptions = {
  actor: SessionUser | null;
  registrationId: string;
  amount: string;
  note?: string;
  anyway?: boolean;
  /** The language the warning is read in (amounts are formatted for it); the actor's own by default. */
  locale?: "en" | "zh";
  now?: Date;
};

/** A payment of the same amount recorded this long before (or with the same note) looks like the same transfer. */
const DUPLICATE_WINDOW_MS = 24 * 3600_000;

/**
 * An organizer records money received by bank transfer (single entry on the registration page).
 * A payment that would take what was paid above what is due, or that looks like one already recorded
 * (same amount, and the same note or within a day), is refused with CONFIRMATION_REQUIRED until the
 * organizer confirms with `anyway`: both are usually a typing or double-entry mistake. The check runs
 * under the registration's row lock, so two organizers entering the same transfer at once see it too.
 */
export async function recordBankPayment({
  actor,
  registrationId,
  amount,
  note,
  anyway = false,
  locale,
  now = new Date(),
}: RecordBankPaymentOptions) {
  if (!actor) throw unauthorized();
  return db().$transaction(async (tx) => {
    const r = await tx.registration.findUnique({ where: { id: registrationId }, select: { conferenceId: true, currency: true } });
    if (!r) throw notFound();
    await requireRegistrationPermission(actor, "registration:manage", { conferenceId: r.conferenceId }, tx);
    const amountCents = parseMoney(amount, r.currency);
    if (amountCents === null || amountCents <= 0) throw new FieldError("amount", "reg.validation.amount");
    if (!anyway) await warnBeforeRecording(tx, { registrationId, amountCents, note: note ?? null, locale: locale ?? actor.locale, now });
    return applyBankPayment(tx, { registrationId, amountCents, note: note ?? null, externalId: null, actorId: actor.id, now });
  });
}

async function warnBeforeRecording(
  tx: Tx,
  p: { registrationId: string; amountCents: number; note: string | null; locale: "en" | "zh"; now: Date },
) {
  const [r] = await tx.$queryRaw<{ status: string; amountCents: number; paidCents: number; refundedCents: number; currency: string }[]>`
    SELECT status, "amountCents", "paidCents", "refundedCents", currency FROM "Registration" WHERE id = ${p.registrationId}::uuid FOR UPDATE`;
  if (!r) throw notFound();
  const money = (cents: number) => formatMoney(cents, r.currency, p.locale);
  const twin = await tx.payment.findFirst({
    where: {
      registrationId: p.registrationId,
      kind: "BANK_TRANSFER",
      amountCents: p.amountCents,
      OR: [{ createdAt: { gte: new Date(p.now.getTime() - DUPLICATE_WINDOW_MS) } }, ...(p.note ? [{ note: p.note }] : [])],
    },
    select: { note: true },
  });
  const due = r.status === "CANCELLED" ? 0 : r.amountCents;
  const paidAfter = r.paidCents - r.refundedCents + p.amountCents;
  const over = paidAfter - due;
  const vars = { amount: money(p.amountCents), note: twin?.note ?? "—", paid: money(paidAfter), due: money(due), over: money(over) };
  if (twin && over > 0) throw new AppError("CONFIRMATION_REQUIRED", "reg.manage.warn.duplicateOverpay", vars);
  if (twin) throw new AppError("CONFIRMATION_REQUIRED", "reg.manage.warn.duplicate", vars);
  if (over > 0) throw new AppError("CONFIRMATION_REQUIRED", "reg.manage.warn.overpay", vars);
}

/**
 * Adds a bank payment to a registration, row-locked; confirms it when the
 * amount due is reached (partial payments stay visible as paid / due). A
 * transfer for an expired hold re-takes a place if one is free.
 */
export async function applyBankPayment(
  tx: Tx,
  p: { registrationId: string; amountCents: number; note: string | null; externalId: string | null; actorId: string; now: Date },
) {
  if (p.amountCents <= 0) throw new AppError("BAD_AMOUNT", "reg.error.wrongAmount");
  const [r] = await tx.$queryRaw<
    { id: string; status: string; amountCents: number; paidCents: number; currency: string; ticketTypeId: string }[]
  >`
    SELECT id, status, "amountCents", "paidCents", currency, "ticketTypeId" FROM "Registration" WHERE id = ${p.registrationId}::uuid FOR UPDATE`;
  if (!r) throw notFound();
  await tx.payment.create({
    data: {
      registrationId: r.id,
      kind: "BANK_TRANSFER",
      amountCents: p.amountCents,
      currency: r.currency,
      externalId: p.externalId,
      note: p.note,
      recordedById: p.actorId,
    },
  });
  const paid = r.paidCents + p.amountCents;
  await tx.registration.update({ where: { id: r.id }, data: { paidCents: paid } });
  await audit(tx, {
    actorId: p.actorId,
    action: "payment.bank",
    entityType: "Registration",
    entityId: r.id,
    data: { amountCents: p.amountCents, externalId: p.externalId },
  });
  const due = paid >= r.amountCents;
  if (due && r.status === "RESERVED") {
    await confirmInTx(tx, r.id, p.now);
    return "confirmed" as const;
  }
  if (due && r.status === "EXPIRED" && (await tryTakePlaces(tx, await quotaIdsOf(tx, r.ticketTypeId)))) {
    await confirmInTx(tx, r.id, p.now);
    return "confirmed-late" as const;
  }
  return "recorded" as const;
}
