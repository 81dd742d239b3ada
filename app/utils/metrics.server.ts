import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * Prometheus metrics (prom-client), served at /metrics by server/http.js to holders of METRICS_TOKEN.
 * One registry per process; with WEB_CONCURRENCY > 1 the primary process adds up every web process's
 * registry (prom-client's AggregatorRegistry), so a scrape sees the whole server whichever process answers.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const httpRequests = new Counter({
  name: "concord_http_requests_total",
  help: "HTTP requests answered, by method, route id and status",
  labelNames: ["method", "route", "status"] as const,
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: "concord_http_request_duration_seconds",
  help: "Time to answer an HTTP request, by method and route id",
  labelNames: ["method", "route"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const jobRuns = new Counter({
  name: "concord_job_runs_total",
  help: "Background job runs, by job and outcome",
  labelNames: ["job", "outcome"] as const,
  registers: [registry],
});

export const emailsSent = new Counter({
  name: "concord_emails_total",
  help: "Emails the outbox worker handled, by outcome (sent, retry, failed)",
  labelNames: ["outcome"] as const,
  registers: [registry],
});

/** Runs a background job once, counting the run and logging a failure instead of throwing. */
export async function countJob(job: string, run: () => Promise<unknown>, onError: (error: unknown) => void) {
  try {
    await run();
    jobRuns.inc({ job, outcome: "ok" });
  } catch (error) {
    jobRuns.inc({ job, outcome: "failed" });
    onError(error);
  }
}

/** Gauges read when scraped: the callers register what to read (pool, outbox) so this module stays free of the database. */
export function gaugeOnScrape(name: string, help: string, read: () => Promise<number> | number, aggregator: "sum" | "max" = "sum") {
  return new Gauge({
    name,
    help,
    aggregator,
    registers: [registry],
    async collect() {
      this.set(await read());
    },
  });
}
