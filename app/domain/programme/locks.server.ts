import type { Tx } from "~/utils/db.server";

/**
 * Transaction-scoped locks that serialize the programme's check-then-write
 * operations (see docs/decisions/021-programme-conflicts.md).
 *
 * `enabled` exists for the race tests' control only: with it off the same
 * tests must fail, proving the lock (not luck) prevents the conflict.
 * `afterCheck` lets a test hold a transaction between its check and its write.
 */
export const programmeLocking: { enabled: boolean; afterCheck: (() => Promise<void>) | null } = { enabled: true, afterCheck: null };

/** Serializes every timetable change of one conference (a PostgreSQL advisory lock, released at commit). */
export async function lockTimetable(tx: Tx, conferenceId: string) {
  if (!programmeLocking.enabled) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`programme:timetable:${conferenceId}`}, 0))`;
}

/** Serializes sign-ups for one workshop by locking its row. */
export async function lockSession(tx: Tx, sessionId: string) {
  if (!programmeLocking.enabled) return;
  await tx.$executeRaw`SELECT 1 FROM "ProgrammeSession" WHERE id = ${sessionId}::uuid FOR UPDATE`;
}

export async function pauseAfterCheck() {
  if (programmeLocking.afterCheck) await programmeLocking.afterCheck();
}
