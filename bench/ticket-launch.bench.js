#!/usr/bin/env node
// ticket-launch: 200 concurrent clients register for one free ticket type with
// a quota of 5,000 through the production build over HTTP for 20 s, served by
// one web process per core (WEB_CONCURRENCY overrides).
// Reports confirmed registrations per second (while places were on sale),
// p50/p99 latency, errors, oversold places (must be 0) and the server's CPU
// time per request, beside a baseline: the same database work as bare SQL
// transactions (no HTTP, no framework) at the same concurrency.
import os from "node:os";
import pg from "pg";
import { benchDatabase, cpuMs, people, percentile, request, startApp, ticketing } from "./registration-support.js";

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CAPACITY = 5000;
const POOL = Number(process.env.DB_POOL_SIZE ?? 20);
// Web processes of the server under test (server/start.js, WEB_CONCURRENCY):
// one per core by default, as a deployment on this machine would run it.
const PROCESSES = Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism());

async function runClients(work) {
  const latencies = [];
  const statuses = {};
  let lastConfirmed = 0;
  const started = performance.now();
  const until = started + SECONDS * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const i = next++;
        const r = await work(i);
        if (r === null) return;
        latencies.push(r.ms);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status === 302) lastConfirmed = performance.now();
      }
    }),
  );
  return {
    elapsed: (performance.now() - started) / 1000,
    selling: (lastConfirmed - started) / 1000,
    latencies: latencies.sort((a, b) => a - b),
    statuses,
  };
}

/** What one registration does in the database, as plain SQL in one transaction. */
async function bareRegistration(pool, t, userId) {
  const started = performance.now();
  const c = await pool.connect();
  try {
    await c.query("BEGIN");
    await c.query(`SELECT id, slug, status, currency FROM "Conference" WHERE slug = $1`, [t.slug]);
    await c.query(`SELECT * FROM "TicketType" WHERE id = $1 AND "conferenceId" = $2`, [t.ticket, t.conference]);
    await c.query(`SELECT * FROM "RegistrationQuestion" WHERE "conferenceId" = $1`, [t.conference]);
    await c.query(`SELECT id, status FROM "Registration" WHERE "conferenceId" = $1 AND "userId" = $2`, [t.conference, userId]);
    await c.query(`SELECT * FROM "RegistrationSettings" WHERE "conferenceId" = $1`, [t.conference]);
    const { rows } = await c.query(
      `INSERT INTO "Registration" (id, "conferenceId", "userId", "ticketTypeId", status, method, "priceCents", "amountCents", currency, reference, "badgeCode", "confirmedAt", "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, 'CONFIRMED', 'FREE', 0, 0, 'CNY', 'B-' || md5(random()::text), md5(random()::text), now(), now()) RETURNING id`,
      [t.conference, userId, t.ticket],
    );
    await c.query(
      `INSERT INTO "AuditEvent" ("actorId", action, "entityType", "entityId", data) VALUES ($1, 'registration.create', 'Registration', $2, '{}')`,
      [userId, rows[0].id],
    );
    await c.query(`SELECT id FROM "TicketTypeQuota" WHERE "ticketTypeId" = $1`.replace("id", '"quotaId"'), [t.ticket]);
    await c.query(
      `INSERT INTO "OutboxEmail" (id, "to", subject, html, text, template, locale) VALUES (gen_random_uuid(), 'x@bench.test', 'Registration confirmed', $1, 'text', 'registrationConfirmed', 'en')`,
      ["<html>" + "x".repeat(3000) + "</html>"],
    );
    const taken = await c.query(
      `WITH locked AS (SELECT id FROM "Quota" WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE)
       UPDATE "Quota" q SET used = q.used + 1 FROM locked WHERE q.id = locked.id AND q.used < q.capacity RETURNING q.id`,
      [[t.quota]],
    );
    if (taken.rowCount !== 1) {
      await c.query("ROLLBACK");
      return { status: 409, ms: performance.now() - started };
    }
    await c.query("COMMIT");
    return { status: 302, ms: performance.now() - started };
  } catch {
    await c.query("ROLLBACK").catch(() => {});
    return { status: 500, ms: performance.now() - started };
  } finally {
    c.release();
  }
}

