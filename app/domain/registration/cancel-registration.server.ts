import { enqueueEmail } from "~/domain/email/enqueue.server";
import { db } from "~/utils/db.server";
import { AppError, notFound, unauthorized } from "~/utils/errors";
import { canRegistration, requireRegistrationPermission } from "~/utils/permissions/registration.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { registrationContext } from "./context.server";
import { formatMoney } from "./money";
import { quotaIdsOf, releasePlaces, releaseVoucherUse } from "./quota.server";
import { attemptRefunds, markRefundsDue } from "./refund.server";
import { attendeeCancelDeadline } from "./sales-window";
import { settingsOf } from "./settings.server";
import { offerFreedPlaces } from "./waitlist.server";

export type CancelRegistrationOptions = { actor: SessionUser | null; registrationId: string; now?: Date };

/**
 * Cancels a held or confirmed registration — by its attendee until the
 * cancellation deadline, or by an organizer at any time. The place goes back
 * to the quotas and straight on to the waitlist in the same transaction, which
 * also records the refunds its card payments are owed. Stripe is called after
 * the commit; a refund that fails there stays owed and is retried by the
 * sweeper (refund.server.ts), so `refundPending` only tells the caller to say so.
 */
export async function cancelRegistration({ actor, registrationId, now = new Date() }: CancelRegistrationOptions) {
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
    return { refundsDue: await markRefundsDue(tx, r.id, now) };
  });
  const refunds = await attemptRefunds(outcome.refundsDue, now);
  return { refundedCents: refunds.refundedCents, refundPending: refunds.pending > 0 };
}
