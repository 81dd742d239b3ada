import { db, type Tx } from "~/utils/db.server";
import { AppError, notFound, unauthorized, FieldError } from "~/utils/errors";
import { requireRegistrationPermission } from "~/utils/permissions/registration.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { confirmInTx } from "./confirm.server";
import { parseMoney } from "./money";
import { quotaIdsOf, tryTakePlaces } from "./quota.server";

/** `amount` is the decimal text the organizer typed, read in the registration's own currency. */
export type RecordBankPaymentOptions = { actor: SessionUser | null; registrationId: string; amount: string; note?: string; now?: Date };

/** An organizer records money received by bank transfer (single entry on the registration page). */
export async function recordBankPayment({ actor, registrationId, amount, note, now = new Date() }: RecordBankPaymentOptions) {
  if (!actor) throw unauthorized();
  return db().$transaction(async (tx) => {
    const r = await tx.registration.findUnique({ where: { id: registrationId }, select: { conferenceId: true, currency: true } });
    if (!r) throw notFound();
    await requireRegistrationPermission(actor, "registration:manage", { conferenceId: r.conferenceId }, tx);
    const amountCents = parseMoney(amount, r.currency);
    if (amountCents === null || amountCents <= 0) throw new FieldError("amount", "reg.validation.amount");
    return applyBankPayment(tx, { registrationId, amountCents, note: note ?? null, externalId: null, actorId: actor.id, now });
  });
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