async function oversold(client, t) {
  const { rows } = await client.query(
    `SELECT (SELECT count(*)::int FROM "Registration" WHERE "ticketTypeId" = $1 AND status IN ('RESERVED','CONFIRMED')) AS held, (SELECT used FROM "Quota" WHERE id = $2) AS used`,
    [t.ticket, t.quota],
  );
  return {
    held: rows[0].held,
    used: rows[0].used,
    oversold: Math.max(0, rows[0].held - CAPACITY),
    consistent: rows[0].held === rows[0].used,
  };
}

// Confirmed registrations per second are counted over the time places were
// being sold: from the start to the last confirmation. Once the quota is sold
// out the clients only collect "sold out" answers; dividing by the whole run
// would make the rate depend on how long the run went on after the sell-out
// (and a quota of 5,000 in 20 s could never show more than 250/s).
const figures = (run) => ({
  confirmed: run.statuses[302] ?? 0,
  confirmedPerSecond: run.selling > 0 ? Math.round(((run.statuses[302] ?? 0) / run.selling) * 10) / 10 : 0,
  sellingSeconds: Math.round(run.selling * 100) / 100,
  soldOut: (run.statuses[409] ?? 0) > 0,
  requestsPerSecond: Math.round((run.latencies.length / run.elapsed) * 10) / 10,
  p50ms: percentile(run.latencies, 50),
  p99ms: percentile(run.latencies, 99),
  soldOutAnswers: run.statuses[409] ?? 0,
  errors: run.latencies.length - (run.statuses[302] ?? 0) - (run.statuses[409] ?? 0),
});

const database = await benchDatabase("launch");
const client = new pg.Client({ connectionString: database.url });
await client.connect();
let app;
try {
  const t = await ticketing(client, { capacity: CAPACITY, slug: "launch-2030" });
  const base = await ticketing(client, { capacity: CAPACITY, slug: "baseline-2030" });
  const users = await people(client, CAPACITY + 3000, "launch");
  const baseUsers = await people(client, CAPACITY + 3000, "base");

  app = await startApp(database.url, Number(process.env.BENCH_PORT ?? 3311), {
    CONCORD_WORKER: "0",
    DB_POOL_SIZE: String(POOL),
    WEB_CONCURRENCY: String(PROCESSES),
  });
  const body = new URLSearchParams({ ticketTypeId: t.ticket }).toString();
  // Warm-up: compile paths and fill the pool (these count as registrations like any other).
  await Promise.all(
    users.slice(0, 20).map((u) =>
      request(`${app.url}/conferences/${t.slug}/register`, {
        method: "POST",
        headers: { cookie: u.cookie, "content-type": "application/x-www-form-urlencoded" },
        body,
      }),
    ),
  );
  const cpuBefore = cpuMs(app.pid);
  const appRun = await runClients(async (i) => {
    const u = users[20 + i];
    if (!u) return null;
    return request(`${app.url}/conferences/${t.slug}/register`, {
      method: "POST",
      headers: { cookie: u.cookie, "content-type": "application/x-www-form-urlencoded" },
      body,
    });
  });
  const serverCpu = cpuMs(app.pid) - cpuBefore;
  await app.stop();
  app = null;
  const appCheck = await oversold(client, t);

  const pool = new pg.Pool({ connectionString: database.url, max: POOL });
  const baseRun = await runClients(async (i) => (baseUsers[i] ? bareRegistration(pool, base, baseUsers[i].userId) : null));
  await pool.end();
  const baseCheck = await oversold(client, base);

  const app_ = figures(appRun);
  const baseline = figures(baseRun);
  console.log(
    JSON.stringify({
      bench: "ticket-launch",
      concurrency: CONCURRENCY,
      seconds: SECONDS,
      capacity: CAPACITY,
      dbPool: POOL,
      webProcesses: PROCESSES,
      ...app_,
      serverCpuMsPerRequest: Math.round((serverCpu / appRun.latencies.length) * 100) / 100,
      statuses: appRun.statuses,
      oversold: appCheck.oversold,
      quotaConsistent: appCheck.consistent,
      baseline: { ...baseline, oversold: baseCheck.oversold },
      ratio: baseline.confirmedPerSecond ? Math.round((app_.confirmedPerSecond / baseline.confirmedPerSecond) * 100) / 100 : null,
    }),
  );
} finally {
  if (app) await app.stop();
  await client.end();
  await database.drop();
}
