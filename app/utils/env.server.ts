import { z } from "zod";

/**
 * The one place that reads process.env. Every setting Concord knows is in this schema (and in
 * .env.example, which a test keeps in step with it). server/start.js reads it too, through the
 * build (`build.entry.module.env`), so the process and the app agree on one validated set.
 *
 * server/start.js fills in DATABASE_URL (the embedded database) and SESSION_SECRET (generated for the
 * embedded demo) before the app reads them; that is why they are optional here and required by the
 * code that uses them. APP_URL defaults to http://localhost:$PORT.
 */
const flag = z.enum(["0", "1"]).optional();
const whole = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  APP_URL: z.url("APP_URL must be an absolute URL such as https://concord.example.org").optional(),

  DATABASE_URL: z.string().min(1).optional(),
  /** Set by server/start.js: "embedded" (PGlite) or "external" (DATABASE_URL). */
  CONCORD_DATABASE_KIND: z.enum(["embedded", "external"]).default("external"),
  CONCORD_DATA_DIR: z.string().default("data"),
  CONCORD_BUILD_DIR: z.string().default("build"),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  CONCORD_SEED: flag,
  DB_POOL_SIZE: z.coerce.number().int().min(1).default(10),
  DB_PREPARED_STATEMENTS: flag,
  SLOW_QUERY_MS: whole(200),

  SESSION_SECRET: z.string().min(16, "SESSION_SECRET must be at least 16 characters").optional(),

  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Concord <no-reply@concord.test>"),
  MAILBOX_DIR: z.string().default("data/mail"),
  /** Development: keep mail in MAILBOX_DIR and show it at /dev/mail even with an external database. */
  DEV_MAILBOX: flag,
  /** Production without SMTP: mail is only written to MAILBOX_DIR (nothing is sent, nothing is shown). */
  MAIL_STORE_ONLY: flag,

  /** Number of reverse proxies in front of Concord whose X-Forwarded-* headers are believed. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024),
  PAGE_CACHE_MS: whole(5000),
  SHUTDOWN_TIMEOUT_MS: whole(20_000),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).default(1),
  CONCORD_WORKER: flag,

  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  /** Bearer token that /metrics requires; without it /metrics answers 404. */
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),

  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** Tests and benchmarks: points the real Stripe SDK at a local fake. */
  STRIPE_API_BASE: z.url().optional(),
  SEAL_PRIVATE_KEY: z.string().optional(),

  /** PAdES signing of accords, visa letters and receipts: a PKCS#12 file (and its password)... */
  DOCUMENT_SIGNING_P12: z.string().optional(),
  DOCUMENT_SIGNING_P12_PASSWORD: z.string().optional(),
  /** ...or a PEM certificate (chain) file and a PEM private key file. Neither: a self-signed one in CONCORD_DATA_DIR. */
  DOCUMENT_SIGNING_CERT: z.string().optional(),
  DOCUMENT_SIGNING_KEY: z.string().optional(),
  /** RFC 3161 time-stamping authority: signatures then carry a timestamp (PAdES B-T). */
  DOCUMENT_TSA_URL: z.url().optional(),
});

export type Env = z.infer<typeof schema> & { APP_URL: string };

/** The names of every setting, for .env.example's test. */
export const ENV_NAMES = Object.keys(schema.shape);

let cached: Env | undefined;

/** Empty strings count as unset (`SMTP_URL=` in a shell or a .env file). */
function present(source: NodeJS.ProcessEnv) {
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
}

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(present(process.env));
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid environment:\n${lines.join("\n")}`);
    }
    const values = parsed.data;
    const host = values.HOST === "0.0.0.0" || values.HOST === "127.0.0.1" ? "localhost" : values.HOST;
    cached = { ...values, APP_URL: values.APP_URL ?? `http://${host}:${values.PORT}` };
  }
  return cached;
}

/** server/start.js settles DATABASE_URL and SESSION_SECRET after a first read; tests change the environment between files. */
export function resetEnvCache() {
  cached = undefined;
}

export function isProduction() {
  return env().NODE_ENV === "production";
}

export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (server/start.js sets it for the embedded database)");
  return url;
}

export function sessionSecret(): string {
  const secret = env().SESSION_SECRET;
  if (!secret) throw new Error("SESSION_SECRET is not set (server/start.js generates one for the embedded demo)");
  return secret;
}

/**
 * How mail leaves Concord (decision 038):
 * - "smtp": SMTP_URL is set.
 * - "mailbox": written to MAILBOX_DIR and readable at /dev/mail — only for the embedded demo or with
 *   DEV_MAILBOX=1, and never with NODE_ENV=production (anyone could read password-reset links there).
 * - "store": MAIL_STORE_ONLY=1, written to MAILBOX_DIR and shown nowhere; logged loudly at start.
 * - null: no way to deliver mail; server/start.js refuses to start.
 */
export type MailDelivery = "smtp" | "mailbox" | "store";

export function mailDelivery(): MailDelivery | null {
  const e = env();
  if (e.SMTP_URL) return "smtp";
  if (e.NODE_ENV !== "production" && (e.CONCORD_DATABASE_KIND === "embedded" || e.DEV_MAILBOX === "1")) return "mailbox";
  if (e.MAIL_STORE_ONLY === "1") return "store";
  return null;
}

/** The local mailbox viewer (/dev/mail) exists exactly when mail goes to the development mailbox. */
export function usesLocalMailbox() {
  return mailDelivery() === "mailbox";
}
