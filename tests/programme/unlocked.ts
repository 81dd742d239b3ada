// The programme race tests' locking strategies. They live in tests/ so that no
// production module can import them; an operation uses one only when a test
// hands it in as `locking`.
import { programmeLocks, type ProgrammeLocking } from "~/domain/programme/locks.server";

/**
 * A pause after the check: each of `parties` concurrent transactions waits
 * there (up to 300 ms) until all have arrived, so without a lock every one of
 * them passes the check before any writes.
 */
export function meetingAfterCheck(parties: number): () => Promise<void> {
  let arrived = 0;
  return async () => {
    arrived += 1;
    const deadline = Date.now() + 300;
    while (arrived < parties && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  };
}

/** The real locks, with the given pause between check and write. */
export const lockedWith = (afterCheck: () => Promise<void>): ProgrammeLocking => ({ ...programmeLocks, afterCheck });

/** The control: no locks at all, with the given pause between check and write. */
export const unlockedWith = (afterCheck: () => Promise<void>): ProgrammeLocking => ({
  timetable: async () => {},
  session: async () => {},
  afterCheck,
});
