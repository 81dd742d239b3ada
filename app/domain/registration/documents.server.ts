import { db } from "~/utils/db.server";
import { AppError, notFound, unauthorized } from "~/utils/errors";
import { absoluteUrl } from "~/utils/http.server";
import { countryName } from "~/utils/countries";
import { canRegistration, requireRegistrationPermission } from "~/utils/permissions/registration.server";
import type { SessionUser } from "~/utils/session.server";
import { formatCalendarDate, formatDateTime } from "~/utils/time";
import { rgb } from "pdf-lib";
import { formatMoney } from "./money";
import { A4, BADGE, brand, newPdf, paragraph, qrCode } from "./pdf.server";

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

const pad = (n: number) => String(n).padStart(5, "0");

/** Receipt / invoice: sequential number per conference, payer organization and tax id, amounts and currency. */
export async function receiptPdf(opts: DocumentOptions) {
  const r = await documentRegistration(opts);
  if (r.status !== "CONFIRMED" || r.receiptNumber === null) throw new AppError("NOT_CONFIRMED", "reg.error.notConfirmed");
  const number = `${r.conference.slug.toUpperCase()}-${pad(r.receiptNumber)}`;
  const pdf = await newPdf(A4, `Receipt ${number}`);
  const m = (c: number) => formatMoney(c, r.currency, "en");
  let y = 790;
  y = paragraph(pdf, r.conference.org.nameEn + (r.conference.org.nameNative ? `  ${r.conference.org.nameNative}` : ""), 56, y, {
    size: 14,
    bold: true,
    color: brand,
  });
  y = paragraph(pdf, `${r.conference.title}${r.conference.titleZh ? ` · ${r.conference.titleZh}` : ""}`, 56, y, { size: 10 });
  y = paragraph(pdf, `RECEIPT / 收据  No. ${number}`, 56, y - 24, { size: 18, bold: true });
  y = paragraph(
    pdf,
    `Date / 日期: ${formatDateTime(r.confirmedAt ?? new Date(), r.conference.timeZone, "en")} (${r.conference.timeZone})`,
    56,
    y - 6,
  );
  y = paragraph(pdf, `Payment reference / 付款附言: ${r.reference}`, 56, y);
  y = paragraph(pdf, "Received from / 付款人", 56, y - 18, { bold: true });
  y = paragraph(pdf, `${r.user.nameLatin}${r.user.nameNative ? ` (${r.user.nameNative})` : ""} · ${r.user.email}`, 56, y);
  if (r.payerOrganization) y = paragraph(pdf, `${r.payerOrganization}${r.payerTaxId ? ` · Tax id / 税号: ${r.payerTaxId}` : ""}`, 56, y);
  y = paragraph(pdf, "For / 项目", 56, y - 18, { bold: true });
  y = paragraph(pdf, `Registration: ${r.ticketType.nameEn}${r.ticketType.nameZh ? ` / ${r.ticketType.nameZh}` : ""}`, 56, y);
  const rows: [string, string][] = [
    ["Price / 价格", m(r.priceCents)],
    ["Discount / 优惠", r.discountCents ? `-${m(r.discountCents)}` : m(0)],
    ["Total / 合计", m(r.amountCents)],
    ["Paid / 已付", m(r.paidCents)],
  ];
  if (r.refundedCents) rows.push(["Refunded / 已退款", m(r.refundedCents)]);
  y -= 10;
  for (const [label, value] of rows) {
    pdf.page.drawText(label, { x: 56, y, size: 11, font: pdf.regular });
    pdf.page.drawText(value, { x: 420, y, size: 11, font: label.startsWith("Total") ? pdf.bold : pdf.regular });
    y -= 18;
  }
  paragraph(pdf, `Currency / 币种: ${r.currency} · Method / 方式: ${r.method}`, 56, y - 8, { size: 10 });
  return { filename: `receipt-${number}.pdf`, bytes: await pdf.doc.save() };
}

