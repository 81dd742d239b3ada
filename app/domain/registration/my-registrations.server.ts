import { db } from "~/utils/db.server";
import { notFound, unauthorized } from "~/utils/errors";
import { requireRegistrationPermission } from "~/utils/permissions/registration.server";
import type { SessionUser } from "~/utils/session.server";
import { now as clockNow } from "~/utils/clock.server";
import { attendeeCancelDeadline, registrationClosed } from "./sales-window";
import { settingsOf } from "./settings.server";
import { stripeConfigured } from "./stripe.server";

/** The signed-in person's registrations, newest conference first. */
export async function myRegistrations(actor: SessionUser) {
  return db().registration.findMany({
    where: { userId: actor.id },
    orderBy: { conference: { startDate: "desc" } },
    select: {
      id: true,
      status: true,
      amountCents: true,
      currency: true,
      ticketType: { select: { nameEn: true, nameZh: true } },
      conference: { select: { slug: true, title: true, titleZh: true, startDate: true } },
      // Card refunds still owed after a failed Stripe call (retried by the sweeper).
      payments: { where: { refundDueSince: { not: null } }, select: { amountCents: true, currency: true } },
    },
  });
}

export type MyRegistrationOptions = { actor: SessionUser | null; registrationId: string; now?: Date };

/** One registration with its payments, documents and visa letter request — for its attendee only. */
export async function myRegistration({ actor, registrationId, now = clockNow() }: MyRegistrationOptions) {
  if (!actor) throw unauthorized();
  const r = await db().registration.findUnique({
    where: { id: registrationId },
    select: {
      id: true,
      userId: true,
      conferenceId: true,
      status: true,
      method: true,
      priceCents: true,
      discountCents: true,
      amountCents: true,
      paidCents: true,
      refundedCents: true,
      currency: true,
      holdUntil: true,
      reference: true,
      badgeCode: true,
      receiptNumber: true,
      payerOrganization: true,
      payerTaxId: true,
      payerAddress: true,
      checkedInAt: true,
      eligibilityConfirmed: true,
      ticketType: { select: { nameEn: true, nameZh: true, eligibility: true } },
      conference: { select: { slug: true, title: true, titleZh: true, startDate: true, endDate: true, timeZone: true, country: true } },
      payments: {
        orderBy: { createdAt: "asc" },
        select: { id: true, kind: true, amountCents: true, currency: true, createdAt: true, refundDueSince: true },
      },
      invoices: {
        orderBy: { number: "asc" },
        select: { id: true, kind: true, numberText: true, issuedAt: true, grossCents: true, currency: true },
      },
      bankRefunds: {
        orderBy: { requestedAt: "asc" },
        select: { id: true, amountCents: true, currency: true, requestedAt: true, paidOutOn: true, paidOutRef: true },
      },
    },
  });
  if (!r) throw notFound();
  await requireRegistrationPermission(actor, "registration:own", { registrationUserId: r.userId });
  const [settings, visa, organizers] = await Promise.all([
    settingsOf(db(), r.conferenceId),
    db().visaLetterRequest.findUnique({
      where: { conferenceId_userId: { conferenceId: r.conferenceId, userId: actor.id } },
      select: { id: true, status: true, declineReason: true, passportName: true },
    }),
    // Whom to ask once attendees can no longer cancel themselves.
    db().conferenceRole.findMany({
      where: { conferenceId: r.conferenceId, role: "ORGANIZER" },
      orderBy: { createdAt: "asc" },
      take: 1,
      select: { user: { select: { email: true } } },
    }),
  ]);
  const cancelUntil = attendeeCancelDeadline(settings.cancelUntil, r.conference);
  return {
    registration: r,
    cancelUntil,
    // The page offers the button only while the attendee may still use it (cancelRegistration checks again).
    cancellable: (r.status === "RESERVED" || r.status === "CONFIRMED") && now < cancelUntil,
    // A letter of invitation is for travelling to the conference: not offered once it is over.
    visaOpen: !registrationClosed(r.conference, now),
    organizerContact: organizers[0]?.user.email ?? null,
    bankInstructions: { en: settings.bankInstructions, zh: settings.bankInstructionsZh },
    visa,
    cardAvailable: stripeConfigured(),
  };
}
