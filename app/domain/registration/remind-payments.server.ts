import { enqueueEmail } from "~/domain/email/enqueue.server";
import { now as clockNow } from "~/utils/clock.server";
import { db } from "~/utils/db.server";
import { registrationContext } from "./context.server";

export type RemindPaymentsOptions = { now?: Date; batch?: number; hours?: number };

/** How long before a hold expires its attendee is reminded to pay (pretix's default is three days; holds here are shorter). */
export const PAYMENT_REMINDER_HOURS = 24;

/**
 * Reminds attendees whose unpaid hold expires within `hours`, once per hold, in their language through the
 * outbox. A hold that has run less than half its time is left alone (a short card hold would otherwise be
 * reminded the moment it starts): its reminder comes at the later of "`hours` before" and "halfway". The
 * mark `paymentReminderSentAt` is written with the email in one transaction, and rows are claimed with
 * FOR UPDATE SKIP LOCKED, so several processes running the job never send twice; a new hold on the same
 * row (after expiry or cancellation) clears the mark.
 */
export async function remindPendingPayments({ now = clockNow(), batch = 100, hours = PAYMENT_REMINDER_HOURS }: RemindPaymentsOptions = {}) {
  const horizon = new Date(now.getTime() + hours * 3600_000);
  return db().$transaction(
    async (tx) => {
      const due = await tx.$queryRaw<{ id: string; reference: string; method: string; holdUntil: Date }[]>`
        SELECT id, reference, method::text AS method, "holdUntil" FROM "Registration"
        WHERE status = 'RESERVED' AND "holdUntil" > ${now} AND "holdUntil" <= ${horizon}
          AND "paymentReminderSentAt" IS NULL AND "paidCents" < "amountCents"
          AND "holdUntil" - ${now}::timestamptz <= ${now}::timestamptz - "createdAt"
        ORDER BY "holdUntil" LIMIT ${batch} FOR UPDATE SKIP LOCKED`;
      for (const r of due) {
        await tx.registration.update({ where: { id: r.id }, data: { paymentReminderSentAt: now } });
        const ctx = await registrationContext(tx, r.id);
        await enqueueEmail(tx, {
          to: ctx.to,
          locale: ctx.locale,
          template: "paymentReminder",
          props: {
            ...ctx.base,
            ticket: ctx.ticket,
            amount: ctx.amount,
            reference: r.reference,
            holdUntil: ctx.when(r.holdUntil),
            bank: r.method === "BANK_TRANSFER",
          },
        });
      }
      return { reminded: due.length };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
