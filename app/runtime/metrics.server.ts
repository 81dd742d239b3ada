import { outboxBacklog } from "~/domain/email/outbox.server";
import { poolUse } from "~/utils/db.server";
import { gaugeOnScrape, registry } from "~/utils/metrics.server";

/**
 * The gauges read at scrape time: the database pool of this process (a cluster adds the processes
 * up) and the email outbox (one table for all processes, so a cluster reports the largest reading).
 */
gaugeOnScrape("concord_db_pool_connections", "Open database connections of this process's pool", () => poolUse().total);
gaugeOnScrape("concord_db_pool_idle", "Idle database connections of this process's pool", () => poolUse().idle);
gaugeOnScrape("concord_db_pool_waiting", "Queries waiting for a database connection in this process", () => poolUse().waiting);
gaugeOnScrape("concord_outbox_pending", "Emails waiting in the outbox", async () => (await outboxBacklog()).pending, "max");
gaugeOnScrape(
  "concord_outbox_oldest_pending_seconds",
  "Age of the oldest email not yet sent",
  async () => (await outboxBacklog()).oldestSeconds,
  "max",
);

export async function metricsText() {
  return { contentType: registry.contentType, text: await registry.metrics() };
}
