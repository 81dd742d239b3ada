// Invoices and credit notes (decision 058) and the bank-transfer refund workflow (issue 14 §3): an
// invoice is issued on payment with the conference's next number and a stored snapshot; it is never
// edited; "Cancel and refund" of a bank-paid registration leaves a pending refund with its amount until
// the organizer records the payout, which issues the credit note; a card cancellation issues it at once.
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as regDetail from "~/routes/registration/manage/registration";
import * as tickets from "~/routes/registration/manage/tickets";
import * as register from "~/routes/registration/register";
import * as myReg from "~/routes/registration/my-registration";
import * as receipt from "~/routes/registration/receipt";
import * as invoiceDocument from "~/routes/registration/invoice-document";
import * as webhook from "~/routes/registration/stripe-webhook";
import { splitGross, type InvoiceSnapshot } from "~/domain/registration/invoices.server";
import { db } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { callAction, callLoader } from "../support/http";
import { startStripeFake, type StripeFake } from "../support/stripe-fake";
import { grantConferenceRole, makeUser } from "../support/world";
import { makeTicketing } from "./support";

const SECRET = "whsec_test_secret";
let stripe: StripeFake;
beforeAll(async () => {
  stripe = await startStripeFake();
  process.env.STRIPE_SECRET_KEY = "sk_test_concord";
  process.env.STRIPE_WEBHOOK_SECRET = SECRET;
  process.env.STRIPE_API_BASE = stripe.url;
  resetEnvCache();
});
afterAll(async () => {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  delete process.env.STRIPE_API_BASE;
  resetEnvCache();
  await stripe.close();
});

/** A PDF route's body as text (what a PDF reader's copy or pdftotext gives). */
async function pdfText(route: { loader?: unknown }, path: string, params: Record<string, string>, cookie: string) {
  const request = new Request(`http://localhost:3000${path}`, { headers: { Cookie: cookie } });
  const response = (await (route.loader as (a: unknown) => Promise<Response>)({ request, params, context: {} })) as Response;
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/pdf");
  return (await new PDFParse({ data: new Uint8Array(await response.arrayBuffer()) }).getText()).text;
}

/** A 1,200 CNY conference with seller data and 6 % tax set through the organizer's settings form, and one attendee. */
async function conferenceWithInvoicing() {
  const setup = await makeTicketing({ priceCents: 1200_00, capacity: 100 });
  const [organizer, user] = await Promise.all([makeUser(), makeUser({ name: "Zhang Wei" })]);
  await grantConferenceRole(setup.conference.id, organizer.id, "ORGANIZER");
  const saved = await callAction(tickets, {
    path: `/conferences/${setup.slug}/manage/tickets`,
    params: { slug: setup.slug },
    cookie: organizer.cookie,
    form: {
      intent: "settings",
      cardHoldMinutes: "30",
      bankHoldDays: "14",
      offerHours: "48",
      cancelUntil: "",
      sellerName: "Conference Secretariat Ltd",
      sellerAddress: "1 Example Road, Beijing",
      sellerTaxId: "91110000TAX0001",
      taxRate: "6",
    },
  });
  expect(saved.status).toBe(302);
  return { ...setup, organizer, user };
}

type World = Awaited<ReturnType<typeof conferenceWithInvoicing>>;

async function registerByBank(w: World, user = w.user) {
  const res = await callAction(register, {
    path: `/conferences/${w.slug}/register`,
    params: { slug: w.slug },
    cookie: user.cookie,
    form: {
      ticketTypeId: w.ticket.id,
      method: "bank",
      payerOrganization: "Tongji University 同济大学",
      payerTaxId: "12310000425006117P",
      payerAddress: "1239 Siping Road, Shanghai",
    },
  });
  expect(res.status).toBe(302);
  return db().registration.findFirstOrThrow({ where: { userId: user.id, conferenceId: w.conference.id } });
}

