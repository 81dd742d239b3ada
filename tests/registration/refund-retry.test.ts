// Card refunds that fail after a committed cancellation: the refund is owed
// (written with the cancellation), shown as pending, and retried by the sweeper
// with the same idempotency key until Stripe answers — recorded exactly once.
// The real SDK talks to the local Stripe fake through a small proxy here that
// can fail the refund call, before the fake sees it (Stripe down) or after
// (the refund made, the answer lost).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startRegistrationJobs } from "~/domain/registration/jobs.server";
import { retryOwedRefunds } from "~/domain/registration/refund.server";
import * as regDetail from "~/routes/registration/manage/registration";
import * as register from "~/routes/registration/register";
import * as myRegs from "~/routes/registration/my-registrations";
import * as myReg from "~/routes/registration/my-registration";
import * as webhook from "~/routes/registration/stripe-webhook";
import { db } from "~/utils/db.server";
import { startStripeFake, type StripeFake } from "../support/stripe-fake";
import { callAction, callLoader } from "../support/http";
import { grantConferenceRole, makeUser } from "../support/world";
import { makeTicketing } from "./support";
import { resetEnvCache } from "~/utils/env.server";

const SECRET = "whsec_test_secret";
let stripe: StripeFake;
let proxy: Awaited<ReturnType<typeof startFlakyProxy>>;

/** Forwards to the fake; fails the next `failRefunds` refund calls with a 500 that the SDK must not retry by itself. */
async function startFlakyProxy(target: string) {
  const state = { failRefunds: 0, lostAnswer: false, refundCalls: 0 };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const isRefund = req.method === "POST" && (req.url ?? "").startsWith("/v1/refunds");
    if (isRefund) state.refundCalls += 1;
    const fail = isRefund && state.failRefunds > 0;
    if (fail) state.failRefunds -= 1;
    const failure = () =>
      res
        .writeHead(500, { "content-type": "application/json", "stripe-should-retry": "false" })
        .end(JSON.stringify({ error: { type: "api_error", message: "Stripe is unavailable" } }));
    if (fail && !state.lostAnswer) return failure();
    const headers: Record<string, string> = {};
    for (const h of ["authorization", "content-type", "idempotency-key", "stripe-version"])
      if (typeof req.headers[h] === "string") headers[h] = req.headers[h] as string;
    const upstream = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers,
      body: req.method === "GET" ? undefined : Buffer.concat(chunks),
    });
    const text = await upstream.text();
    if (fail) return failure();
    res.writeHead(upstream.status, { "content-type": "application/json" }).end(text);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

beforeAll(async () => {
  stripe = await startStripeFake();
  proxy = await startFlakyProxy(stripe.url);
  process.env.STRIPE_SECRET_KEY = "sk_test_concord";
  process.env.STRIPE_WEBHOOK_SECRET = SECRET;
  process.env.STRIPE_API_BASE = proxy.url;
  resetEnvCache();
});
afterAll(async () => {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  delete process.env.STRIPE_API_BASE;
  resetEnvCache();
  await proxy.close();
  await stripe.close();
});
beforeEach(() => {
  Object.assign(proxy.state, { failRefunds: 0, lostAnswer: false, refundCalls: 0 });
});

const MINUTE = 60_000;
const later = (minutes: number) => new Date(Date.now() + minutes * MINUTE);

