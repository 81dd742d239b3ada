import type { Tx } from "~/utils/db.server";

/**
 * Transaction-scoped locks that serialize the programme's check-then-write
 * operations (see docs/decisions/021-programme-conflicts.md).
 *
 * The operations that check and then write (placeSession, saveSession,
 * workshopSignup) take the locking as an option that defaults to
 * `programmeLocks`, the only one production code uses. The race tests hand in
 * their own: the same locks with a pause between check and write (so that
 * concurrent transactions meet there), and as their control the pause without
 * the locks (tests/programme/unlocked.ts), which must fail, proving the lock
 * (not luck) prevents the conflict.
 */
export type ProgrammeLocking = {
  /** Serializes every timetable change of one conference. */
  timetable(tx: Tx, conferenceId: string): Promise<void>;
  /** Serializes sign-ups for one workshop. */
  session(tx: Tx, sessionId: string): Promise<void>;
  /** Runs after the operation's check and before its write, under the locks. */
  afterCheck(): Promise<void>;
};

export const programmeLocks: ProgrammeLocking = {
  // A PostgreSQL advisory lock, released at commit.
  async timetable(tx, conferenceId) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`programme:timetable:${conferenceId}`}, 0))`;
  },
  // The workshop's row lock.
  async session(tx, sessionId) {
    await tx.$executeRaw`SELECT 1 FROM "ProgrammeSession" WHERE id = ${sessionId}::uuid FOR UPDATE`;
  },
  async afterCheck() {},
};
