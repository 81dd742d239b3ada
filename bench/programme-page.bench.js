// The public programme page of a conference with 300 sessions and 150
// speakers, 32 keep-alive connections for 20 s, against the production build
// on real PostgreSQL; beside it the same HTML served as a static string by
// bare node:http, and the JavaScript the page ships (gzipped).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { hammer, programmeWorld, round, startServer } from "./programme-setup.js";
import { cpuMs, people } from "./registration-support.js";

const PORT = Number(process.env.BENCH_PORT ?? 3321);
const BASELINE_PORT = PORT + 1;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
// The signed-in page is rendered on every request, and a freshly started process reaches its steady
// speed only after V8 has compiled the render's hot code: measured on a two-process server, three
// 8-second runs in a row gave 158, 202 and 220 pages/s. What is reported is a server that has been up.
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
const CORES = os.availableParallelism();

const world = await programmeWorld("page");
// A signed-in attendee with 40 starred sessions: signed-in readers bypass the anonymous page cache.
const sql = new pg.Client({ connectionString: world.database.url });
await sql.connect();
const [reader] = await people(sql, 1, "reader");
await sql.end();
await world.client.agendaStar.createMany({
  data: world.sessionIds.filter((_, i) => i % 7 === 0).map((sessionId) => ({ userId: reader.userId, sessionId })),
});
let server;
let baseline;
try {
  server = await startServer(PORT, world.database);
  // By track: every one of the 300 sessions is on the page (the default by-day view shows one day).
  const url = `http://127.0.0.1:${PORT}/conferences/${world.conference.slug}/programme?view=track`;
  const html = await (await fetch(url)).text();
  if (!html.includes("Session 300:") || !html.includes("Session 1:")) throw new Error("the page does not show the 300 sessions");
  // The JavaScript a browser loads for this page: module scripts and modulepreloads.
  const scripts = [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]))];
  let jsGzip = 0;
  for (const s of scripts) jsGzip += gzipSync(Buffer.from(await (await fetch(`http://127.0.0.1:${PORT}${s}`)).arrayBuffer())).length;
  await hammer(url, { seconds: 2 }); // warm-up
  // Server CPU per response: a cost that, unlike throughput, hardly moves when other work shares the machine.
  const measured = async (options) => {
    const cpu0 = cpuMs(server.pid);
    const r = await hammer(url, options);
    return { ...r, server_cpu_ms_per_response: round((cpuMs(server.pid) - cpu0) / Math.max(1, r.requests)) };
  };
  const app = await measured({ seconds: SECONDS });
  // The signed-in variant: the reader's own page (stars shown), never served from the anonymous cache.
  const signedInHeaders = { cookie: reader.cookie };
  const signedInHtml = await (await fetch(url, { headers: signedInHeaders })).text();
  if (!signedInHtml.includes("Session 300:")) throw new Error("the signed-in page does not show the 300 sessions");
  await hammer(url, { seconds: WARMUP, headers: signedInHeaders });
  const signedIn = await measured({ seconds: SECONDS, headers: signedInHeaders });
  // The same with one web process per core (WEB_CONCURRENCY), as a production machine runs it.
  await server.stop();
  server = await startServer(PORT, world.database, { WEB_CONCURRENCY: String(CORES) });
  await hammer(url, { seconds: WARMUP, headers: signedInHeaders });
  const signedInAllCores = await measured({ seconds: SECONDS, headers: signedInHeaders });
  // Baseline: the same bytes from a bare node:http server in its own process.
  const file = path.join(os.tmpdir(), `concord-bench-programme-${process.pid}.html`);
  fs.writeFileSync(file, html);
  baseline = spawn(
    process.execPath,
    [
      "-e",
      `const h=require("node:fs").readFileSync(${JSON.stringify(file)});require("node:http").createServer((q,r)=>{r.writeHead(200,{"Content-Type":"text/html; charset=utf-8","Content-Length":h.length});r.end(h)}).listen(${BASELINE_PORT},"127.0.0.1")`,
    ],
    { stdio: "inherit" },
  );
  await new Promise((r) => setTimeout(r, 500));
  await hammer(`http://127.0.0.1:${BASELINE_PORT}/`, { seconds: 2 });
  const base = await hammer(`http://127.0.0.1:${BASELINE_PORT}/`, { seconds: SECONDS });
  console.log(
    JSON.stringify({
      bench: "programme-page",
      sessions: world.sessionIds.length,
      speakers: 150,
      connections: 32,
      seconds: SECONDS,
      ...app,
      js_gzip_bytes: jsGzip,
      js_gzip_kb: round(jsGzip / 1024),
      js_files: scripts.length,
      baseline: base,
      ratio: round(app.req_per_s / base.req_per_s),
      html_bytes: Buffer.byteLength(html),
    }),
  );
  console.log(
    JSON.stringify({
      bench: "programme-page-signed-in",
      sessions: world.sessionIds.length,
      starred: Math.ceil(world.sessionIds.length / 7),
      connections: 32,
      seconds: SECONDS,
      processes: 1,
      warmup_s: WARMUP,
      ...signedIn,
      html_bytes: Buffer.byteLength(signedInHtml),
      ratio: round(signedIn.req_per_s / base.req_per_s),
    }),
  );
  console.log(
    JSON.stringify({
      bench: "programme-page-signed-in-all-cores",
      sessions: world.sessionIds.length,
      starred: Math.ceil(world.sessionIds.length / 7),
      connections: 32,
      seconds: SECONDS,
      processes: CORES,
      warmup_s: WARMUP,
      ...signedInAllCores,
      html_bytes: Buffer.byteLength(signedInHtml),
      baseline: base,
      ratio: round(signedInAllCores.req_per_s / base.req_per_s),
    }),
  );
} finally {
  baseline?.kill();
  await server?.stop();
  await world.database.drop();
}
process.exit(0);
