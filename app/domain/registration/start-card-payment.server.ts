import { db } from "~/utils/db.server";
import { AppError, notFound, unauthorized } from "~/utils/errors";
import { absoluteUrl } from "~/utils/http.server";
import type { SessionUser } from "~/utils/session.server";
import { requireRegistrationPermission } from "~/utils/permissions/registration.server";
import { stripeClient } from "./stripe.server";

export type StartCardPaymentOptions = { actor: SessionUser | null; registrationId: string; now?: Date };

/**
 * Creates a Stripe Checkout Session for a held card registration and returns
 * its URL. The registration is confirmed by the webhook, never by the browser
 * coming back (decision 010). The Stripe call is made outside any database
 * transaction; the session id is stored afterwards.
 */
export async function startCardPayment({ actor, registrationId, now = new Date() }: StartCardPaymentOptions): Promise<{ url: string }> {
  if (!actor) throw unauthorized();
  const r = await db().registration.findUnique({
    where: { id: registrationId },
    select: {
      id: true,
      userId: true,
      status: true,
      method: true,
      amountCents: true,
      paidCents: true,
      currency: true,
      holdUntil: true,
      _count: { select: { payments: true } },
      user: { select: { email: true } },
      ticketType: { select: { nameEn: true } },
      conference: { select: { title: true } },
    },
  });
  if (!r) throw notFound();
  await requireRegistrationPermission(actor, "registration:own", { registrationUserId: r.userId });
  if (r.status !== "RESERVED" || r.method !== "CARD") throw new AppError("NOT_PAYABLE", "reg.error.notPayable");
  const due = r.amountCents - r.paidCents;
  const stripe = stripeClient();
  if (!stripe) throw new AppError("CARD_UNAVAILABLE", "reg.error.cardUnavailable");
  // Stripe accepts expiries between 30 minutes and 24 hours from now.
  const expiresAt = Math.max(Math.floor(now.getTime() / 1000) + 31 * 60, Math.floor((r.holdUntil?.getTime() ?? 0) / 1000));
  const session = await stripe.checkout.sessions.create(
    {
      mode: "payment",
      customer_email: r.user.email,
      client_reference_id: r.id,
      metadata: { registrationId: r.id },
      payment_intent_data: { metadata: { registrationId: r.id } },
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: r.currency.toLowerCase(),
            unit_amount: due,
            product_data: { name: `${r.conference.title} — ${r.ticketType.nameEn}` },
          },
        },
      ],
      success_url: absoluteUrl(`/my/registrations/${r.id}?paid=1`),
      cancel_url: absoluteUrl(`/my/registrations/${r.id}`),
      expires_at: Math.min(expiresAt, Math.floor(now.getTime() / 1000) + 23 * 3600),
    },
    // Pressing "Pay" twice for the same thing reuses one session; anything that changes what is owed — a
    // partial payment, one in another currency (recorded, not counted), a new hold — makes a new one, so a
    // completed session is never handed back for a balance still open.
    { idempotencyKey: `checkout-${r.id}-${r.holdUntil?.getTime() ?? 0}-${r.currency}-${due}-${r._count.payments}` },
  );
  await db().registration.update({ where: { id: r.id }, data: { stripeSessionId: session.id } });
  if (!session.url) throw new AppError("PAYMENT_PROVIDER_FAILED", "reg.error.cardUnavailable");
  return { url: session.url };
}
