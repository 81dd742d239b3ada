// Shared by the registration benchmarks (ticket-launch, organizer-list): a
// throw-away database on real PostgreSQL, the production build served by
// server/start.js in its own process, fixtures written with plain SQL, and a
// small HTTP load runner. Loopback only.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createCookie } from "@remix-run/node";
import { openEngine } from "../scripts/lib/schema-engine.js";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SECRET = "bench-secret-0123456789abcdef";

export async function benchDatabase(name) {
  const server = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const db = `concord_bench_${name}_${process.pid}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${db}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${db}`;
  const engine = await openEngine(url.toString());
  await engine.apply();
  await engine.close();
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Starts server/start.js on the build (CONCORD_BUILD_DIR, else ./build) and waits for /readyz. */
export async function startApp(databaseUrl, port, env = {}) {
  // BENCH_PROFILE=<dir> writes a CPU profile of the server process there.
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, "server/start.js"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: SECRET,
      PORT: String(port),
      HOST: "127.0.0.1",
      CONCORD_SEED: "0",
      NODE_ENV: "production",
      MAIL_STORE_ONLY: "1",
      SLOW_QUERY_MS: "100000",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error("server did not become ready");
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGTERM");
      }),
  };
}

/** A published conference with one quota and one free ticket in it. */
export async function ticketing(client, { capacity, slug, priceCents = 0 }) {
  const org = crypto.randomUUID();
  const conference = crypto.randomUUID();
  const quota = crypto.randomUUID();
  const ticket = crypto.randomUUID();
  await client.query(
    `INSERT INTO "Organization" (id, slug, kind, "nameEn", country, "updatedAt") VALUES ($1, $2, 'UNIVERSITY', 'Bench University', 'CN', now())`,
    [org, `org-${slug}`],
  );
  await client.query(
    `INSERT INTO "Conference" (id, slug, "orgId", title, "startDate", "endDate", venue, city, country, "timeZone", currency, status, "updatedAt")
     VALUES ($1, $2, $3, 'Bench Conference', '2030-09-27', '2030-09-28', 'Hall', 'Beijing', 'CN', 'Asia/Shanghai', 'CNY', 'PUBLISHED', now())`,
    [conference, slug, org],
  );
  await client.query(`INSERT INTO "Quota" (id, "conferenceId", name, capacity) VALUES ($1, $2, 'Main hall', $3)`, [
    quota,
    conference,
    capacity,
  ]);
  await client.query(
    `INSERT INTO "TicketType" (id, "conferenceId", "nameEn", "priceCents", currency) VALUES ($1, $2, 'Regular', $3, 'CNY')`,
    [ticket, conference, priceCents],
  );
  await client.query(`INSERT INTO "TicketTypeQuota" ("ticketTypeId", "quotaId") VALUES ($1, $2)`, [ticket, quota]);
  return { org, conference, quota, ticket, slug };
}

/** n people with a live session each; returns their ids and session cookies. */
export async function people(client, n, prefix) {
  const cookie = createCookie("concord_session", { secrets: [SECRET], httpOnly: true, sameSite: "lax", path: "/" });
  const { rows } = await client.query(
    `WITH u AS (
       INSERT INTO "User" (id, email, "nameLatin", "emailVerifiedAt", "updatedAt")
       SELECT gen_random_uuid(), $1 || i || '@bench.test', 'Bench Person ' || i, now(), now() FROM generate_series(1, $2::int) i
       RETURNING id)
     INSERT INTO "Session" (id, "userId", "expiresAt") SELECT gen_random_uuid(), id, now() + interval '1 day' FROM u
     RETURNING id, "userId"`,
    [prefix, n],
  );
  return Promise.all(rows.map(async (r) => ({ userId: r.userId, cookie: (await cookie.serialize(r.id)).split(";")[0] })));
}

/**
 * CPU time (ms, user + system) used so far by a process and its live children
 * (the web processes of WEB_CONCURRENCY): a figure of cost per request that,
 * unlike throughput, hardly moves when other work shares the machine.
 */
export function cpuMs(pid) {
  const stat = (p) => {
    try {
      const f = fs.readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ");
      return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
    } catch {
      return null;
    }
  };
  let ticks = stat(pid)?.ticks ?? 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(entry);
    if (s && s.ppid === pid) ticks += s.ticks;
  }
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });

export function request(url, { method = "GET", headers = {}, body } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(
      url,
      { method, headers: { ...headers, ...(body ? { "content-length": Buffer.byteLength(body) } : {}) }, agent },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode, ms: performance.now() - started }));
      },
    );
    req.on("error", () => resolve({ status: 0, ms: performance.now() - started }));
    if (body) req.write(body);
    req.end();
  });
}