/** Badge: name in Latin letters and native script, organization, ticket, and the check-in QR code. */
export async function badgePdf(opts: DocumentOptions) {
  const r = await documentRegistration(opts);
  if (r.status !== "CONFIRMED") throw new AppError("NOT_CONFIRMED", "reg.error.notConfirmed");
  const pdf = await newPdf(BADGE, `Badge ${r.user.nameLatin}`);
  const w = BADGE[0];
  const center = (text: string, y: number, size: number, bold = false) => {
    const font = bold ? pdf.bold : pdf.regular;
    const width = font.widthOfTextAtSize(text, size);
    const fit = width > w - 24 ? (size * (w - 24)) / width : size;
    pdf.page.drawText(text, { x: (w - font.widthOfTextAtSize(text, fit)) / 2, y, size: fit, font, color: bold ? brand : undefined });
  };
  pdf.page.drawRectangle({ x: 0, y: BADGE[1] - 50, width: w, height: 50, color: brand });
  const title = r.conference.title;
  pdf.page.drawText(title.length > 48 ? `${title.slice(0, 46)}…` : title, {
    x: 12,
    y: BADGE[1] - 30,
    size: 9,
    font: pdf.bold,
    color: rgb(1, 1, 1),
  });
  center(r.user.nameLatin, 330, 22, true);
  if (r.user.nameNative) center(r.user.nameNative, 304, 18);
  const org = r.user.memberships[0]?.org;
  if (org) center(org.nameNative && org.nameNative !== org.nameEn ? `${org.nameEn} · ${org.nameNative}` : org.nameEn, 280, 10);
  center(`${r.ticketType.nameEn}${r.ticketType.nameZh ? ` · ${r.ticketType.nameZh}` : ""}`, 262, 10);
  qrCode(pdf, r.badgeCode, (w - 150) / 2, 90, 150);
  center(r.badgeCode, 72, 12, true);
  return { filename: `badge-${r.reference}.pdf`, bytes: await pdf.doc.save() };
}

/** The approved visa invitation letter on the conference's letterhead, with its verification code. */
export async function visaLetterPdf(opts: DocumentOptions) {
  const r = await documentRegistration(opts);
  const v = await db().visaLetterRequest.findUnique({ where: { conferenceId_userId: { conferenceId: r.conferenceId, userId: r.userId } } });
  if (!v || v.status !== "APPROVED") throw notFound();
  const c = r.conference;
  const pdf = await newPdf(A4, `Invitation letter ${v.passportName}`);
  let y = 790;
  y = paragraph(pdf, c.org.nameEn, 56, y, { size: 16, bold: true, color: brand });
  if (c.org.nameNative) y = paragraph(pdf, c.org.nameNative, 56, y, { size: 12, color: brand });
  y = paragraph(pdf, [c.org.website, countryName(c.org.country, "en")].filter(Boolean).join(" · "), 56, y, { size: 9 });
  pdf.page.drawLine({ start: { x: 56, y: y + 4 }, end: { x: 540, y: y + 4 }, thickness: 1, color: brand });
  y = paragraph(pdf, `Date: ${formatCalendarDate(v.decidedAt ?? new Date(), "en")}`, 56, y - 20);
  y = paragraph(pdf, "LETTER OF INVITATION", 56, y - 16, { size: 16, bold: true });
  y = paragraph(pdf, "To the visa section of the Embassy or Consulate concerned:", 56, y - 8);
  const stay = `${formatCalendarDate(v.arrivalDate, "en")} to ${formatCalendarDate(v.departureDate, "en")}`;
  y = paragraph(
    pdf,
    `We are pleased to invite ${v.passportName}, born ${formatCalendarDate(v.birthDate, "en")}, a national of ${countryName(v.nationality, "en")}, passport number ${v.passportNumber}, to attend ${c.title}, held at ${c.venue}, ${c.city}, ${countryName(c.country, "en")}, from ${formatCalendarDate(c.startDate, "en")} to ${formatCalendarDate(c.endDate, "en")}.`,
    56,
    y - 10,
    { width: 484 },
  );
  y = paragraph(
    pdf,
    `The participant is registered for the conference (reference ${r.reference}) and plans to stay from ${stay}.`,
    56,
    y - 6,
    { width: 484 },
  );
  y = paragraph(pdf, "This letter does not create any financial obligation of the organizers towards the participant.", 56, y - 6, {
    width: 484,
  });
  y = paragraph(pdf, `${c.org.nameEn}`, 56, y - 30, { bold: true });
  y = paragraph(pdf, `Organizers of ${c.title}`, 56, y);
  const verify = absoluteUrl(`/visa-letters/${v.verificationCode}`);
  qrCode(pdf, verify, 56, 60, 90);
  paragraph(pdf, `Verification code: ${v.verificationCode}\nVerify at ${verify}`, 156, 120, { size: 9, width: 380 });
  return { filename: `invitation-${v.verificationCode}.pdf`, bytes: await pdf.doc.save() };
}
