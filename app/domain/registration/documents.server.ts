import { db } from "~/utils/db.server";
import { AppError, notFound, unauthorized } from "~/utils/errors";
import { absoluteUrl } from "~/utils/http.server";
import { countryName } from "~/utils/countries";
import { canRegistration, requireRegistrationPermission } from "~/utils/permissions/registration.server";
import type { SessionUser } from "~/utils/session.server";
import { formatCalendarDate } from "~/utils/time";
import { isUuid } from "~/utils/validation";
import { renderBadges, renderVisaLetter, type BadgeData } from "./document-pdfs.server";
import { renderInvoice } from "./invoice-pdf.server";
import type { InvoiceSnapshot } from "./invoices.server";

export type DocumentOptions = { actor: SessionUser | null; registrationId: string };

/** A registration's documents are for its attendee and the conference's organizers. */
async function documentRegistration({ actor, registrationId }: DocumentOptions) {
  if (!actor) throw unauthorized();
  const r = await db().registration.findUnique({
    where: { id: registrationId },
    select: {
      id: true,
      userId: true,
      conferenceId: true,
      status: true,
      priceCents: true,
      discountCents: true,
      amountCents: true,
      paidCents: true,
      refundedCents: true,
      currency: true,
      reference: true,
      badgeCode: true,
      receiptNumber: true,
      payerOrganization: true,
      payerTaxId: true,
      confirmedAt: true,
      method: true,
      user: {
        select: {
          nameLatin: true,
          nameNative: true,
          email: true,
          memberships: { take: 1, orderBy: { createdAt: "asc" }, select: { org: { select: { nameEn: true, nameNative: true } } } },
        },
      },
      ticketType: { select: { nameEn: true, nameZh: true } },
      conference: {
        select: {
          slug: true,
          title: true,
          titleZh: true,
          startDate: true,
          endDate: true,
          venue: true,
          city: true,
          country: true,
          timeZone: true,
          org: { select: { nameEn: true, nameNative: true, country: true, website: true } },
        },
      },
    },
  });
  if (!r) throw notFound();
  if (!(await canRegistration(actor, "registration:manage", { conferenceId: r.conferenceId }))) {
    await requireRegistrationPermission(actor, "registration:own", { registrationUserId: r.userId });
  }
  return r;
}

/**
 * The registration's invoice PDF: the latest invoice issued for it (it stays downloadable after a
 * cancellation, next to the credit note that cancels it). The one function for "the receipt of a
 * registration" — the receipt route and the payment-confirmation attachment both call it.
 */
export async function receiptPdf(opts: DocumentOptions) {
  const r = await documentRegistration(opts);
  const invoice = await db().invoice.findFirst({
    where: { registrationId: r.id, kind: "INVOICE" },
    orderBy: { issuedAt: "desc" },
    select: { data: true, numberText: true, kind: true },
  });
  if (!invoice) throw new AppError("NOT_CONFIRMED", "reg.error.notConfirmed");
  return invoiceFile(invoice);
}

/** Any invoice or credit note of the registration, by its id (links on the attendee's and organizers' pages). */
export async function invoiceDocumentPdf(opts: DocumentOptions & { invoiceId: string }) {
  const r = await documentRegistration(opts);
  if (!isUuid(opts.invoiceId)) throw notFound();
  const invoice = await db().invoice.findFirst({
    where: { id: opts.invoiceId, registrationId: r.id },
    select: { data: true, numberText: true, kind: true },
  });
  if (!invoice) throw notFound();
  return invoiceFile(invoice);
}

async function invoiceFile(invoice: { data: unknown; numberText: string; kind: "INVOICE" | "CREDIT_NOTE" }) {
  const bytes = await renderInvoice(invoice.data as InvoiceSnapshot);
  return { filename: `${invoice.kind === "INVOICE" ? "invoice" : "credit-note"}-${invoice.numberText}.pdf`, bytes };
}

type BadgeSource = Awaited<ReturnType<typeof documentRegistration>>;

function badgeData(r: Pick<BadgeSource, "user" | "ticketType" | "conference" | "badgeCode">): BadgeData {
  const org = r.user.memberships[0]?.org;
  const c = r.conference;
  return {
    conferenceTitle: c.title,
    conferenceTitleNative: c.titleZh,
    dates: `${formatCalendarDate(c.startDate, "en")} – ${formatCalendarDate(c.endDate, "en")} · ${c.city}`,
    nameLatin: r.user.nameLatin,
    nameNative: r.user.nameNative,
    organization: org ? (org.nameNative && org.nameNative !== org.nameEn ? `${org.nameEn} · ${org.nameNative}` : org.nameEn) : null,
    ticketType: `${r.ticketType.nameEn}${r.ticketType.nameZh ? ` · ${r.ticketType.nameZh}` : ""}`,
    code: r.badgeCode,
  };
}

/** Badge (A6): name in Latin letters and native script, organization, ticket, and the check-in QR code. */
export async function badgePdf(opts: DocumentOptions) {
  const r = await documentRegistration(opts);
  if (r.status !== "CONFIRMED") throw new AppError("NOT_CONFIRMED", "reg.error.notConfirmed");
  const bytes = await renderBadges([badgeData(r)], "single", `Badge ${r.user.nameLatin}`);
  return { filename: `badge-${r.reference}.pdf`, bytes };
}

/** The approved visa invitation letter on the conference's letterhead, with its verification code. */
export async function visaLetterPdf(opts: DocumentOptions) {
  const r = await documentRegistration(opts);
  const v = await db().visaLetterRequest.findUnique({ where: { conferenceId_userId: { conferenceId: r.conferenceId, userId: r.userId } } });
  if (!v || v.status !== "APPROVED") throw notFound();
  const c = r.conference;
  const stay = `${formatCalendarDate(v.arrivalDate, "en")} to ${formatCalendarDate(v.departureDate, "en")}`;
  const bytes = await renderVisaLetter({
    issuer: c.org.nameEn,
    issuerNative: c.org.nameNative,
    issuerLine: [c.org.website, countryName(c.org.country, "en")].filter(Boolean).join(" · "),
    date: formatCalendarDate(v.decidedAt ?? new Date(), "en"),
    body: [
      `We are pleased to invite ${v.passportName}, born ${formatCalendarDate(v.birthDate, "en")}, a national of ${countryName(v.nationality, "en")}, passport number ${v.passportNumber}, to attend ${c.title}, held at ${c.venue}, ${c.city}, ${countryName(c.country, "en")}, from ${formatCalendarDate(c.startDate, "en")} to ${formatCalendarDate(c.endDate, "en")}.`,
      `The participant is registered for the conference (reference ${r.reference}) and plans to stay from ${stay}.`,
      "This letter does not create any financial obligation of the organizers towards the participant.",
    ],
    closing: `Organizers of ${c.title}`,
    verificationCode: v.verificationCode,
    verifyUrl: absoluteUrl(`/visa-letters/${v.verificationCode}`),
  });
  return { filename: `invitation-${v.verificationCode}.pdf`, bytes };
}
