import { enqueueEmail } from "~/domain/email/enqueue.server";
import { db, type Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { audit } from "../audit.server";
import { confirmInTx } from "./confirm.server";
import { registrationContext } from "./context.server";
import { formatMoney } from "./money";
import { quotaIdsOf, tryTakePlaces } from "./quota.server";
import { refundCardPayments } from "./refund.server";
import { stripeClient, stripeWebhookSecret } from "./stripe.server";

export type HandleStripeWebhookOptions = { payload: string; signature: string | null; now?: Date };
type CardPayment = { registrationId: string; paymentIntentId: string; amount: number; currency: string };

/**
 * Stripe webhooks: the only way a card registration gets confirmed.
 * - The signature is verified with the SDK (400, nothing changed, when wrong).
 * - Each event id is stored in the same transaction as its effect: a repeated
 *   delivery is answered 200 and does nothing.
 * - The payment is always re-read from Stripe (never trusted from the payload),
 *   so events may come in any order: checkout.session.completed and
 *   payment_intent.succeeded both lead to the same idempotent step, keyed by
 *   the payment intent id.
 * - A payment for a hold that expired is still honoured if a place is free;
 *   otherwise it is refunded at once and the attendee is told.
 */
export async function handleStripeWebhook({ payload, signature, now = new Date() }: HandleStripeWebhookOptions) {
  const stripe = stripeClient();
  const secret = stripeWebhookSecret();
  if (!stripe || !secret) throw new AppError("STRIPE_UNCONFIGURED", "error.notFound");
  let event;
  try {
    event = stripe.webhooks.constructEvent(payload, signature ?? "", secret);
  } catch {
    throw new AppError("BAD_SIGNATURE", "error.badRequest");
  }
  if (await db().stripeEvent.findUnique({ where: { id: event.id }, select: { id: true } })) return { outcome: "duplicate" as const };

  let payment: CardPayment | null = null;
  if (event.type === "checkout.session.completed" || event.type === "checkout.session.async_payment_succeeded") {
    const session = await stripe.checkout.sessions.retrieve(event.data.object.id);
    const pi = typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id;
    if (session.payment_status === "paid" && session.metadata?.registrationId && pi) {
      payment = {
        registrationId: session.metadata.registrationId,
        paymentIntentId: pi,
        amount: session.amount_total ?? 0,
        currency: session.currency ?? "",
      };
    }
  } else if (event.type === "payment_intent.succeeded") {
    const pi = await stripe.paymentIntents.retrieve(event.data.object.id);
    if (pi.status === "succeeded" && pi.metadata?.registrationId) {
      payment = { registrationId: pi.metadata.registrationId, paymentIntentId: pi.id, amount: pi.amount_received, currency: pi.currency };
    }
  }

  return db().$transaction(
    async (tx) => {
      const stored = await tx.stripeEvent.createMany({ data: [{ id: event.id, type: event.type }], skipDuplicates: true });
      if (stored.count === 0) return { outcome: "duplicate" as const };
      if (!payment) return { outcome: "ignored" as const };
      return { outcome: await applyCardPayment(tx, payment, now) };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}

async function applyCardPayment(tx: Tx, p: CardPayment, now: Date) {
  const [r] = await tx.$queryRaw<
    { id: string; status: string; amountCents: number; paidCents: number; currency: string; ticketTypeId: string }[]
  >`
    SELECT id, status, "amountCents", "paidCents", currency, "ticketTypeId" FROM "Registration" WHERE id = ${p.registrationId}::uuid FOR UPDATE`;
  if (!r) return "ignored" as const;
  if (await tx.payment.findUnique({ where: { externalId: p.paymentIntentId }, select: { id: true } })) return "already-recorded" as const;
  // Money in another currency is recorded but never counted towards the amount due.
  const counts = p.currency.toUpperCase() === r.currency ? p.amount : 0;
  await tx.payment.create({
    data: { registrationId: r.id, kind: "CARD", amountCents: p.amount, currency: p.currency.toUpperCase(), externalId: p.paymentIntentId },
  });
  const paid = r.paidCents + counts;
  await tx.registration.update({ where: { id: r.id }, data: { paidCents: paid, stripePaymentIntentId: p.paymentIntentId } });
  await audit(tx, {
    actorId: null,
    action: "payment.card",
    entityType: "Registration",
    entityId: r.id,
    data: { paymentIntent: p.paymentIntentId, amount: p.amount, currency: p.currency },
  });
  if (r.status === "CONFIRMED") return "recorded" as const;
  if (r.status === "EXPIRED" && paid >= r.amountCents && (await tryTakePlaces(tx, await quotaIdsOf(tx, r.ticketTypeId)))) {
    await confirmInTx(tx, r.id, now);
    return "confirmed-late" as const;
  }
  if (r.status === "EXPIRED" || r.status === "CANCELLED") {
    // The Stripe call is idempotent (keyed by the payment intent), so a rollback and redelivery cannot refund twice.
    await refundCardPayments(tx, r.id, now);
    const ctx = await registrationContext(tx, r.id);
    await enqueueEmail(tx, {
      to: ctx.to,
      locale: ctx.locale,
      template: "latePaymentRefunded",
      props: { ...ctx.base, amount: formatMoney(p.amount, p.currency.toUpperCase(), ctx.locale) },
    });
    return "refunded" as const;
  }
  if (paid >= r.amountCents) {
    await confirmInTx(tx, r.id, now);
    return "confirmed" as const;
  }
  return "partial" as const;
}
