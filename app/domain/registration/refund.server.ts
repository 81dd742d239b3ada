import { db, type Tx } from "~/utils/db.server";
import { stripeClient } from "./stripe.server";

/**
 * Returns what is left of a registration's card payments through the Stripe
 * API and records each refund. Safe to run again: the idempotency key is the
 * payment's id, the payment intent id, so Stripe never refunds the same payment twice (even when a rolled-back transaction runs this again), and the REFUND
 * row's externalId (the Stripe refund id) is unique.
 */
export async function refundCardPayments(registrationId: string, client: Tx | null = null) {
  const stripe = stripeClient();
  if (!stripe) return 0;
  const payments = await (client ?? db()).payment.findMany({ where: { registrationId, kind: "CARD" }, orderBy: { createdAt: "asc" } });
  let refunded = 0;
  for (const p of payments) {
    if (!p.externalId) continue;
    const refund = await stripe.refunds.create({ payment_intent: p.externalId, metadata: { registrationId } }, { idempotencyKey: `refund-${p.externalId}` });
    const record = async (tx: Tx) => {
      const exists = await tx.payment.findUnique({ where: { externalId: refund.id }, select: { id: true } });
      if (exists) return;
      await tx.payment.create({ data: { registrationId, kind: "REFUND", amountCents: refund.amount, currency: p.currency, externalId: refund.id, note: `Stripe refund of ${p.externalId}` } });
      await tx.registration.update({ where: { id: registrationId }, data: { refundedCents: { increment: refund.amount } } });
      refunded += refund.amount;
    };
    if (client) await record(client);
    else await db().$transaction(record);
  }
  return refunded;
}
