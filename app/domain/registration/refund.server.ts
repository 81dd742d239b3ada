import type Stripe from "stripe";
import { db, type Tx } from "~/utils/db.server";
import { audit } from "../audit.server";
import { stripeClient } from "./stripe.server";
import { logger } from "~/utils/logger.server";

/**
 * Card refunds through the Stripe API.
 *
 * A cancellation cannot call Stripe inside its transaction (a slow or failed
 * call would hold or roll back the cancellation), so it marks each card
 * payment not yet refunded as owing a refund (`Payment.refundDueSince`) in the
 * cancelling transaction, and calls Stripe after the commit. A call that fails
 * leaves the payment owed, with the error and a backoff time; the sweeper
 * (`retryOwedRefunds`, run by jobs.server.ts every minute) tries again until
 * Stripe answers. Owed refunds are shown to the attendee and the organizers.
 *
 * Every call for a payment uses the same idempotency key, `refund-<payment
 * intent>`, so a retry after a call whose answer was lost gets the refund
 * Stripe already made instead of a second one; a REFUND row is recorded once
 * per Stripe refund id (unique) under the card payment's row lock.
 */

/** How long a process may take to call Stripe before another may try the same refund. */
const LEASE_MS = 2 * 60_000;

/**
 * The wait after the n-th failed call: 1, 2, 4 … minutes, at most an hour, so
 * retries stay well inside the 24 hours Stripe keeps an idempotency key (a
 * replay within them returns the refund already made).
 */
export function refundBackoffMs(failures: number) {
  return Math.min(60_000 * 2 ** Math.max(failures - 1, 0), 60 * 60_000);
}

type CardPayment = {
  id: string;
  registrationId: string;
  externalId: string | null;
  currency: string;
  refundDueSince: Date | null;
  refundAttempts: number;
};
const cardPaymentFields = {
  id: true,
  registrationId: true,
  externalId: true,
  currency: true,
  refundDueSince: true,
  refundAttempts: true,
} as const;

/** The one Stripe call: a full refund of the payment intent, keyed by it. */
function requestRefund(stripe: Stripe, p: CardPayment) {
  return stripe.refunds.create(
    { payment_intent: p.externalId!, metadata: { registrationId: p.registrationId } },
    { idempotencyKey: `refund-${p.externalId}` },
  );
}

/**
 * Whether a refund changes the registration's refundedCents: only money that
 * counted in its paidCents (same currency), and only while the row is still
 * the registration that owed it. A cancelled row is reused by the person's
 * next registration, which starts again at paid 0 / refunded 0
 * (cancelledAt cleared); a refund the earlier one still owed is then listed
 * with the payments but leaves the new registration's figures alone.
 */
function countsTowards(r: { currency: string; cancelledAt: Date | null }, p: CardPayment) {
  if (p.currency !== r.currency) return false;
  return p.refundDueSince === null || r.cancelledAt?.getTime() === p.refundDueSince.getTime();
}

/** Records a refund Stripe made, in the caller's transaction; recording the same refund again does nothing. Answers the cents counted. */
async function recordRefund(tx: Tx, p: CardPayment, refund: Stripe.Refund, now: Date) {
  // The card payment's row lock serialises the cancelling request, the sweepers and a webhook recording the same refund.
  const [card] = await tx.$queryRaw<{ refundedAt: Date | null }[]>`SELECT "refundedAt" FROM "Payment" WHERE id = ${p.id}::uuid FOR UPDATE`;
  if (!card || card.refundedAt) return 0;
  let counted = 0;
  if (!(await tx.payment.findUnique({ where: { externalId: refund.id }, select: { id: true } }))) {
    await tx.payment.create({
      data: {
        registrationId: p.registrationId,
        kind: "REFUND",
        amountCents: refund.amount,
        currency: p.currency,
        externalId: refund.id,
        note: `Stripe refund of ${p.externalId}`,
      },
    });
    const r = await tx.registration.findUniqueOrThrow({ where: { id: p.registrationId }, select: { currency: true, cancelledAt: true } });
    if (countsTowards(r, p)) {
      await tx.registration.update({ where: { id: p.registrationId }, data: { refundedCents: { increment: refund.amount } } });
      counted = refund.amount;
    }
  }
  await tx.payment.update({ where: { id: p.id }, data: { refundedAt: now, refundDueSince: null, refundRetryAt: null, refundError: null } });
  await audit(tx, {
    actorId: null,
    action: "payment.refund",
    entityType: "Registration",
    entityId: p.registrationId,
    data: { paymentIntent: p.externalId, refund: refund.id, amount: refund.amount, failedAttempts: p.refundAttempts },
  });
  return counted;
}

