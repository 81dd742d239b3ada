// The app configured as `npm run demo` configures it: an embedded PGlite served on a local port,
// CONCORD_DATABASE_KIND=embedded (one connection, decision 049), for the tests of this folder.
import { afterAll, beforeAll } from "vitest";
import { disconnectDb } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { openEngine } from "../../scripts/lib/schema-engine.js";
import { startPglite } from "../../scripts/lib/pglite.js";

/** Points the app at a fresh, migrated embedded database for this file's tests, and back afterwards. */
export function useEmbeddedDatabase(): { readonly url: string } {
  const saved = { url: process.env.DATABASE_URL, kind: process.env.CONCORD_DATABASE_KIND };
  let pglite: Awaited<ReturnType<typeof startPglite>>;
  beforeAll(async () => {
    pglite = await startPglite({});
    const engine = await openEngine(pglite.url);
    try {
      await engine.apply();
    } finally {
      await engine.close();
    }
    await disconnectDb();
    process.env.DATABASE_URL = pglite.url;
    process.env.CONCORD_DATABASE_KIND = "embedded";
    resetEnvCache();
  }, 120_000);
  afterAll(async () => {
    await disconnectDb();
    process.env.DATABASE_URL = saved.url;
    process.env.CONCORD_DATABASE_KIND = saved.kind;
    resetEnvCache();
    await pglite.stop();
  });
  return {
    get url() {
      return pglite.url;
    },
  };
}
