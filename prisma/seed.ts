// `npm run db:seed`: loads the demo data into DATABASE_URL, or into the embedded
// database under ./data when DATABASE_URL is unset. Safe to run twice (upserts).
import { resolveDatabase } from "../server/database.js";

const database = await resolveDatabase();
process.env.DATABASE_URL = database.url;
process.env.SESSION_SECRET ??= "seed-does-not-sign-anything";
const { seedDemo } = await import("../app/demo/seed.server");
const { disconnectDb } = await import("../app/utils/db.server");
const started = performance.now();
await seedDemo();
console.log(`Seeded the demo conference and organizations in ${Math.round(performance.now() - started)} ms.`);
await disconnectDb();
await database.stop();
process.exit(0);
