import { logger } from "~/utils/logger.server";
import { countJob } from "~/utils/metrics.server";
import { retryOwedRefunds } from "./refund.server";
import { remindPendingPayments } from "./remind-payments.server";
import { sweepExpired } from "./sweep.server";

/**
 * The registration area's periodic work, started by app/runtime/background.server.ts:
 * every minute, release expired holds and offers (and offer the places onwards),
 * remind attendees whose hold expires soon to pay, then retry the card refunds
 * still owed after a failed Stripe call. Each step
 * logs its own failure, so one failing never holds up the other.
 */
export function startRegistrationJobs(intervalMs = 60_000): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = (async () => {
      await countJob("registration-sweep", sweepExpired, (err) => logger().error({ err }, "registration sweep failed"));
      await countJob("payment-reminder", remindPendingPayments, (err) => logger().error({ err }, "payment reminders failed"));
      await countJob("refund-retry", retryOwedRefunds, (err) => logger().error({ err }, "refund retry failed"));
    })().finally(() => {
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
