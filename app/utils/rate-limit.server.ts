import { db } from "./db.server";
import { AppError } from "./errors";

export type RateRule = { name: string; limit: number; windowSeconds: number };

/** Limits shared by every app process because the counters live in PostgreSQL. */
export const rules = {
  loginPerAccount: { name: "login:account", limit: 10, windowSeconds: 15 * 60 },
  loginPerIp: { name: "login:ip", limit: 50, windowSeconds: 15 * 60 },
  emailLinkPerAccount: { name: "link:account", limit: 5, windowSeconds: 60 * 60 },
  emailLinkPerIp: { name: "link:ip", limit: 20, windowSeconds: 60 * 60 },
  signupPerIp: { name: "signup:ip", limit: 20, windowSeconds: 60 * 60 },
  /** "You already have an account" notices: one per address and hour, dropped silently beyond. */
  signupNoticePerAccount: { name: "signup-notice:account", limit: 1, windowSeconds: 60 * 60 },
} satisfies Record<string, RateRule>;

/**
 * Counts one attempt for `subject` under `rule` (fixed window, atomic upsert)
 * and throws a 429 AppError when the limit is exceeded.
 */
export async function hit(rule: RateRule, subject: string) {
  const { allowed, retryMinutes } = await count(rule, subject);
  if (!allowed) throw new AppError("RATE_LIMITED", "error.rateLimited", { minutes: retryMinutes });
}

/**
 * Takes back the attempt `hit` just counted, when it turned out to be legitimate (a sign-in with the
 * right password): the limits are there against guessing, and a person signing in on several devices,
 * or a whole office behind one address, must not be locked out by succeeding.
 */
export async function forgive(rule: RateRule, subject: string) {
  const now = Date.now();
  const windowStart = new Date(now - (now % (rule.windowSeconds * 1000)));
  const key = `${rule.name}:${subject.toLowerCase()}`;
  await db().$executeRaw`
    UPDATE "RateLimitBucket" SET "count" = "count" - 1 WHERE "key" = ${key} AND "windowStart" = ${windowStart} AND "count" > 0`;
}

/** Counts one attempt like `hit`, but answers whether it is within the limit instead of throwing. */
export async function withinLimit(rule: RateRule, subject: string) {
  return (await count(rule, subject)).allowed;
}

async function count(rule: RateRule, subject: string) {
  const now = Date.now();
  const windowStart = new Date(now - (now % (rule.windowSeconds * 1000)));
  const key = `${rule.name}:${subject.toLowerCase()}`;
  const rows = await db().$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
    RETURNING "count"`;
  const n = Number(rows[0]?.count ?? 0);
  const retryMinutes = Math.ceil((windowStart.getTime() + rule.windowSeconds * 1000 - now) / 60000);
  return { allowed: n <= rule.limit, retryMinutes };
}

/** Old windows are useless; the outbox worker's housekeeping calls this. */
export async function pruneRateLimits() {
  await db().rateLimitBucket.deleteMany({ where: { windowStart: { lt: new Date(Date.now() - 24 * 3600 * 1000) } } });
}
