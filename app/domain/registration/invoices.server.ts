import type { PaymentMethod, Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { audit } from "../audit.server";
import { nextReceiptNumber, settingsOf } from "./settings.server";

/**
 * Invoices and credit notes (decision 058).
 *
 * An invoice is issued in the transaction that confirms a paid registration; a credit note in the
 * transaction that cancels it (card: the Stripe refund follows by itself) or that records the bank
 * payout of its refund. Both take the conference's next number from one gap-free series
 * (`nextReceiptNumber`, a row-locking UPDATE ... RETURNING in the same transaction, so a rollback
 * gives the number back) and store a snapshot of everything printed: the PDF is drawn from the
 * snapshot alone, so it reads the same however often it is drawn and whatever changes later.
 */

export type InvoiceLine = {
  description: string;
  descriptionZh: string | null;
  netCents: number;
  taxRateBasisPoints: number;
  taxCents: number;
  grossCents: number;
};

export type InvoiceSnapshot = {
  kind: "INVOICE" | "CREDIT_NOTE";
  number: string;
  /** The issue day on the venue's calendar, YYYY-MM-DD. */
  issuedOn: string;
  timeZone: string;
  seller: { name: string; nameNative: string | null; address: string; taxId: string };
  buyer: { name: string; email: string; organization: string | null; address: string | null; taxId: string | null };
  conferenceTitle: string;
  conferenceTitleZh: string | null;
  reference: string;
  lines: InvoiceLine[];
  netCents: number;
  taxCents: number;
  grossCents: number;
  currency: string;
  /** Printed when no tax is charged ("VAT exempt ..."). */
  taxExemptReason: string | null;
  method: PaymentMethod;
  /** Invoices: paid in full when issued (they are issued on payment). */
  paid: boolean;
  /** Credit notes: the invoice cancelled. */
  credits: { number: string; issuedOn: string } | null;
};

/**
 * Splits a tax-inclusive amount (ticket prices are what the attendee pays) into net and tax at a rate in
 * basis points, rounding the net half away from zero; negative amounts (credit notes) mirror positive ones.
 */
export function splitGross(grossCents: number, rateBasisPoints: number) {
  const sign = grossCents < 0 ? -1 : 1;
  const gross = Math.abs(grossCents);
  const net = Math.round((gross * 10_000) / (10_000 + rateBasisPoints));
  return { netCents: sign * net, taxCents: sign * (gross - net), grossCents: grossCents };
}

/** "ICEET2025-00001": the conference's slug and the number, five digits at least. */
export function invoiceNumberText(slug: string, n: number) {
  return `${slug.toUpperCase()}-${String(n).padStart(5, "0")}`;
}

/** YYYY-MM-DD of an instant on the venue's calendar. */
function venueDay(at: Date, zone: string) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

function line(description: string, descriptionZh: string | null, grossCents: number, rate: number): InvoiceLine {
  return { description, descriptionZh, taxRateBasisPoints: rate, ...splitGross(grossCents, rate) };
}

const sum = (lines: InvoiceLine[], k: "netCents" | "taxCents" | "grossCents") => lines.reduce((a, l) => a + l[k], 0);

/** Takes the next number of the series and writes the document; the caller's transaction holds the series' row lock. */
async function writeDocument(
  tx: Tx,
  r: { id: string; conferenceId: string },
  slug: string,
  now: Date,
  build: (number: string) => InvoiceSnapshot,
  creditsId: string | null,
) {
  const n = await nextReceiptNumber(tx, r.conferenceId);
  const data = build(invoiceNumberText(slug, n));
  return tx.invoice.create({
    data: {
      conferenceId: r.conferenceId,
      registrationId: r.id,
      kind: data.kind,
      number: n,
      numberText: data.number,
      creditsId,
      grossCents: data.grossCents,
      currency: data.currency,
      issuedAt: now,
      data: data as unknown as Prisma.InputJsonValue,
    },
  });
}

/**
 * Issues the invoice of a paid registration inside the caller's (confirming) transaction and copies its
 * number to the registration for the pages. Does nothing when nothing is due or an invoice not yet
 * cancelled by a credit note exists (a late second payment confirms again).
 */
export async function issueInvoice(tx: Tx, registrationId: string, now: Date) {
  const r = await tx.registration.findUniqueOrThrow({
    where: { id: registrationId },
    select: {
      id: true,
      conferenceId: true,
      priceCents: true,
      discountCents: true,
      amountCents: true,
      currency: true,
      reference: true,
      method: true,
      payerOrganization: true,
      payerTaxId: true,
      payerAddress: true,
      cancelledAt: true,
      user: { select: { nameLatin: true, nameNative: true, email: true } },
      ticketType: { select: { nameEn: true, nameZh: true } },
      conference: {
        select: { slug: true, title: true, titleZh: true, timeZone: true, org: { select: { nameEn: true, nameNative: true } } },
      },
    },
  });
  if (r.amountCents <= 0) return null;
  const open = await openInvoice(tx, r.id);
  if (open) return open;
  const s = await settingsOf(tx, r.conferenceId);
  const rate = s.taxRateBasisPoints ?? 0;
  const lines = [
    line(`Registration: ${r.ticketType.nameEn}`, r.ticketType.nameZh ? `注册：${r.ticketType.nameZh}` : null, r.priceCents, rate),
  ];
  if (r.discountCents) lines.push(line("Voucher discount", "优惠券折扣", -r.discountCents, rate));
  const c = r.conference;
  const invoice = await writeDocument(
    tx,
    r,
    c.slug,
    now,
    (number) => ({
      kind: "INVOICE",
      number,
      issuedOn: venueDay(now, c.timeZone),
      timeZone: c.timeZone,
      seller: {
        name: s.sellerName || c.org.nameEn,
        nameNative: s.sellerName ? null : c.org.nameNative,
        address: s.sellerAddress ?? "",
        taxId: s.sellerTaxId ?? "",
      },
      buyer: {
        name: `${r.user.nameLatin}${r.user.nameNative && r.user.nameNative !== r.user.nameLatin ? ` (${r.user.nameNative})` : ""}`,
        email: r.user.email,
        organization: r.payerOrganization,
        address: r.payerAddress,
        taxId: r.payerTaxId,
      },
      conferenceTitle: c.title,
      conferenceTitleZh: c.titleZh,
      reference: r.reference,
      lines,
      netCents: sum(lines, "netCents"),
      taxCents: sum(lines, "taxCents"),
      grossCents: sum(lines, "grossCents"),
      currency: r.currency,
      taxExemptReason: rate === 0 ? s.taxExemptReason || null : null,
      method: r.method,
      paid: true,
      credits: null,
    }),
    null,
  );
  await tx.registration.update({ where: { id: r.id }, data: { receiptNumber: invoice.number } });
  await audit(tx, {
    actorId: null,
    action: "invoice.issue",
    entityType: "Registration",
    entityId: r.id,
    data: { number: invoice.numberText, grossCents: invoice.grossCents, currency: invoice.currency },
  });
  return invoice;
}

/** The registration's latest invoice that no credit note has cancelled yet, if any. */
export async function openInvoice(tx: Tx, registrationId: string) {
  return tx.invoice.findFirst({
    where: { registrationId, kind: "INVOICE", creditNote: { is: null } },
    orderBy: { issuedAt: "desc" },
  });
}

/**
 * Issues the credit note cancelling an invoice, inside the caller's transaction: the invoice's lines
 * negated, its seller and buyer as they were invoiced. Answers null when it was already credited
 * (the unique `creditsId` makes a second one impossible even for a racing caller).
 */
export async function issueCreditNote(tx: Tx, invoiceId: string, now: Date, actorId: string | null) {
  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { creditNote: { select: { id: true } } } });
  if (invoice.kind !== "INVOICE" || invoice.creditNote) return null;
  const slug = await tx.conference.findUniqueOrThrow({ where: { id: invoice.conferenceId }, select: { slug: true } });
  const original = invoice.data as unknown as InvoiceSnapshot;
  const lines = original.lines.map((l) => line(l.description, l.descriptionZh, -l.grossCents, l.taxRateBasisPoints));
  const note = await writeDocument(
    tx,
    { id: invoice.registrationId, conferenceId: invoice.conferenceId },
    slug.slug,
    now,
    (number) => ({
      ...original,
      kind: "CREDIT_NOTE",
      number,
      issuedOn: venueDay(now, original.timeZone),
      lines,
      netCents: sum(lines, "netCents"),
      taxCents: sum(lines, "taxCents"),
      grossCents: sum(lines, "grossCents"),
      paid: false,
      credits: { number: original.number, issuedOn: original.issuedOn },
    }),
    invoice.id,
  );
  await audit(tx, {
    actorId,
    action: "invoice.credit",
    entityType: "Registration",
    entityId: invoice.registrationId,
    data: { number: note.numberText, credits: invoice.numberText, grossCents: note.grossCents },
  });
  return note;
}
