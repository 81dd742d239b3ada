import { enqueueEmail } from "~/domain/email/enqueue.server";
import { requireConfirmed } from "~/utils/confirm";
import { db, type Tx } from "~/utils/db.server";
import { AppError, notFound, unauthorized } from "~/utils/errors";
import { canRegistration, requireRegistrationPermission } from "~/utils/permissions/registration.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { registrationContext } from "./context.server";
import { issueCreditNote, openInvoice } from "./invoices.server";
import { formatMoney } from "./money";
import { quotaIdsOf, releasePlaces, releaseVoucherUse } from "./quota.server";
import { attemptRefunds, markRefundsDue } from "./refund.server";
import { attendeeCancelDeadline } from "./sales-window";
import { settingsOf } from "./settings.server";
import { offerFreedPlaces } from "./waitlist.server";

export type CancelRegistrationOptions = {
  actor: SessionUser | null;
  registrationId: string;
  /** Refused until true, saying what cancelling would do (decision 065). */
  confirmed: boolean;
  now?: Date;
};

/**
 * What a cancellation owes besides the card refunds Stripe makes by itself: money received by bank
 * transfer becomes a pending bank refund with its amount (an organizer records the payout, which issues
 * the credit note, record-refund-payout.server.ts); with nothing to pay back by hand, the invoice is
 * cancelled by a credit note at once. Never a state without a next step (decision 058).
 */
async function settleCancellation(
  tx: Tx,
  r: { id: string; currency: string; owed: number; cardRefundIds: string[]; actorId: string; now: Date },
) {
  const cards = await tx.payment.aggregate({
    where: { id: { in: r.cardRefundIds }, currency: r.currency },
    _sum: { amountCents: true },
  });
  const byHand = r.owed - (cards._sum.amountCents ?? 0);
  const invoice = await openInvoice(tx, r.id);
  if (byHand > 0) {
    await tx.bankRefund.create({
      data: {
        registrationId: r.id,
        invoiceId: invoice?.id ?? null,
        amountCents: byHand,
        currency: r.currency,
        requestedAt: r.now,
        requestedById: r.actorId,
      },
    });
    await audit(tx, {
      actorId: r.actorId,
      action: "refund.bank-pending",
      entityType: "Registration",
      entityId: r.id,
      data: { amountCents: byHand, currency: r.currency },
    });
    return true;
  }
  if (invoice) await issueCreditNote(tx, invoice.id, r.now, r.actorId);
  return false;
}

/**
 * Cancels a held or confirmed registration — by its attendee until the
 * cancellation deadline, or by an organizer at any time. The place goes back
 * to the quotas and straight on to the waitlist in the same transaction, which
 * also records the refunds its card payments are owed. Stripe is called after
 * the commit; a refund that fails there stays owed and is retried by the
 * sweeper (refund.server.ts), so `refundPending` only tells the caller to say so.
 */
export async function cancelRegistration({ actor, registrationId, confirmed, now = new Date() }: CancelRegistrationOptions) {
  if (!actor) throw unauthorized();
  const outcome = await db().$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Registration" WHERE id = ${registrationId}::uuid FOR UPDATE`;
    if (!locked) throw notFound();
    const r = await tx.registration.findUniqueOrThrow({
      where: { id: registrationId },
      select: {
        id: true,
        userId: true,
        conferenceId: true,
        status: true,
        ticketTypeId: true,
        voucherId: true,
        paidCents: true,
        refundedCents: true,
        currency: true,
        conference: { select: { startDate: true, endDate: true, timeZone: true } },
      },
    });
    const organizer = await canRegistration(actor, "registration:manage", { conferenceId: r.conferenceId }, tx);
    if (!organizer) {
      await requireRegistrationPermission(actor, "registration:own", { registrationUserId: r.userId }, tx);
      const settings = await settingsOf(tx, r.conferenceId);
      if (now >= attendeeCancelDeadline(settings.cancelUntil, r.conference)) throw new AppError("CANCEL_CLOSED", "reg.error.cancelClosed");
    }
    if (r.status !== "RESERVED" && r.status !== "CONFIRMED") throw new AppError("NOT_CANCELLABLE", "reg.error.notCancellable");
    if (!confirmed) await refuseUnconfirmed(tx, r, actor, organizer && actor.id !== r.userId);
    await tx.registration.update({ where: { id: r.id }, data: { status: "CANCELLED", cancelledAt: now, holdUntil: null } });
    if (r.voucherId) await releaseVoucherUse(tx, r.voucherId);
    await releasePlaces(tx, await quotaIdsOf(tx, r.ticketTypeId));
    await offerFreedPlaces(tx, r.conferenceId, now);
    await audit(tx, {
      actorId: actor.id,
      action: organizer && actor.id !== r.userId ? "registration.cancel-by-organizer" : "registration.cancel",
      entityType: "Registration",
      entityId: r.id,
    });
    const owed = r.paidCents - r.refundedCents;
    const ctx = await registrationContext(tx, r.id);
    await enqueueEmail(tx, {
      to: ctx.to,
      locale: ctx.locale,
      template: "registrationCancelled",
      props: { ...ctx.base, refund: owed > 0 ? formatMoney(owed, r.currency, ctx.locale) : null },
    });
    const refundsDue = await markRefundsDue(tx, r.id, now);
    const bankRefundPending = await settleCancellation(tx, { ...r, owed, cardRefundIds: refundsDue, actorId: actor.id, now });
    return { refundsDue, bankRefundPending };
  });
  const refunds = await attemptRefunds(outcome.refundsDue, now);
  return { refundedCents: refunds.refundedCents, refundPending: refunds.pending > 0, bankRefundPending: outcome.bankRefundPending };
}

/** Says what cancelling would do, for the confirmation panel: the place goes on, and what is refunded. */
async function refuseUnconfirmed(
  tx: Tx,
  r: { id: string; paidCents: number; refundedCents: number; currency: string },
  actor: SessionUser,
  byOrganizer: boolean,
) {
  const owed = r.paidCents - r.refundedCents;
  const refund = formatMoney(owed, r.currency, actor.locale);
  if (!byOrganizer) return requireConfirmed(false, owed > 0 ? "reg.confirm.cancelOwnRefund" : "reg.confirm.cancelOwn", { refund });
  const { user } = await tx.registration.findUniqueOrThrow({ where: { id: r.id }, select: { user: { select: { nameLatin: true } } } });
  requireConfirmed(false, owed > 0 ? "reg.confirm.cancelOtherRefund" : "reg.confirm.cancelOther", { name: user.nameLatin, refund });
}
