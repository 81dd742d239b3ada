import { startOutboxWorker, type Worker } from "~/domain/email/outbox.server";
import { startRegistrationJobs } from "~/domain/registration/jobs.server";
import { sweepAccords } from "~/domain/accords/lifecycle.server";
import { pruneRateLimits } from "~/utils/rate-limit.server";
import { db } from "~/utils/db.server";
import { seedDemo } from "~/demo/seed.server";

/**
 * Work the app process does besides answering requests. Started by
 * server/start.js after the database is ready; every process runs it, which is
 * safe because the outbox uses row locks with SKIP LOCKED.
 */
export function startBackground(): { stop(): Promise<void> } {
  // Every process runs these; each job's rows are claimed with row locks, so running them in
  // several processes at once is safe (it only shortens the delay).
  const workers: Pick<Worker, "stop">[] = [startOutboxWorker(), startRegistrationJobs()];
  const housekeeping = setInterval(() => {
    pruneRateLimits().catch((e) => console.error("[housekeeping]", e));
  }, 3600_000);
  // Accords past their signing period expire; pending signatories get their daily reminder.
  const accords = setInterval(() => {
    sweepAccords().catch((e) => console.error("[accords sweep]", e));
  }, 10 * 60_000);
  accords.unref();
  housekeeping.unref();
  return {
    async stop() {
      clearInterval(housekeeping);
      clearInterval(accords);
      await Promise.all(workers.map((w) => w.stop()));
      await db().$disconnect();
    },
  };
}

/** On the first start of the embedded database, load the demo conference. */
export async function seedIfEmpty(): Promise<boolean> {
  const users = await db().user.count();
  if (users > 0) return false;
  await seedDemo();
  return true;
}
