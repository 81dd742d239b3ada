import Stripe from "stripe";
import { env } from "~/utils/env.server";

/**
 * The one Stripe client module. It reads STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET
 * and, for tests and benchmarks, STRIPE_API_BASE (e.g. http://127.0.0.1:4242),
 * which points the real SDK at a local fake via its host/port/protocol options.
 * Without a key, card payment is unavailable and bank transfer still works.
 */
let cached: { signature: string; client: Stripe } | undefined;

export function stripeConfigured() {
  return Boolean(env().STRIPE_SECRET_KEY);
}

export function stripeClient(): Stripe | null {
  const key = env().STRIPE_SECRET_KEY;
  if (!key) return null;
  const base = env().STRIPE_API_BASE;
  const signature = `${key}|${base ?? ""}`;
  if (cached?.signature !== signature) {
    const config: Stripe.StripeConfig = { maxNetworkRetries: 2, timeout: 15_000 };
    if (base) {
      const url = new URL(base);
      config.host = url.hostname;
      config.port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
      config.protocol = url.protocol === "http:" ? "http" : "https";
    }
    cached = { signature, client: new Stripe(key, config) };
  }
  return cached.client;
}

export function stripeWebhookSecret(): string | null {
  return env().STRIPE_WEBHOOK_SECRET || null;
}
