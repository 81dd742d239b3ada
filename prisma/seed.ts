// `npm run db:seed`: loads the demo data into DATABASE_URL, or into the embedded
// database under ./data when DATABASE_URL is unset. Safe to run twice (upserts).
import { resolveDatabase } from "../server/database.js";
import { env, resetEnvCache } from "../app/utils/env.server";

const settings = env();
const database = await resolveDatabase({ url: settings.DATABASE_URL, dataDir: settings.CONCORD_DATA_DIR, log: console.log });
process.env.DATABASE_URL = database.url;
process.env.CONCORD_DATABASE_KIND = database.kind;
resetEnvCache();
const { seedDemo } = await import("../app/demo/seed.server");
const { disconnectDb } = await import("../app/utils/db.server");
const started = performance.now();
await seedDemo();
console.log(`Seeded the demo conference and organizations in ${Math.round(performance.now() - started)} ms.`);
await disconnectDb();
await database.stop();
process.exit(0);
