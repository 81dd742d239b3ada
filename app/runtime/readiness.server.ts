import { db } from "~/utils/db.server";
import { expectedMigrations } from "./migrations.server";

export async function checkReadiness() {
  try {
    const rows = await db().$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((r) => r.migration_name));
    const pending = expectedMigrations().filter((m) => !applied.has(m));
    return { ready: pending.length === 0, database: "up", pending };
  } catch (error) {
    return { ready: false, database: "down", error: error instanceof Error ? error.message.split("\n")[0] : "unknown" };
  }
}