/** A confirmed card registration of 1500 CNY (paid through checkout and the webhook), its attendee and an organizer. */
async function paidCardRegistration() {
  const setup = await makeTicketing({ priceCents: 1500_00, capacity: 10 });
  await db().registrationSettings.create({ data: { conferenceId: setup.conference.id, cancelUntil: later(24 * 60) } });
  const [user, organizer] = await Promise.all([makeUser(), makeUser()]);
  await grantConferenceRole(setup.conference.id, organizer.id, "ORGANIZER");
  const res = await callAction(register, {
    path: `/conferences/${setup.slug}/register`,
    params: { slug: setup.slug },
    cookie: user.cookie,
    form: { ticketTypeId: setup.ticket.id, method: "card" },
  });
  expect(res.status).toBe(302);
  const reg = await db().registration.findFirstOrThrow({ where: { userId: user.id } });
  const { session, intent } = stripe.pay(reg.stripeSessionId!);
  const ev = stripe.event("checkout.session.completed", { id: session.id as string }, SECRET);
  const request = new Request("http://localhost:3000/stripe/webhook", {
    method: "POST",
    headers: { "stripe-signature": ev.signature, "content-type": "application/json" },
    body: ev.payload,
  });
  expect((await (webhook.action({ request, params: {}, context: {} }) as Promise<Response>)).status).toBe(200);
  expect((await db().registration.findUniqueOrThrow({ where: { id: reg.id } })).status).toBe("CONFIRMED");
  return { ...setup, user, organizer, reg, paymentIntent: intent.id as string };
}

type W = Awaited<ReturnType<typeof paidCardRegistration>>;
const cancelAsAttendee = (w: W) =>
  callAction(myReg, {
    path: `/my/registrations/${w.reg.id}`,
    params: { id: w.reg.id },
    cookie: w.user.cookie,
    form: { intent: "cancel", confirm: "1" },
  });
const state = (id: string) =>
  db().registration.findUniqueOrThrow({ where: { id }, include: { payments: { orderBy: { createdAt: "asc" } } } });
const card = async (w: W) => db().payment.findFirstOrThrow({ where: { registrationId: w.reg.id, kind: "CARD" } });
const stripeRefundsOf = (pi: string) => [...stripe.refunds.values()].filter((r) => r.payment_intent === pi);

/** What the attendee's and the organizer's pages say about owed refunds. */
async function pages(w: W) {
  const mine = await callLoader(myReg, { path: `/my/registrations/${w.reg.id}`, params: { id: w.reg.id }, cookie: w.user.cookie });
  const list = await callLoader(myRegs, { path: "/my/registrations", cookie: w.user.cookie });
  const detail = await callLoader(regDetail, {
    path: `/conferences/${w.slug}/manage/registrations/${w.reg.id}`,
    params: { slug: w.slug, id: w.reg.id },
    cookie: w.organizer.cookie,
  });
  type P = { kind: string; refundDueSince: unknown; refundAttempts?: number; refundError?: string | null };
  return {
    attendee: (mine.data as { registration: { payments: P[] } }).registration.payments.filter((p) => p.refundDueSince),
    attendeeList: (list.data as { registrations: { payments: unknown[] }[] }).registrations[0].payments,
    organizer: (detail.data as { registration: { payments: P[] } }).registration.payments.filter((p) => p.refundDueSince),
  };
}

