// Applies every migration to an empty database (done by tests/support/database.ts
// for this file) and asks the schema engine for the SQL from that database to
// prisma/schema.prisma: it must be empty, i.e. no drift.
import { describe, expect, it } from "vitest";
import { openEngine, pendingMigrations, readMigrations } from "../scripts/lib/schema-engine.js";

describe("migrations", () => {
  it("apply cleanly and leave no drift between schema and database", async () => {
    const url = process.env.DATABASE_URL!;
    expect(await pendingMigrations(url)).toEqual([]);
    const engine = await openEngine(url);
    try {
      const { stdout } = await engine.diffFromDatabase();
      const statements = (stdout ?? "").split("\n").filter((l: string) => l.trim() && !l.startsWith("--"));
      expect(statements).toEqual([]);
      // Re-applying is a no-op and records nothing new.
      const again = await engine.apply();
      expect(again.appliedMigrationNames).toEqual([]);
    } finally {
      await engine.close();
    }
  });

  it("use Prisma's standard folder format", () => {
    const list = readMigrations();
    expect(list.lockfile.content).toContain('provider = "postgresql"');
    for (const dir of list.migrationDirectories) {
      expect(dir.path).toMatch(/^\d{14}_[a-z0-9_]+$/);
      expect(dir.migrationFile.content.tag).toBe("ok");
    }
  });
});
