// A local HTTP server answering the Stripe API endpoints Concord uses, so the
// REAL stripe SDK is exercised (pointed here by STRIPE_API_BASE → host/port/
// protocol). Webhook deliveries are signed with the SDK's test header helper.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

type Obj = Record<string, unknown>;

/** Stripe's form encoding: a[b][0][c]=v → { a: { b: [{ c: v }] } } (arrays kept as objects with numeric keys). */
function parseForm(body: string): Obj {
  const out: Obj = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, "").split("[");
    let node = out;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Obj;
    });
  }
  return out;
}

export type StripeFake = Awaited<ReturnType<typeof startStripeFake>>;

export async function startStripeFake() {
  const sessions = new Map<string, Obj>();
  const intents = new Map<string, Obj>();
  const refunds = new Map<string, Obj>();
  const byIdempotencyKey = new Map<string, Obj>();
  const calls: { method: string; path: string; body: Obj }[] = [];
  let n = 0;
  const id = (prefix: string) => `${prefix}_test_${(++n).toString().padStart(6, "0")}`;

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = parseForm(Buffer.concat(chunks).toString());
    const path = (req.url ?? "").split("?")[0];
    calls.push({ method: req.method ?? "", path, body });
    const send = (status: number, obj: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "request-id": `req_${n}` });
      res.end(JSON.stringify(obj));
    };
    const key = req.headers["idempotency-key"] as string | undefined;
    if (req.method === "POST" && key && byIdempotencyKey.has(key)) return send(200, byIdempotencyKey.get(key));
    const remember = (obj: Obj) => {
      if (key) byIdempotencyKey.set(key, obj);
      return obj;
    };
    let m: RegExpMatchArray | null;
    if (req.method === "POST" && path === "/v1/checkout/sessions") {
      const item = ((body.line_items as Obj)["0"] as Obj).price_data as Obj;
      const s: Obj = {
        id: id("cs"),
        object: "checkout.session",
        url: `https://checkout.stripe.test/pay/${n}`,
        status: "open",
        payment_status: "unpaid",
        payment_intent: null,
        amount_total: Number(item.unit_amount),
        currency: item.currency,
        metadata: body.metadata ?? {},
        client_reference_id: body.client_reference_id,
        customer_email: body.customer_email,
        expires_at: Number(body.expires_at),
        payment_intent_data: body.payment_intent_data,
      };
      sessions.set(s.id as string, s);
      return send(200, remember(s));
    }
    if (req.method === "GET" && (m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)$/))) {
      const s = sessions.get(m[1]);
      return s ? send(200, s) : send(404, { error: { type: "invalid_request_error", message: "No such checkout session" } });
    }
    if (req.method === "GET" && (m = path.match(/^\/v1\/payment_intents\/([^/]+)$/))) {
      const pi = intents.get(m[1]);
      return pi ? send(200, pi) : send(404, { error: { type: "invalid_request_error", message: "No such payment intent" } });
    }
    if (req.method === "POST" && path === "/v1/refunds") {
      const pi = intents.get(body.payment_intent as string);
      if (!pi) return send(404, { error: { type: "invalid_request_error", message: "No such payment intent" } });
      const r: Obj = {
        id: id("re"),
        object: "refund",
        amount: body.amount ? Number(body.amount) : pi.amount_received,
        currency: pi.currency,
        payment_intent: pi.id,
        status: "succeeded",
        metadata: body.metadata ?? {},
      };
      refunds.set(r.id as string, r);
      return send(200, remember(r));
    }
    send(404, { error: { type: "invalid_request_error", message: `Unknown endpoint ${req.method} ${path}` } });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  const sdk = new Stripe("sk_test_fake");

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    sessions,
    intents,
    refunds,
    /** The customer pays the session: a succeeded payment intent carrying the session's metadata. */
    pay(sessionId: string, opts: { amount?: number; currency?: string } = {}) {
      const s = sessions.get(sessionId)!;
      const pi: Obj = {
        id: id("pi"),
        object: "payment_intent",
        status: "succeeded",
        amount: opts.amount ?? s.amount_total,
        amount_received: opts.amount ?? s.amount_total,
        currency: opts.currency ?? s.currency,
        metadata: ((s.payment_intent_data as Obj | undefined)?.metadata as Obj) ?? {},
      };
      intents.set(pi.id as string, pi);
      Object.assign(s, {
        status: "complete",
        payment_status: "paid",
        payment_intent: pi.id,
        amount_total: pi.amount_received,
        currency: pi.currency,
      });
      return { session: s, intent: pi };
    },
    /** A webhook event and its Stripe-Signature header, signed like Stripe does. */
    event(type: string, object: Obj, secret: string, opts: { eventId?: string } = {}) {
      const payload = JSON.stringify({
        id: opts.eventId ?? id("evt"),
        object: "event",
        type,
        api_version: "2025-01-01",
        created: Math.floor(Date.now() / 1000),
        data: { object },
      });
      return { payload, signature: sdk.webhooks.generateTestHeaderString({ payload, secret }) };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
