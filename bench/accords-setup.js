// Shared set-up of the accords benchmarks (not a benchmark itself): a fresh
// database on real PostgreSQL, migrated offline, and the app's TypeScript
// domain modules loaded through tsx (the same code the app runs).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { register } from "tsx/esm/api";
import { openEngine } from "../scripts/lib/schema-engine.js";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

export async function benchDatabase(tag) {
  const server = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const name = `concord_bench_${tag}_${process.pid}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const engine = await openEngine(url.toString());
  await engine.apply();
  await engine.close();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-bench-"));
  Object.assign(process.env, {
    DATABASE_URL: url.toString(),
    SESSION_SECRET: "bench-secret-0123456789abcdef",
    APP_URL: "http://localhost:3000",
    CONCORD_DATA_DIR: dataDir,
    MAILBOX_DIR: path.join(dataDir, "mail"),
    SLOW_QUERY_MS: "100000",
    DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? "20",
  });
  delete process.env.SMTP_URL;
  register({ tsconfig: path.join(root, "tsconfig.json") });
  return {
    url: url.toString(),
    dataDir,
    async drop() {
      const { disconnectDb } = await import(path.join(root, "app/utils/db.server.ts"));
      await disconnectDb();
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const load = (rel) => import(path.join(root, rel));

export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const round = (x) => Math.round(x * 100) / 100;
