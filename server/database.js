// Decides which PostgreSQL the app uses and makes sure its schema is current.
//  - DATABASE_URL set   → that server; refuse to serve while migrations are pending.
//  - DATABASE_URL unset → embedded PGlite on a local port, data in ./data/pglite,
//                         migrations applied at start.
import path from "node:path";
import { startPglite } from "../scripts/lib/pglite.js";

export function embeddedDataDir(dataDir) {
  return path.resolve(dataDir, "pglite");
}

function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "****";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

/**
 * @param {{ url?: string, dataDir: string, port?: number, log: (line: string) => void }} settings from the
 *   validated environment (DATABASE_URL, CONCORD_DATA_DIR, EMBEDDED_DB_PORT)
 * @returns {Promise<{ url: string, kind: "embedded" | "external", stop(): Promise<void> }>}
 */
export async function resolveDatabase({ url, dataDir, port, log }) {
  // Imported lazily: the schema engine is ~10 MB of wasm that only start-up needs.
  const { openEngine, pendingMigrations } = await import("../scripts/lib/schema-engine.js");
  if (url) {
    log(`[db] using external PostgreSQL at ${redact(url)}`);
    const pending = await pendingMigrations(url);
    if (pending.length) {
      const error = new Error(
        `The database has ${pending.length} pending migration(s): ${pending.join(", ")}.\n` +
          `Concord will not serve on an outdated schema. Run \`npm run db:migrate\` with the same DATABASE_URL, then start again.`,
      );
      error.code = "PENDING_MIGRATIONS";
      throw error;
    }
    return { url, kind: "external", stop: async () => {} };
  }
  const pglite = await startPglite({ dataDir: embeddedDataDir(dataDir), port });
  log(`[db] using embedded PostgreSQL (PGlite) with data in ${embeddedDataDir(dataDir)}, served on 127.0.0.1:${pglite.port}`);
  const started = performance.now();
  const engine = await openEngine(pglite.url);
  try {
    const { appliedMigrationNames } = await engine.apply();
    if (appliedMigrationNames.length) {
      log(`[db] applied ${appliedMigrationNames.length} migration(s) in ${Math.round(performance.now() - started)} ms`);
    }
  } finally {
    await engine.close();
  }
  return { url: pglite.url, kind: "embedded", stop: () => pglite.stop() };
}
