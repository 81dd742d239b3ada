import { z } from "zod";

/**
 * The only place that reads process.env for the app. Secrets come from the
 * environment; the embedded demo gets a generated SESSION_SECRET from
 * server/start.js (kept under ./data) so nobody has to invent one.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required (server/start.js sets it for the embedded database)"),
  SESSION_SECRET: z.string().min(16, "SESSION_SECRET must be at least 16 characters"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Concord <no-reply@concord.test>"),
  MAILBOX_DIR: z.string().default("data/mail"),
  APP_URL: z.string().default("http://localhost:3000"),
  /** Set by server/start.js: "embedded" or "external". */
  CONCORD_DATABASE_KIND: z.enum(["embedded", "external"]).default("external"),
  /** Trust X-Forwarded-For for the client address (behind a proxy). */
  TRUST_PROXY: z.string().optional(),
  SLOW_QUERY_MS: z.coerce.number().default(200),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid environment:\n${lines.join("\n")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Tests change the environment between files; they call this to re-read it. */
export function resetEnvCache() {
  cached = undefined;
}

export function isProduction() {
  return env().NODE_ENV === "production";
}

/** The local mailbox (and its /dev/mail viewer) is used exactly when no SMTP server is configured. */
export function usesLocalMailbox() {
  return !env().SMTP_URL;
}
