// The app under test for Playwright: the production build on a fresh database
// (a new database on TEST_DATABASE_URL's server, or a fresh embedded PGlite),
// migrated by the offline tooling and seeded with the demo data.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { spawn } from "node:child_process";
import { openEngine } from "../../scripts/lib/schema-engine.js";

const server = process.env.TEST_DATABASE_URL;
const env = {
  ...process.env,
  PORT: process.env.E2E_PORT ?? "3210",
  HOST: "127.0.0.1",
  APP_URL: `http://localhost:${process.env.E2E_PORT ?? "3210"}`,
  SESSION_SECRET: "e2e-secret-0123456789abcdef",
  CONCORD_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "concord-e2e-")),
  CONCORD_SEED: "1",
};
delete env.SMTP_URL;
// The browser tests read mail at /dev/mail, a development mailbox that production mode never serves.
env.NODE_ENV = "development";
env.DEV_MAILBOX = "1";
env.MAILBOX_DIR = path.join(env.CONCORD_DATA_DIR, "mail");
// For the metrics and bounds tests (tests/e2e/operations.spec.ts).
env.METRICS_TOKEN = "e2e-metrics-token-0123456789";
// Warnings and errors only: an access line per request would bury the test output.
env.LOG_LEVEL ??= "warn";

let dropDatabase = async () => {};
if (server) {
  // Named by port: a run that was killed before cleaning up is replaced by the next run on that port.
  const name = `concord_e2e_${env.PORT}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  const engine = await openEngine(env.DATABASE_URL);
  await engine.apply();
  await engine.close();
  dropDatabase = async () => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  };
} else {
  delete env.DATABASE_URL;
}

const child = spawn(process.execPath, ["server/start.js"], { env, stdio: "inherit" });
const stop = async () => {
  child.kill("SIGTERM");
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", async (code) => {
  await dropDatabase().catch(() => {});
  fs.rmSync(env.CONCORD_DATA_DIR, { recursive: true, force: true });
  process.exit(code ?? 0);
});
