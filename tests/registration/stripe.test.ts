// Card payments through the real stripe SDK against a local fake of the Stripe
// API, with webhooks signed by the SDK's test helper.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepExpired } from "~/domain/registration/sweep.server";
import * as register from "~/routes/registration/register";
import * as myReg from "~/routes/registration/my-registration";
import * as webhook from "~/routes/registration/stripe-webhook";
import { db } from "~/utils/db.server";
import { startStripeFake, type StripeFake } from "../support/stripe-fake";
import { callAction } from "../support/http";
import { makeUser } from "../support/world";
import { makeTicketing } from "./support";
import { resetEnvCache } from "~/utils/env.server";

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

async function deliver(payload: string, signature: string) {
  const request = new Request("http://localhost:3000/stripe/webhook", {
    method: "POST",
    headers: { "stripe-signature": signature, "content-type": "application/json" },
    body: payload,
  });
  const res = (await webhook.action({ request, params: {}, context: {} })) as Response;
  return { status: res.status, body: await res.json() };
}

async function cardRegistration(opts: { capacity?: number } = {}) {
  const setup = await makeTicketing({ priceCents: 1500_00, capacity: opts.capacity ?? 10 });
  const user = await makeUser();
  const res = await callAction(register, {
    path: `/conferences/${setup.slug}/register`,
    params: { slug: setup.slug },
    cookie: user.cookie,
    form: { ticketTypeId: setup.ticket.id, method: "card" },
  });
  expect(res.status).toBe(302);
  expect(res.location).toMatch(/^https:\/\/checkout\.stripe\.test\/pay\//);
  const reg = await db().registration.findFirstOrThrow({ where: { userId: user.id } });
  return { ...setup, user, reg };
}

const state = (id: string) => db().registration.findUniqueOrThrow({ where: { id }, include: { payments: true } });

describe("Stripe Checkout", () => {
  it("creates the session with the server's price; the webhook, not the browser, confirms", async () => {
    const { reg, user } = await cardRegistration();
    expect(reg).toMatchObject({ status: "RESERVED", method: "CARD", amountCents: 1500_00 });
    expect(reg.holdUntil!.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    const session = stripe.sessions.get(reg.stripeSessionId!)!;
    expect(session).toMatchObject({ amount_total: 1500_00, currency: "cny", metadata: { registrationId: reg.id } });

    // Coming back from Stripe changes nothing by itself.
    const { session: paid } = stripe.pay(reg.stripeSessionId!);
    expect((await state(reg.id)).status).toBe("RESERVED");

    const ev = stripe.event("checkout.session.completed", { id: paid.id as string, object: "checkout.session" }, SECRET);
    const res = await deliver(ev.payload, ev.signature);
    expect(res).toEqual({ status: 200, body: { outcome: "confirmed" } });
    const after = await state(reg.id);
    expect(after).toMatchObject({ status: "CONFIRMED", paidCents: 1500_00, receiptNumber: 1 });
    expect(after.payments).toHaveLength(1);
    expect(await db().outboxEmail.count({ where: { to: user.email, template: "registrationConfirmed" } })).toBe(1);

    // Duplicate delivery of the same event: 200, nothing more.
    expect((await deliver(ev.payload, ev.signature)).body).toEqual({ outcome: "duplicate" });
    expect((await state(reg.id)).payments).toHaveLength(1);
  });

  it("out of order: payment_intent.succeeded before checkout.session.completed confirms once", async () => {
    const { reg } = await cardRegistration();
    const { session, intent } = stripe.pay(reg.stripeSessionId!);
    const first = stripe.event("payment_intent.succeeded", { id: intent.id as string, object: "payment_intent" }, SECRET);
    expect((await deliver(first.payload, first.signature)).body).toEqual({ outcome: "confirmed" });
    const second = stripe.event("checkout.session.completed", { id: session.id as string, object: "checkout.session" }, SECRET);
    expect((await deliver(second.payload, second.signature)).body).toEqual({ outcome: "already-recorded" });
    const after = await state(reg.id);
    expect(after.status).toBe("CONFIRMED");
    expect(after.payments).toHaveLength(1);
  });

  it("a bad signature is refused with 400 and changes nothing", async () => {
    const { reg } = await cardRegistration();
    const { session } = stripe.pay(reg.stripeSessionId!);
    const ev = stripe.event("checkout.session.completed", { id: session.id as string }, "whsec_wrong");
    const before = await db().stripeEvent.count();
    const res = await deliver(ev.payload, ev.signature);
    expect(res.status).toBe(400);
    const tampered = stripe.event("checkout.session.completed", { id: session.id as string }, SECRET);
    expect(
      (await deliver(tampered.payload.replace("checkout.session.completed", "checkout.session.expired"), tampered.signature)).status,
    ).toBe(400);
    expect(await db().stripeEvent.count()).toBe(before);
    expect(await state(reg.id)).toMatchObject({ status: "RESERVED", paidCents: 0, payments: [] });
  });

  it("a payment after the hold expired and the quota filled is refunded automatically and the attendee told", async () => {
    const { reg, user, ticket, slug } = await cardRegistration({ capacity: 1 });
    await sweepExpired({ now: new Date(Date.now() + 31 * 60_000) });
    expect((await state(reg.id)).status).toBe("EXPIRED");
    // Someone else takes the freed place.
    const other = await makeUser();
    const taken = await callAction(register, {
      path: `/conferences/${slug}/register`,
      params: { slug },
      cookie: other.cookie,
      form: { ticketTypeId: ticket.id, method: "card" },
    });
    expect(taken.status).toBe(302);
    const { session } = stripe.pay(reg.stripeSessionId!);
    const ev = stripe.event("checkout.session.completed", { id: session.id as string }, SECRET);
    expect((await deliver(ev.payload, ev.signature)).body).toEqual({ outcome: "refunded" });
    const after = await state(reg.id);
    expect(after).toMatchObject({ status: "EXPIRED", paidCents: 1500_00, refundedCents: 1500_00 });
    expect(after.payments.map((p) => p.kind).sort()).toEqual(["CARD", "REFUND"]);
    expect([...stripe.refunds.values()].some((r) => r.payment_intent === session.payment_intent)).toBe(true);
    expect(await db().outboxEmail.count({ where: { to: user.email, template: "latePaymentRefunded" } })).toBe(1);
  });

  it("a late payment while a place is still free confirms the registration", async () => {
    const { reg } = await cardRegistration({ capacity: 5 });
    await sweepExpired({ now: new Date(Date.now() + 31 * 60_000) });
    const { session } = stripe.pay(reg.stripeSessionId!);
    const ev = stripe.event("checkout.session.completed", { id: session.id as string }, SECRET);
    expect((await deliver(ev.payload, ev.signature)).body).toEqual({ outcome: "confirmed-late" });
    expect((await state(reg.id)).status).toBe("CONFIRMED");
  });

  it("a payment in the wrong currency is recorded but does not confirm", async () => {
    const { reg } = await cardRegistration();
    const { intent } = stripe.pay(reg.stripeSessionId!, { currency: "usd" });
    const ev = stripe.event("payment_intent.succeeded", { id: intent.id as string }, SECRET);
    expect((await deliver(ev.payload, ev.signature)).body).toEqual({ outcome: "partial" });
    expect(await state(reg.id)).toMatchObject({ status: "RESERVED", paidCents: 0 });
  });

  it("after a partial payment, Pay opens a new Checkout session for the balance (not the completed one)", async () => {
    const { reg, user } = await cardRegistration();
    const first = reg.stripeSessionId!;
    const { intent } = stripe.pay(first, { amount: 500_00 });
    const ev = stripe.event("payment_intent.succeeded", { id: intent.id as string }, SECRET);
    expect((await deliver(ev.payload, ev.signature)).body).toEqual({ outcome: "partial" });
    expect(await state(reg.id)).toMatchObject({ status: "RESERVED", paidCents: 500_00 });

    const pay = () =>
      callAction(myReg, { path: `/my/registrations/${reg.id}`, params: { id: reg.id }, cookie: user.cookie, form: { intent: "pay" } });
    const res = await pay();
    expect(res.status).toBe(302);
    const second = (await state(reg.id)).stripeSessionId!;
    expect(second).not.toBe(first);
    expect(res.location).toBe(stripe.sessions.get(second)!.url);
    expect(stripe.sessions.get(second)).toMatchObject({ status: "open", amount_total: 1000_00, currency: "cny" });
    // Pressing Pay again for the same balance reuses that open session (the key is stable while nothing changes).
    expect((await pay()).location).toBe(res.location);
    expect((await state(reg.id)).stripeSessionId).toBe(second);
  });

  it("after a payment in another currency, Pay opens a new session for the whole amount", async () => {
    const { reg, user } = await cardRegistration();
    const first = reg.stripeSessionId!;
    const { intent } = stripe.pay(first, { currency: "usd" });
    const ev = stripe.event("payment_intent.succeeded", { id: intent.id as string }, SECRET);
    await deliver(ev.payload, ev.signature);
    const res = await callAction(myReg, {
      path: `/my/registrations/${reg.id}`,
      params: { id: reg.id },
      cookie: user.cookie,
      form: { intent: "pay" },
    });
    expect(res.status).toBe(302);
    const second = (await state(reg.id)).stripeSessionId!;
    expect(second).not.toBe(first);
    expect(stripe.sessions.get(second)).toMatchObject({ status: "open", amount_total: 1500_00, currency: "cny" });
  });

  it("cancelling a paid card registration refunds it through the API and frees the place", async () => {
    const { reg, user, quota, conference } = await cardRegistration();
    await db().registrationSettings.create({ data: { conferenceId: conference.id, cancelUntil: new Date(Date.now() + 86_400_000) } });
    const { session } = stripe.pay(reg.stripeSessionId!);
    const ev = stripe.event("checkout.session.completed", { id: session.id as string }, SECRET);
    await deliver(ev.payload, ev.signature);
    // The first click asks, saying the place goes on and how much comes back; nothing is cancelled yet.
    const asked = await callAction(myReg, {
      path: `/my/registrations/${reg.id}`,
      params: { id: reg.id },
      cookie: user.cookie,
      form: { intent: "cancel" },
    });
    expect(asked.status).toBe(200);
    expect(asked.data).toMatchObject({
      confirm: {
        message: "reg.confirm.cancelOwnRefund",
        vars: { refund: expect.stringContaining("1,500") },
        fields: [["intent", "cancel"]],
      },
    });
    expect(await state(reg.id)).toMatchObject({ status: "CONFIRMED", refundedCents: 0 });
    const res = await callAction(myReg, {
      path: `/my/registrations/${reg.id}`,
      params: { id: reg.id },
      cookie: user.cookie,
      form: { intent: "cancel", confirm: "1" },
    });
    expect(res.status).toBe(302);
    expect(await state(reg.id)).toMatchObject({ status: "CANCELLED", refundedCents: 1500_00 });
    expect((await db().quota.findUniqueOrThrow({ where: { id: quota.id } })).used).toBe(0);
  });
});
