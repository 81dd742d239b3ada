import { startOutboxWorker, type Worker } from "~/domain/email/outbox.server";
import { startRegistrationJobs } from "~/domain/registration/jobs.server";
import { sweepAccords } from "~/domain/accords/lifecycle.server";
import { pruneRateLimits } from "~/utils/rate-limit.server";
import { db } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import { countJob } from "~/utils/metrics.server";
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
    void countJob("rate-limit-prune", pruneRateLimits, (err) => logger().error({ err }, "rate-limit housekeeping failed"));
  }, 3600_000);
  // Accords past their signing period expire; pending signatories get their daily reminder.
  const accords = setInterval(() => {
    void countJob("accords-sweep", sweepAccords, (err) => logger().error({ err }, "accords sweep failed"));
  }, 10 * 60_000);
  accords.unref();
  housekeeping.unref();
  return {
    async stop() {
      clearInterval(housekeeping);
      clearInterval(accords);
      // The outbox worker finishes the email it is sending and starts no other. The database pool is
      // closed by server/start.js after the last request, which may still need it.
      await Promise.all(workers.map((w) => w.stop()));
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
