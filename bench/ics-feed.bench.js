// An attendee's subscribable .ics feed with 100 starred sessions (of 300),
// 32 keep-alive connections, against the production build on real PostgreSQL.
import { hammer, programmeWorld, startServer } from "./programme-setup.js";

const PORT = Number(process.env.BENCH_PORT ?? 3323);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

const world = await programmeWorld("ics");
const { hashSecret } = await world.load("app/utils/crypto.server.ts");
const user = await world.client.user.create({ data: { email: "feed@bench.test", nameLatin: "Feed Reader", passwordHash: "x" } });
const token = "bench-feed-token-0123456789abcdef";
await world.client.calendarFeed.create({ data: { userId: user.id, tokenHash: hashSecret(token) } });
await world.client.agendaStar.createMany({ data: world.sessionIds.slice(0, 100).map((sessionId) => ({ userId: user.id, sessionId })) });
let server;
try {
  server = await startServer(PORT, world.database);
  const url = `http://127.0.0.1:${PORT}/feeds/agenda/${token}.ics`;
  const body = await (await fetch(url)).text();
  const events = (body.match(/BEGIN:VEVENT/g) ?? []).length;
  if (events !== 100) throw new Error(`expected 100 events, got ${events}`);
  await hammer(url, { seconds: 2 });
  const r = await hammer(url, { seconds: SECONDS });
  console.log(JSON.stringify({ bench: "ics-feed", starred: events, connections: 32, seconds: SECONDS, ...r }));
} finally {
  await server?.stop();
  await world.database.drop();
}
process.exit(0);
