import { sweepExpired } from "./sweep.server";

/**
 * The registration area's periodic work, started by app/server/background.server.ts:
 * every minute, release expired holds and offers (and offer the places onwards).
 */
export function startRegistrationJobs(intervalMs = 60_000): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = sweepExpired()
      .catch((e) => console.error("[registration sweep]", e))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