describe("card refunds after a cancellation", () => {
  it("a refund call that fails once: the cancellation commits, the refund is owed and shown, the sweep makes it exactly once", async () => {
    const w = await paidCardRegistration();
    proxy.state.failRefunds = 1;
    const res = await cancelAsAttendee(w);
    expect(res.status).toBe(302);
    expect(proxy.state.refundCalls).toBe(1);

    // Cancelled and the place given back, whatever Stripe said.
    const cancelled = await state(w.reg.id);
    expect(cancelled).toMatchObject({ status: "CANCELLED", paidCents: 1500_00, refundedCents: 0 });
    expect((await db().quota.findUniqueOrThrow({ where: { id: w.quota.id } })).used).toBe(0);
    expect(cancelled.payments.map((p) => p.kind)).toEqual(["CARD"]);
    const owed = await card(w);
    expect(owed).toMatchObject({
      refundDueSince: cancelled.cancelledAt,
      refundedAt: null,
      refundAttempts: 1,
      refundError: "Stripe is unavailable",
    });
    expect(owed.refundRetryAt!.getTime()).toBeGreaterThan(Date.now());
    expect(stripeRefundsOf(w.paymentIntent)).toHaveLength(0);

    // Visible to the attendee (detail and list) and to the organizers, with the error.
    const shown = await pages(w);
    expect(shown.attendee).toHaveLength(1);
    expect(shown.attendeeList).toEqual([{ amountCents: 1500_00, currency: "CNY" }]);
    expect(shown.organizer).toMatchObject([{ kind: "CARD", refundAttempts: 1, refundError: "Stripe is unavailable" }]);

    // Not before its backoff.
    expect(await retryOwedRefunds({ now: new Date() })).toMatchObject({ attempted: 0 });
    expect(proxy.state.refundCalls).toBe(1);

    // The sweep's retry succeeds: one refund at Stripe, one REFUND row, the registration's figures updated.
    expect(await retryOwedRefunds({ now: later(2) })).toEqual({ attempted: 1, refundedCents: 1500_00, pending: 0 });
    const after = await state(w.reg.id);
    expect(after).toMatchObject({ status: "CANCELLED", refundedCents: 1500_00 });
    expect(after.payments.map((p) => p.kind)).toEqual(["CARD", "REFUND"]);
    expect(await card(w)).toMatchObject({ refundDueSince: null, refundRetryAt: null, refundError: null });
    expect((await card(w)).refundedAt).not.toBeNull();
    expect(stripeRefundsOf(w.paymentIntent)).toHaveLength(1);
    expect(await db().auditEvent.count({ where: { action: "payment.refund", entityId: w.reg.id } })).toBe(1);
    const settled = await pages(w);
    expect([settled.attendee, settled.attendeeList, settled.organizer]).toEqual([[], [], []]);

    // Later sweeps have nothing to do.
    expect(await retryOwedRefunds({ now: later(600) })).toMatchObject({ attempted: 0 });
    expect(proxy.state.refundCalls).toBe(2);
    // Every call carried the same idempotency key.
    const keys = stripe.calls.filter((c) => c.path === "/v1/refunds" && c.body.payment_intent === w.paymentIntent);
    expect(keys).toHaveLength(1); // the failed call never reached the fake
  });

  it("an answer lost after Stripe refunded: the retry replays the same key and records the one refund once", async () => {
    const w = await paidCardRegistration();
    Object.assign(proxy.state, { failRefunds: 1, lostAnswer: true });
    expect((await cancelAsAttendee(w)).status).toBe(302);
    expect(stripeRefundsOf(w.paymentIntent)).toHaveLength(1); // made at Stripe, not known here
    expect(await state(w.reg.id)).toMatchObject({ status: "CANCELLED", refundedCents: 0 });
    expect((await card(w)).refundDueSince).not.toBeNull();

    // Two sweepers at once: only one claims the payment.
    const results = await Promise.all([retryOwedRefunds({ now: later(2) }), retryOwedRefunds({ now: later(2) })]);
    expect(results.map((r) => r.attempted).sort()).toEqual([0, 1]);
    expect(stripeRefundsOf(w.paymentIntent)).toHaveLength(1);
    const after = await state(w.reg.id);
    expect(after.refundedCents).toBe(1500_00);
    expect(after.payments.filter((p) => p.kind === "REFUND")).toHaveLength(1);
    expect(after.payments.find((p) => p.kind === "REFUND")!.externalId).toBe(stripeRefundsOf(w.paymentIntent)[0].id);
  });

  it("a refund that keeps failing stays owed and visible, backing off, until Stripe answers", async () => {
    const w = await paidCardRegistration();
    proxy.state.failRefunds = 100;
    // Cancelled by an organizer this time.
    const res = await callAction(regDetail, {
      path: `/conferences/${w.slug}/manage/registrations/${w.reg.id}`,
      params: { slug: w.slug, id: w.reg.id },
      cookie: w.organizer.cookie,
      form: { intent: "cancel", confirm: "1" },
    });
    expect(res.status).toBe(302);
    let minutes = 0;
    for (let failures = 2; failures <= 4; failures++) {
      minutes += 2 ** (failures - 1) + 0.5; // past the backoff after the previous failure (1, 2, 4 … minutes)
      expect(await retryOwedRefunds({ now: later(minutes) })).toEqual({ attempted: 1, refundedCents: 0, pending: 1 });
      expect(await card(w)).toMatchObject({ refundAttempts: failures, refundedAt: null, refundError: "Stripe is unavailable" });
    }
    // Inside the current backoff (8 minutes after the 4th failure) nothing is tried.
    expect(await retryOwedRefunds({ now: later(minutes + 7) })).toMatchObject({ attempted: 0 });
    const owed = await pages(w);
    expect(owed.attendee).toHaveLength(1);
    expect(owed.organizer).toMatchObject([{ refundAttempts: 4 }]);
    expect(await state(w.reg.id)).toMatchObject({ status: "CANCELLED", refundedCents: 0 });
    expect(stripeRefundsOf(w.paymentIntent)).toHaveLength(0);

    // Stripe recovers.
    proxy.state.failRefunds = 0;
    expect(await retryOwedRefunds({ now: later(minutes + 9) })).toMatchObject({ attempted: 1, refundedCents: 1500_00 });
    expect(await state(w.reg.id)).toMatchObject({ refundedCents: 1500_00 });
    expect(stripeRefundsOf(w.paymentIntent)).toHaveLength(1);
  });

  it("the periodic jobs retry owed refunds", async () => {
    const w = await paidCardRegistration();
    proxy.state.failRefunds = 1;
    expect((await cancelAsAttendee(w)).status).toBe(302);
    // As if the backoff had run out.
    await db().payment.update({ where: { id: (await card(w)).id }, data: { refundRetryAt: new Date(Date.now() - 1000) } });
    const jobs = startRegistrationJobs(50);
    try {
      for (let i = 0; i < 100 && (await state(w.reg.id)).refundedCents === 0; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await jobs.stop();
    }
    expect(await state(w.reg.id)).toMatchObject({ refundedCents: 1500_00 });
    expect(stripeRefundsOf(w.paymentIntent)).toHaveLength(1);
  });

  it("a refund still owed when the person registers again goes to the old payment, not to the new registration", async () => {
    const w = await paidCardRegistration();
    proxy.state.failRefunds = 1;
    expect((await cancelAsAttendee(w)).status).toBe(302);
    // The same person registers again (bank transfer): the cancelled row is reused and starts at paid 0 / refunded 0.
    const again = await callAction(register, {
      path: `/conferences/${w.slug}/register`,
      params: { slug: w.slug },
      cookie: w.user.cookie,
      form: { ticketTypeId: w.ticket.id, method: "bank" },
    });
    expect(again.status).toBe(302);
    expect(await state(w.reg.id)).toMatchObject({ status: "RESERVED", paidCents: 0, refundedCents: 0 });

    expect(await retryOwedRefunds({ now: later(2) })).toMatchObject({ attempted: 1, pending: 0 });
    const after = await state(w.reg.id);
    expect(after).toMatchObject({ status: "RESERVED", paidCents: 0, refundedCents: 0 });
    expect(after.payments.map((p) => p.kind)).toEqual(["CARD", "REFUND"]);
    expect(stripeRefundsOf(w.paymentIntent)).toHaveLength(1);
  });

  it("without a Stripe key the refund stays owed, and is made once a key is back", async () => {
    const w = await paidCardRegistration();
    delete process.env.STRIPE_SECRET_KEY;
    resetEnvCache();
    try {
      expect((await cancelAsAttendee(w)).status).toBe(302);
      expect(await retryOwedRefunds({ now: later(5) })).toMatchObject({ attempted: 0 });
      expect((await card(w)).refundDueSince).not.toBeNull();
      expect((await pages(w)).attendee).toHaveLength(1);
    } finally {
      process.env.STRIPE_SECRET_KEY = "sk_test_concord";
      resetEnvCache();
    }
    expect(await retryOwedRefunds({ now: later(5) })).toMatchObject({ attempted: 1, refundedCents: 1500_00 });
  });
});
