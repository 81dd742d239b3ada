// Shared set-up of the programme benchmarks (not a benchmark itself): a fresh
// database with a large programme, the production build served by
// server/start.js in a child process, and a small keep-alive load generator.
import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { benchDatabase, load, percentile, root, round } from "./accords-setup.js";
import { SECRET } from "./registration-support.js";

export { round };

/** A published conference with `sessions` sessions over two days in 6 rooms, `speakers` speakers. */
export async function programmeWorld(tag, { sessions = 300, speakers = 150 } = {}) {
  const database = await benchDatabase(tag);
  const { db } = await load("app/utils/db.server.ts");
  const client = db();
  const org = await client.organization.create({
    data: { slug: `bench-${tag}`, kind: "UNIVERSITY", nameEn: "Bench University", country: "CN" },
  });
  const conference = await client.conference.create({
    data: {
      slug: `bench-${tag}`,
      orgId: org.id,
      title: "Benchmark Conference",
      titleZh: "基准会议",
      startDate: new Date("2025-09-27"),
      endDate: new Date("2025-09-28"),
      venue: "Hall",
      city: "Beijing",
      country: "CN",
      timeZone: "Asia/Shanghai",
      currency: "CNY",
      status: "PUBLISHED",
    },
  });
  const rooms = await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      client.room.create({ data: { conferenceId: conference.id, name: `Room ${i + 1}`, capacity: 200, position: i } }),
    ),
  );
  const tracks = await Promise.all(
    Array.from({ length: 5 }, (_, i) =>
      client.track.create({ data: { conferenceId: conference.id, name: `Track ${i + 1}`, nameZh: `专题 ${i + 1}`, position: i } }),
    ),
  );
  await client.speaker.createMany({
    data: Array.from({ length: speakers }, (_, i) => ({
      conferenceId: conference.id,
      nameLatin: `Speaker ${i + 1}`,
      nameNative: `报告人 ${i + 1}`,
      organization: `Organization ${i % 40}`,
      bio: "A speaker.",
    })),
  });
  const speakerIds = (await client.speaker.findMany({ where: { conferenceId: conference.id }, select: { id: true } })).map((s) => s.id);
  // 300 sessions: 25 slots a day × 2 days × 6 rooms, 25 minutes each from 08:00 Beijing time (UTC+8).
  const made = [];
  for (let i = 0; i < sessions; i++) {
    const room = i % 6;
    const slot = Math.floor(i / 6) % 25;
    const day = Math.floor(i / 150);
    const start = new Date(Date.UTC(2025, 8, 27 + day, 0, 0) + slot * 30 * 60_000);
    made.push(
      client.programmeSession.create({
        data: {
          conferenceId: conference.id,
          title: `Session ${i + 1}: engineering education and quality`,
          titleZh: `议程 ${i + 1}：工程教育与质量`,
          abstract: "An abstract of a few sentences about engineering education, accreditation and cooperation between universities.",
          kind: "PAPER_SESSION",
          roomId: rooms[room].id,
          trackId: tracks[i % 5].id,
          startsAt: start,
          endsAt: new Date(start.getTime() + 25 * 60_000),
          // Released as placed: the public reads the released placement.
          releasedRoomId: rooms[room].id,
          releasedStartsAt: start,
          releasedEndsAt: new Date(start.getTime() + 25 * 60_000),
          releasedAt: new Date(),
          status: "PUBLISHED",
          speakers: {
            create: [
              { speakerId: speakerIds[i % speakers], position: 0 },
              { speakerId: speakerIds[(i + 7) % speakers], position: 1, role: "CO_SPEAKER" },
            ],
          },
        },
        select: { id: true },
      }),
    );
  }
  const sessionIds = (await Promise.all(made)).map((s) => s.id);
  return { database, client, conference, sessionIds, load };
}

/** Starts the production build (CONCORD_BUILD_DIR or ./build) on `port`; resolves when /readyz answers. */
export async function startServer(port, database, env = {}) {
  const child = spawn(process.execPath, [path.join(root, "server/start.js")], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: database.url,
      SESSION_SECRET: SECRET,
      CONCORD_SEED: "0",
      NODE_ENV: "production",
      MAIL_STORE_ONLY: "1",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let exited = false;
  child.once("exit", () => (exited = true));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error("server exited (is there a build? set CONCORD_BUILD_DIR)");
    try {
      const r = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (r.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  return { pid: child.pid, stop: () => new Promise((resolve) => (child.once("exit", resolve), child.kill("SIGTERM"))) };
}

/** `connections` keep-alive loops requesting `url` for `seconds`: req/s, p50/p99 (ms), bytes per response. */
export async function hammer(url, { connections = 32, seconds = 20, headers = {} } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  let bytes = 0;
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const one = () =>
    new Promise((resolve) => {
      const t0 = performance.now();
      http
        .get(url, { agent, headers }, (res) => {
          let n = 0;
          res.on("data", (c) => (n += c.length));
          res.on("end", () => {
            if (res.statusCode !== 200 && res.statusCode !== 304) errors++;
            latencies.push(performance.now() - t0);
            bytes += n;
            resolve();
          });
        })
        .on("error", () => (errors++, resolve()));
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) await one();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    req_per_s: round(latencies.length / elapsed),
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
    bytes_per_response: Math.round(bytes / Math.max(1, latencies.length)),
    errors,
  };
}