/**
 * Refunds every card payment of the registration not refunded yet, inside the
 * caller's transaction. For the webhook of a payment that arrived too late:
 * there a failed call throws and rolls the event back, and Stripe's
 * redelivery of the event is the retry.
 */
export async function refundCardPayments(tx: Tx, registrationId: string, now: Date) {
  const stripe = stripeClient();
  if (!stripe) return 0;
  const payments = await tx.payment.findMany({
    where: { registrationId, kind: "CARD", externalId: { not: null }, refundedAt: null },
    orderBy: { createdAt: "asc" },
    select: cardPaymentFields,
  });
  let refunded = 0;
  for (const p of payments) refunded += await recordRefund(tx, p, await requestRefund(stripe, p), now);
  return refunded;
}

/**
 * Marks, in the cancelling transaction, every card payment of the
 * registration not refunded yet as owing a refund since `now` (the
 * cancellation's instant, see countsTowards). The first attempt belongs to
 * the cancelling request (attemptRefunds, after its commit): a lease keeps
 * the sweepers off it meanwhile. Answers the payments' ids.
 */
export async function markRefundsDue(tx: Tx, registrationId: string, now: Date) {
  const due = await tx.payment.updateManyAndReturn({
    where: { registrationId, kind: "CARD", externalId: { not: null }, refundedAt: null, refundDueSince: null },
    data: { refundDueSince: now, refundRetryAt: new Date(now.getTime() + LEASE_MS) },
    select: { id: true },
  });
  return due.map((p) => p.id);
}

export type RefundAttempts = { refundedCents: number; pending: number };

/**
 * Calls Stripe for owed refunds and records each outcome. Never throws: the
 * cancellation that owes them has committed, and a failure is recorded on the
 * payment (attempts, error, next try) for the sweeper and the pages.
 */
async function attempt(stripe: Stripe, payments: CardPayment[], now: Date): Promise<RefundAttempts> {
  let refundedCents = 0;
  let pending = 0;
  for (const p of payments) {
    try {
      const refund = await requestRefund(stripe, p);
      refundedCents += await db().$transaction((tx) => recordRefund(tx, p, refund, now));
    } catch (error) {
      pending += 1;
      const failures = p.refundAttempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      logger().error(
        { payment: p.externalId, registration: p.registrationId, attempt: failures, reason: message },
        "refund failed; retrying later",
      );
      await db()
        .payment.updateMany({
          where: { id: p.id, refundDueSince: { not: null } },
          data: {
            refundAttempts: failures,
            refundError: message.slice(0, 500),
            refundRetryAt: new Date(now.getTime() + refundBackoffMs(failures)),
          },
        })
        .catch((err) => logger().error({ err, payment: p.externalId }, "could not record a refund failure"));
    }
  }
  return { refundedCents, pending };
}

/** The first attempt at the refunds a cancellation just marked due (after its commit). */
export async function attemptRefunds(paymentIds: string[], now = new Date()): Promise<RefundAttempts> {
  if (paymentIds.length === 0) return { refundedCents: 0, pending: 0 };
  const stripe = stripeClient();
  // Without a key nothing can be refunded here: the refunds stay owed (and shown) until Stripe is configured.
  if (!stripe) return { refundedCents: 0, pending: paymentIds.length };
  const payments = await db().payment.findMany({
    where: { id: { in: paymentIds }, refundDueSince: { not: null } },
    orderBy: { createdAt: "asc" },
    select: cardPaymentFields,
  });
  return attempt(stripe, payments, now);
}

export type RetryOptions = { now?: Date; batch?: number };

/**
 * The sweeper's part: retries owed refunds whose next try has come. Each is
 * claimed with FOR UPDATE SKIP LOCKED and leased in one statement, so every
 * app process may run this at once without calling Stripe twice for the same
 * payment; a process that dies mid-call leaves a lease that simply runs out.
 */
export async function retryOwedRefunds({ now = new Date(), batch = 20 }: RetryOptions = {}) {
  const stripe = stripeClient();
  if (!stripe) return { attempted: 0, refundedCents: 0, pending: 0 };
  const claimed = await db().$queryRaw<CardPayment[]>`
    UPDATE "Payment" p SET "refundRetryAt" = ${new Date(now.getTime() + LEASE_MS)}
    FROM (
      SELECT id FROM "Payment" WHERE "refundDueSince" IS NOT NULL AND "refundRetryAt" <= ${now}
      ORDER BY "refundRetryAt" LIMIT ${batch} FOR UPDATE SKIP LOCKED
    ) due
    WHERE p.id = due.id
    RETURNING p.id, p."registrationId", p."externalId", p.currency, p."refundDueSince", p."refundAttempts"`;
  return { attempted: claimed.length, ...(await attempt(stripe, claimed, now)) };
}
