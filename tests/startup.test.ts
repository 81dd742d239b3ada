// How the app chooses and prepares its database at start (server/database.js),
// and what /readyz reports.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { resolveDatabase } from "../server/database.js";
import { loader as readyz } from "~/routes/site/readyz";
import { loader as healthz } from "~/routes/site/healthz";
import { db } from "~/utils/db.server";

const quiet = () => {};

describe("start-up", () => {
  it("without DATABASE_URL starts the embedded database under the data folder and migrates it", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-embedded-"));
    const logs: string[] = [];
    const database = await resolveDatabase({ dataDir, log: (line: string) => logs.push(line) });
    try {
      expect(database.kind).toBe("embedded");
      expect(logs.join("\n")).toContain("embedded PostgreSQL (PGlite)");
      expect(fs.existsSync(path.join(dataDir, "pglite"))).toBe(true);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query(`select count(*)::int as n from _prisma_migrations where finished_at is not null`);
      await client.end();
      expect(rows[0].n).toBe(fs.readdirSync("prisma/migrations").filter((d) => /^\d{14}_/.test(d)).length);
    } finally {
      await database.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it("refuses to open an embedded database folder that another running process holds, and takes over a stale lock", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-lock-"));
    const folder = path.join(dataDir, "pglite");
    const { startPglite } = await import("../scripts/lib/pglite.js");
    try {
      // A lock left by a process that has ended (pid 2^22 - 1 is above Linux's default pid_max) is taken over.
      fs.writeFileSync(`${folder}.lock`, "4194303");
      const first = await startPglite({ dataDir: folder });
      try {
        expect(fs.readFileSync(`${folder}.lock`, "utf8")).toBe(String(process.pid));
        // Another process holding the folder (this test's parent stands in for it) makes a second start refuse.
        fs.writeFileSync(`${folder}.lock`, String(process.ppid));
        await expect(startPglite({ dataDir: folder })).rejects.toThrow(/in use by process \d+ .*DATABASE_URL/s);
        fs.writeFileSync(`${folder}.lock`, String(process.pid));
      } finally {
        await first.stop();
      }
      expect(fs.existsSync(`${folder}.lock`)).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it("with an external database that lacks migrations, refuses to serve and says what to run", async () => {
    const server = process.env.DATABASE_URL_FOR_TESTS;
    let url: string;
    let cleanup = async () => {};
    if (server) {
      const name = `concord_empty_${process.pid}`;
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const u = new URL(server);
      u.pathname = `/${name}`;
      url = u.toString();
      cleanup = async () => {
        const c = new pg.Client({ connectionString: server });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      };
    } else {
      // No server: an empty embedded instance plays the external database.
      const { startPglite } = await import("../scripts/lib/pglite.js");
      const empty = await startPglite({});
      url = empty.url;
      cleanup = () => empty.stop();
    }
    try {
      await expect(resolveDatabase({ url, dataDir: "data", log: quiet })).rejects.toThrow(/pending migration.*npm run db:migrate/s);
    } finally {
      await cleanup();
    }
  });
});

describe("probes", () => {
  it("/healthz answers without touching the database", async () => {
    const res = healthz();
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok\n");
  });

  it("/readyz is 200 when every migration is applied and 503 when one is missing", async () => {
    let res = await readyz();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ready: true, database: "up", pending: [] });
    const [last] = await db().$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    await db().$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = ${last.migration_name}`;
    try {
      res = await readyz();
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ ready: false, pending: [last.migration_name] });
    } finally {
      await db().$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ${last.migration_name}`;
    }
  });
});