const detailPath = (w: World, id: string) => `/conferences/${w.slug}/manage/registrations/${id}`;
const organizerPost = (w: World, id: string, form: Record<string, string>, cookie = w.organizer.cookie) =>
  callAction(regDetail, { path: detailPath(w, id), params: { slug: w.slug, id }, cookie, form });
const invoicesOf = (registrationId: string) => db().invoice.findMany({ where: { registrationId }, orderBy: { number: "asc" } });
const today = () => new Date().toISOString().slice(0, 10);

describe("invoices", () => {
  it("tax included in the price splits into net and tax; credit notes mirror it", () => {
    expect(splitGross(1200_00, 600)).toEqual({ netCents: 1132_08, taxCents: 67_92, grossCents: 1200_00 });
    expect(splitGross(-1200_00, 600)).toEqual({ netCents: -1132_08, taxCents: -67_92, grossCents: -1200_00 });
    expect(splitGross(999, 0)).toEqual({ netCents: 999, taxCents: 0, grossCents: 999 });
    expect(splitGross(100_00, 1300)).toEqual({ netCents: 88_50, taxCents: 11_50, grossCents: 100_00 });
  });

  it("a bank payment issues invoice 00001 with seller, buyer, tax lines; it reads the same after the settings change and cannot be edited", async () => {
    const w = await conferenceWithInvoicing();
    const reg = await registerByBank(w);
    expect(await invoicesOf(reg.id)).toEqual([]);
    expect((await organizerPost(w, reg.id, { intent: "mark-paid", amount: "1200" })).status).toBe(302);
    const [invoice] = await invoicesOf(reg.id);
    const number = `${w.slug.toUpperCase()}-00001`;
    expect(invoice).toMatchObject({ kind: "INVOICE", number: 1, numberText: number, grossCents: 1200_00, currency: "CNY" });
    const snapshot = invoice.data as unknown as InvoiceSnapshot;
    expect(snapshot.seller).toEqual({
      name: "Conference Secretariat Ltd",
      nameNative: null,
      address: "1 Example Road, Beijing",
      taxId: "91110000TAX0001",
    });
    expect(snapshot.buyer).toMatchObject({
      organization: "Tongji University 同济大学",
      taxId: "12310000425006117P",
      address: "1239 Siping Road, Shanghai",
    });
    expect(snapshot.lines).toEqual([
      {
        description: "Registration: Regular",
        descriptionZh: "注册：普通票",
        netCents: 1132_08,
        taxRateBasisPoints: 600,
        taxCents: 67_92,
        grossCents: 1200_00,
      },
    ]);
    expect((await db().registration.findUniqueOrThrow({ where: { id: reg.id } })).receiptNumber).toBe(1);

    const path = `/my/registrations/${reg.id}/receipt`;
    const before = await pdfText(receipt, path, { id: reg.id }, w.user.cookie);
    for (const text of [
      number,
      "INVOICE",
      "Conference Secretariat Ltd",
      "91110000TAX0001",
      "12310000425006117P",
      "同济大学",
      "CN¥1,132.08",
      "6 %",
      "CN¥67.92",
      "CN¥1,200.00",
      "Bank transfer",
      "银行转账",
    ])
      expect(before).toContain(text);
    expect(before).not.toContain("BANK_TRANSFER");

    // Later changes to the seller, the ticket or the person do not reach an issued invoice.
    await db().registrationSettings.update({
      where: { conferenceId: w.conference.id },
      data: { sellerName: "Someone Else", taxRateBasisPoints: 1300 },
    });
    await db().ticketType.update({ where: { id: w.ticket.id }, data: { nameEn: "Renamed" } });
    await db().user.update({ where: { id: w.user.id }, data: { nameLatin: "Other Name" } });
    expect(await pdfText(receipt, path, { id: reg.id }, w.organizer.cookie)).toBe(before);
    // The database refuses an edit of an issued invoice.
    await expect(db().invoice.update({ where: { id: invoice.id }, data: { grossCents: 1 } })).rejects.toThrow(/cannot be changed/);
  });

  it("the attendee edits the invoice details while awaiting payment; the invoice carries them; afterwards they are refused", async () => {
    const w = await conferenceWithInvoicing();
    const reg = await registerByBank(w);
    const edit = (form: Record<string, string>) =>
      callAction(myReg, {
        path: `/my/registrations/${reg.id}`,
        params: { id: reg.id },
        cookie: w.user.cookie,
        form: { intent: "invoice-address", ...form },
      });
    const details = {
      payerOrganization: "Fudan University 复旦大学",
      payerTaxId: "12100000425006133X",
      payerAddress: "220 Handan Road, Shanghai",
    };
    expect((await edit(details)).status).toBe(302);
    expect((await edit({ ...details, payerTaxId: "x".repeat(61) })).status).toBe(400);
    await organizerPost(w, reg.id, { intent: "mark-paid", amount: "1200" });
    const [invoice] = await invoicesOf(reg.id);
    expect((invoice.data as unknown as InvoiceSnapshot).buyer).toMatchObject({
      organization: "Fudan University 复旦大学",
      taxId: "12100000425006133X",
      address: "220 Handan Road, Shanghai",
    });
    const late = await edit({ ...details, payerOrganization: "Someone else" });
    expect(late.status).toBe(409);
    expect((await db().registration.findUniqueOrThrow({ where: { id: reg.id } })).payerOrganization).toBe("Fudan University 复旦大学");
  });

  it("Cancel and refund of a bank-paid registration: refund pending with its amount → payout recorded → credit note for attendee and organizer", async () => {
    const w = await conferenceWithInvoicing();
    const reg = await registerByBank(w);
    await organizerPost(w, reg.id, { intent: "mark-paid", amount: "1200" });
    const cancelled = await organizerPost(w, reg.id, { intent: "cancel", confirm: "1" });
    expect(cancelled.status).toBe(302);

    // Pending: the amount is shown to the organizer and the attendee, no credit note yet.
    const refund = await db().bankRefund.findFirstOrThrow({ where: { registrationId: reg.id } });
    expect(refund).toMatchObject({ amountCents: 1200_00, currency: "CNY", paidOutOn: null });
    expect((await invoicesOf(reg.id)).map((i) => i.kind)).toEqual(["INVOICE"]);
    const detail = await callLoader(regDetail, {
      path: detailPath(w, reg.id),
      params: { slug: w.slug, id: reg.id },
      cookie: w.organizer.cookie,
    });
    type Page = { registration: { bankRefunds: { amountCents: number; paidOutOn: unknown }[]; invoices: { kind: string }[] } };
    expect((detail.data as Page).registration.bankRefunds).toEqual([expect.objectContaining({ amountCents: 1200_00, paidOutOn: null })]);
    const mine = await callLoader(myReg, { path: `/my/registrations/${reg.id}`, params: { id: reg.id }, cookie: w.user.cookie });
    expect((mine.data as Page).registration.bankRefunds).toEqual([expect.objectContaining({ amountCents: 1200_00, paidOutOn: null })]);

    // Only the conference's organizers record payouts; the form's checks come back as field errors.
    const payout = { intent: "refund-payout", refundId: refund.id, paidOutOn: today(), reference: "BOC-REF-2025-0042" };
    expect((await organizerPost(w, reg.id, payout, w.user.cookie)).status).toBe(403);
    const future = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const bad = await organizerPost(w, reg.id, { ...payout, paidOutOn: future });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.data)).toContain("payoutFuture");
    expect((await organizerPost(w, reg.id, { ...payout, reference: "" })).status).toBe(400);
    expect((await db().bankRefund.findUniqueOrThrow({ where: { id: refund.id } })).recordedAt).toBeNull();

    expect((await organizerPost(w, reg.id, payout)).status).toBe(302);
    const done = await db().bankRefund.findUniqueOrThrow({ where: { id: refund.id } });
    expect(done).toMatchObject({ paidOutRef: "BOC-REF-2025-0042", recordedById: w.organizer.id });
    const after = await db().registration.findUniqueOrThrow({ where: { id: reg.id }, include: { payments: true } });
    expect(after).toMatchObject({ status: "CANCELLED", paidCents: 1200_00, refundedCents: 1200_00 });
    expect(after.payments.filter((p) => p.kind === "REFUND")).toEqual([
      expect.objectContaining({ amountCents: 1200_00, note: "Bank refund BOC-REF-2025-0042" }),
    ]);
    const [invoice, note] = await invoicesOf(reg.id);
    expect(note).toMatchObject({ kind: "CREDIT_NOTE", number: 2, creditsId: invoice.id, grossCents: -1200_00 });

    // Both can download the credit note; a stranger cannot; recording again is refused.
    const path = `/my/registrations/${reg.id}/invoices/${note.id}`;
    for (const cookie of [w.user.cookie, w.organizer.cookie]) {
      const text = await pdfText(invoiceDocument, path, { id: reg.id, invoiceId: note.id }, cookie);
      for (const t of ["CREDIT NOTE", note.numberText, `Cancels invoice / 冲销发票 No. ${invoice.numberText}`, "-CN¥1,200.00", "-CN¥67.92"])
        expect(text).toContain(t);
    }
    const stranger = await makeUser();
    expect((await callLoader(invoiceDocument, { path, params: { id: reg.id, invoiceId: note.id }, cookie: stranger.cookie })).status).toBe(
      403,
    );
    expect((await organizerPost(w, reg.id, payout)).status).toBe(409);
    expect(await invoicesOf(reg.id)).toHaveLength(2);
  });

  it("a cancellation with nothing to pay back by hand issues the credit note at once; a new registration on the same row gets the next number", async () => {
    const w = await conferenceWithInvoicing();
    // Card: paid through Stripe's checkout (faked at the HTTP boundary); the Stripe refund follows by itself.
    const res = await callAction(register, {
      path: `/conferences/${w.slug}/register`,
      params: { slug: w.slug },
      cookie: w.user.cookie,
      form: { ticketTypeId: w.ticket.id, method: "card" },
    });
    expect(res.status).toBe(302);
    const reg = await db().registration.findFirstOrThrow({ where: { userId: w.user.id } });
    const { session } = stripe.pay(reg.stripeSessionId!);
    const ev = stripe.event("checkout.session.completed", { id: session.id as string }, SECRET);
    const request = new Request("http://localhost:3000/stripe/webhook", {
      method: "POST",
      headers: { "stripe-signature": ev.signature, "content-type": "application/json" },
      body: ev.payload,
    });
    expect((await (webhook.action({ request, params: {}, context: {} }) as Promise<Response>)).status).toBe(200);
    expect(((await invoicesOf(reg.id))[0].data as unknown as InvoiceSnapshot).method).toBe("CARD");

    expect((await organizerPost(w, reg.id, { intent: "cancel", confirm: "1" })).status).toBe(302);
    expect(await db().bankRefund.count({ where: { registrationId: reg.id } })).toBe(0);
    const after = await db().registration.findUniqueOrThrow({ where: { id: reg.id } });
    expect(after.refundedCents).toBe(1200_00);
    expect((await invoicesOf(reg.id)).map((i) => [i.kind, i.number])).toEqual([
      ["INVOICE", 1],
      ["CREDIT_NOTE", 2],
    ]);

    // The person registers again (the row is reused) and pays by bank: invoice 3; the earlier documents stay.
    await registerByBank(w);
    await organizerPost(w, reg.id, { intent: "mark-paid", amount: "1200" });
    expect((await invoicesOf(reg.id)).map((i) => [i.kind, i.number])).toEqual([
      ["INVOICE", 1],
      ["CREDIT_NOTE", 2],
      ["INVOICE", 3],
    ]);
    const text = await pdfText(receipt, `/my/registrations/${reg.id}/receipt`, { id: reg.id }, w.user.cookie);
    expect(text).toContain(`${w.slug.toUpperCase()}-00003`);
  });
});
