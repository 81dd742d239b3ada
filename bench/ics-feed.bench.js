// An attendee's subscribable .ics feed with 100 starred sessions (of 300),
// 32 keep-alive connections, against the production build on real PostgreSQL.
import { hammer, programmeWorld, round, startServer } from "./programme-setup.js";
import { cpuMs } from "./registration-support.js";

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
  // Server CPU per response: a cost that, unlike throughput, hardly moves when other work shares the machine.
  const measured = async (options) => {
    const cpu0 = cpuMs(server.pid);
    const r = await hammer(url, options);
    return { ...r, server_cpu_ms_per_response: round((cpuMs(server.pid) - cpu0) / Math.max(1, r.requests)) };
  };
  await hammer(url, { seconds: 2 });
  const r = await measured({ seconds: SECONDS });
  console.log(JSON.stringify({ bench: "ics-feed", starred: events, connections: 32, seconds: SECONDS, ...r }));
  // A calendar app polling with the ETag it was given: 304 without a body while nothing changed.
  const etag = (await fetch(url)).headers.get("etag");
  if (etag) {
    const c = await measured({ seconds: SECONDS, headers: { "if-none-match": etag } });
    console.log(JSON.stringify({ bench: "ics-feed-conditional", starred: events, connections: 32, seconds: SECONDS, ...c }));
  }
} finally {
  await server?.stop();
  await world.database.drop();
}
process.exit(0);
