// Runs before every test file: gives the file its own fresh database, migrated
// by the same offline code as `npm run db:migrate` (scripts/lib/schema-engine.js).
//  - TEST_DATABASE_URL or DATABASE_URL given: a new database on that server,
//    dropped when the file ends.
//  - neither: an in-memory embedded PGlite for this file.
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import pg from "pg";
import { afterAll } from "vitest";
import { openEngine } from "../../scripts/lib/schema-engine.js";
import { startPglite } from "../../scripts/lib/pglite.js";
import { disconnectDb } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";

const server = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL_FOR_TESTS ?? process.env.DATABASE_URL;

async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!server) {
    const pglite = await startPglite({});
    return { url: pglite.url, drop: () => pglite.stop() };
  }
  const name = `concord_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

const database = await freshDatabase();
const engine = await openEngine(database.url);
try {
  await engine.apply();
} finally {
  await engine.close();
}

// Remember the server for tests that need more databases (e.g. the drift test).
process.env.DATABASE_URL_FOR_TESTS = server ?? "";
process.env.DATABASE_URL = database.url;
process.env.CONCORD_DATABASE_KIND = server ? "external" : "embedded";
process.env.SESSION_SECRET = "test-secret-0123456789abcdef";
process.env.NODE_ENV = "test";
process.env.APP_URL = "http://localhost:3000";
process.env.MAILBOX_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "concord-mail-"));
delete process.env.SMTP_URL;
// Tests read mail from the development mailbox, whichever database they use.
process.env.DEV_MAILBOX = "1";
process.env.LOG_LEVEL ??= "warn";
resetEnvCache();

afterAll(async () => {
  await disconnectDb();
  await database.drop();
});
