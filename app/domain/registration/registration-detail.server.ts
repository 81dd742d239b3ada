import { db } from "~/utils/db.server";
import { notFound, unauthorized } from "~/utils/errors";
import { requireRegistrationPermission } from "~/utils/permissions/registration.server";
import type { SessionUser } from "~/utils/session.server";

/** One registration as its conference's organizers see it: person, answers, payments. */
export async function registrationDetail({
  actor,
  slug,
  registrationId,
}: {
  actor: SessionUser | null;
  slug: string;
  registrationId: string;
}) {
  if (!actor) throw unauthorized();
  const r = await db().registration.findFirst({
    where: { id: registrationId, conference: { slug } },
    select: {
      id: true,
      conferenceId: true,
      status: true,
      method: true,
      priceCents: true,
      discountCents: true,
      amountCents: true,
      paidCents: true,
      refundedCents: true,
      currency: true,
      reference: true,
      holdUntil: true,
      payerOrganization: true,
      payerTaxId: true,
      eligibilityConfirmed: true,
      receiptNumber: true,
      createdAt: true,
      checkedInAt: true,
      user: { select: { nameLatin: true, nameNative: true, email: true } },
      ticketType: { select: { nameEn: true, nameZh: true, eligibility: true } },
      conference: { select: { slug: true, title: true, titleZh: true, timeZone: true, currency: true } },
      answers: { select: { text: true, choices: true, yes: true, question: { select: { labelEn: true, labelZh: true, position: true } } } },
      invoices: {
        orderBy: { number: "asc" },
        select: { id: true, kind: true, numberText: true, issuedAt: true, grossCents: true, currency: true },
      },
      bankRefunds: {
        orderBy: { requestedAt: "asc" },
        select: { id: true, amountCents: true, currency: true, requestedAt: true, paidOutOn: true, paidOutRef: true },
      },
      payments: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          kind: true,
          amountCents: true,
          currency: true,
          note: true,
          createdAt: true,
          refundDueSince: true,
          refundAttempts: true,
          refundError: true,
        },
      },
    },
  });
  if (!r) throw notFound();
  await requireRegistrationPermission(actor, "registration:manage", { conferenceId: r.conferenceId });
  r.answers.sort((a, b) => a.question.position - b.question.position);
  return r;
}
