#!/usr/bin/env node
// organizer-list: the organizer's registration list over 10,000 registrations
// (p50/p95 latency of a page through the production build over HTTP) and the
// streamed CSV export of all 10,000 rows; beside them a baseline of the same
// reads as bare SQL (no HTTP, no framework).
import http from "node:http";
import pg from "pg";
import { benchDatabase, people, percentile, request, startApp, ticketing } from "./registration-support.js";

const ROWS = 10_000;
const PAGES = Number(process.env.BENCH_PAGES ?? 200);
const CONCURRENCY = 10;

async function timed(n, concurrency, fn) {
  const latencies = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const started = performance.now();
        await fn(i);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

const database = await benchDatabase("orglist");
const client = new pg.Client({ connectionString: database.url });
await client.connect();
let app;
try {
  const t = await ticketing(client, { capacity: ROWS * 2, slug: "list-2030" });
  const [organizer] = await people(client, 1, "organizer");
  await client.query(`INSERT INTO "ConferenceRole" ("conferenceId", "userId", role) VALUES ($1, $2, 'ORGANIZER')`, [
    t.conference,
    organizer.userId,
  ]);
  const attendees = await people(client, ROWS, "attendee");
  await client.query(
    `INSERT INTO "Registration" (id, "conferenceId", "userId", "ticketTypeId", status, method, "priceCents", "amountCents", "paidCents", currency, reference, "badgeCode", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $1, u, $2, (ARRAY['CONFIRMED','RESERVED','CANCELLED']::"RegistrationStatus"[])[1 + (random() * 2)::int], 'BANK_TRANSFER', 120000, 120000, 0, 'CNY',
            'LIST-' || upper(substr(md5(u::text), 1, 12)), md5(u::text), now() - random() * interval '60 days', now()
     FROM unnest($3::uuid[]) u`,
    [t.conference, t.ticket, attendees.map((a) => a.userId)],
  );
  await client.query("ANALYZE");

  app = await startApp(database.url, Number(process.env.BENCH_PORT ?? 3312), { CONCORD_WORKER: "0" });
  const pages = Math.ceil(ROWS / 50);
  const listUrl = (i) => `${app.url}/conferences/${t.slug}/manage/registrations?page=${1 + (i % pages)}`;
  // Remix serves the page's data to client navigations at <path>.data; the HTML render is what a first visit costs.
  await timed(20, 5, (i) => request(listUrl(i), { headers: { cookie: organizer.cookie } }));
  const statuses = {};
  const list = await timed(PAGES, CONCURRENCY, async (i) => {
    const r = await request(listUrl(i), { headers: { cookie: organizer.cookie } });
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  });
  const search = await timed(50, CONCURRENCY, () =>
    request(`${app.url}/conferences/${t.slug}/manage/registrations?q=bench%20person%2012&status=CONFIRMED`, {
      headers: { cookie: organizer.cookie },
    }),
  );

  // The export, read as a client would, counting rows and bytes without keeping them.
  const exportStarted = performance.now();
  const exported = await new Promise((resolve, reject) => {
    http
      .get(
        `${app.url}/conferences/${t.slug}/manage/registrations/export`,
        { headers: { cookie: organizer.cookie, "accept-encoding": "identity" } },
        (res) => {
          let bytes = 0;
          let lines = 0;
          let firstByteMs = null;
          res.on("data", (chunk) => {
            firstByteMs ??= performance.now() - exportStarted;
            bytes += chunk.length;
            for (const b of chunk) if (b === 10) lines++;
          });
          res.on("end", () => resolve({ status: res.statusCode, bytes, rows: lines - 1, firstByteMs }));
        },
      )
      .on("error", reject);
  });
  const exportMs = performance.now() - exportStarted;
  await app.stop();
  app = null;

  // Baseline: the page's reads and the full export as bare SQL.
  const pool = new pg.Pool({ connectionString: database.url, max: CONCURRENCY });
  const baseList = await timed(PAGES, CONCURRENCY, async (i) => {
    await Promise.all([
      pool.query(`SELECT count(*) FROM "Registration" WHERE "conferenceId" = $1`, [t.conference]),
      pool.query(
        `SELECT r.id, r.status, r."amountCents", r."paidCents", r.reference, r."createdAt", u."nameLatin", u.email, tt."nameEn"
         FROM "Registration" r JOIN "User" u ON u.id = r."userId" JOIN "TicketType" tt ON tt.id = r."ticketTypeId"
         WHERE r."conferenceId" = $1 ORDER BY r."createdAt" DESC, r.id DESC LIMIT 50 OFFSET $2`,
        [t.conference, (i % pages) * 50],
      ),
      pool.query(`SELECT "ticketTypeId", status, count(*) FROM "Registration" WHERE "conferenceId" = $1 GROUP BY 1, 2`, [t.conference]),
    ]);
  });
  const baseExportStarted = performance.now();
  const all = await pool.query(
    `SELECT r.*, u."nameLatin", u.email FROM "Registration" r JOIN "User" u ON u.id = r."userId" WHERE r."conferenceId" = $1 ORDER BY r."createdAt", r.id`,
    [t.conference],
  );
  const baseExportMs = performance.now() - baseExportStarted;
  await pool.end();

  const p95 = percentile(list, 95);
  const baseP95 = percentile(baseList, 95);
  console.log(
    JSON.stringify({
      bench: "organizer-list",
      registrations: ROWS,
      pageRequests: PAGES,
      concurrency: CONCURRENCY,
      statuses,
      pageP50ms: percentile(list, 50),
      pageP95ms: p95,
      searchP95ms: percentile(search, 95),
      exportMs: Math.round(exportMs),
      exportFirstByteMs: Math.round(exported.firstByteMs ?? 0),
      exportRows: exported.rows,
      exportBytes: exported.bytes,
      exportStatus: exported.status,
      baseline: { pageP95ms: baseP95, exportMs: Math.round(baseExportMs), exportRows: all.rowCount },
      ratio: p95 && baseP95 ? Math.round((baseP95 / p95) * 100) / 100 : null,
    }),
  );
} finally {
  if (app) await app.stop();
  await client.end();
  await database.drop();
}
