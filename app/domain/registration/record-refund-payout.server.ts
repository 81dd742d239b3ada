import { db } from "~/utils/db.server";
import { AppError, FieldError, notFound, unauthorized } from "~/utils/errors";
import { requireRegistrationPermission } from "~/utils/permissions/registration.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { issueCreditNote } from "./invoices.server";
import { LAUNCH_TX } from "./settings.server";

export type RecordRefundPayoutOptions = {
  actor: SessionUser | null;
  refundId: string;
  /** The day the bank paid the money out (midnight UTC of that day, from dayField). */
  paidOutOn: Date;
  /** The bank's reference of the outgoing transfer. */
  reference: string;
  now?: Date;
};

/**
 * An organizer records that a pending bank refund was paid out (day and bank reference). In one
 * transaction: the refund is completed, the money returned is recorded as a REFUND payment, and the
 * invoice it belongs to is cancelled by a credit note. Recording it twice is refused (row lock).
 */
export async function recordRefundPayout({ actor, refundId, paidOutOn, reference, now = new Date() }: RecordRefundPayoutOptions) {
  if (!actor) throw unauthorized();
  if (paidOutOn.getTime() > now.getTime() + 86_400_000) throw new FieldError("paidOutOn", "reg.validation.payoutFuture");
  // Like every issue of the conference's series, it may queue behind others (a statement import confirming
  // many payments at once holds the series' row lock in turn): waiting is normal then, not an error.
  return db().$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "BankRefund" WHERE id = ${refundId}::uuid FOR UPDATE`;
    if (!locked) throw notFound();
    const refund = await tx.bankRefund.findUniqueOrThrow({
      where: { id: refundId },
      include: { registration: { select: { id: true, conferenceId: true, currency: true, cancelledAt: true } } },
    });
    await requireRegistrationPermission(actor, "registration:manage", { conferenceId: refund.registration.conferenceId }, tx);
    if (refund.recordedAt) throw new AppError("NOT_PENDING", "reg.error.refundRecorded");
    await tx.bankRefund.update({
      where: { id: refund.id },
      data: { paidOutOn, paidOutRef: reference, recordedById: actor.id, recordedAt: now },
    });
    await tx.payment.create({
      data: {
        registrationId: refund.registrationId,
        kind: "REFUND",
        amountCents: refund.amountCents,
        currency: refund.currency,
        note: `Bank refund ${reference}`,
        recordedById: actor.id,
      },
    });
    // Counted on the registration only while the row is still the cancelled registration that owed it
    // (a cancelled row is reused by the person's next registration, which starts again at 0 / 0).
    const r = refund.registration;
    if (r.currency === refund.currency && r.cancelledAt?.getTime() === refund.requestedAt.getTime()) {
      await tx.registration.update({ where: { id: r.id }, data: { refundedCents: { increment: refund.amountCents } } });
    }
    const creditNote = refund.invoiceId ? await issueCreditNote(tx, refund.invoiceId, now, actor.id) : null;
    await audit(tx, {
      actorId: actor.id,
      action: "refund.bank-paid-out",
      entityType: "Registration",
      entityId: r.id,
      data: { amountCents: refund.amountCents, currency: refund.currency, reference, creditNote: creditNote?.numberText ?? null },
    });
    return { creditNote: creditNote?.numberText ?? null };
  }, LAUNCH_TX);
}
