// Helpers for the accounts tests: reading emailed links back from the outbox,
// and a distinct client address per test so per-IP limits do not leak between tests.
import { expect, onTestFinished, vi } from "vitest";
import { db } from "~/utils/db.server";
import { emailText } from "../support/mail";

/**
 * Holds the clock (Date only; timers run) for the rest of the test. Rate limits count attempts in windows
 * aligned to the clock (15 and 60 minutes, `rate-limit.server.ts`): a test whose attempts run across a
 * window's end sees them split between two windows and is not limited (CI met one at 01:45). Held, the
 * test's attempts are all in one window, as they would be in a test that ran in any other second.
 */
export function holdClockForRateLimits() {
  vi.useFakeTimers({ toFake: ["Date"] });
  onTestFinished(() => {
    vi.useRealTimers();
  });
}

let n = 0;
/** A fresh client address (TEST-NET-2), sent as the x-concord-client-ip header. */
export function freshIp() {
  n += 1;
  return { "x-concord-client-ip": `198.51.${Math.floor(n / 250) % 250}.${n % 250}` };
}

/** The emails queued for an address, newest first. */
export function emailsTo(to: string) {
  return db().outboxEmail.findMany({ where: { to }, orderBy: { createdAt: "desc" } });
}

/** The link (path and query) of the newest email to `to` whose URL starts with `path`. */
export async function linkFromEmail(to: string, path: string) {
  const [email] = await emailsTo(to);
  expect(email, `an email to ${to}`).toBeTruthy();
  const text = await emailText(email);
  const match = text.match(new RegExp(`https?://[^\\s/]+(${path.replace(/[.?]/g, "\\$&")}\\?token=[A-Za-z0-9_%-]+)`));
  expect(match, `a ${path} link in:\n${text}`).toBeTruthy();
  return decodeURIComponent(match![1]);
}

export function tokenOf(link: string) {
  return new URL(link, "http://localhost").searchParams.get("token")!;
}

/** Form-level and field-level errors of a Conform reply returned by an action. */
export function errorsOf(data: unknown) {
  return ((data as { error?: Record<string, string[] | null> })?.error ?? {}) as Record<string, string[] | null>;
}

export function initialValueOf(data: unknown) {
  return ((data as { initialValue?: Record<string, unknown> })?.initialValue ?? {}) as Record<string, unknown>;
}
