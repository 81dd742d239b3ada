#!/usr/bin/env node
// Starts Concord from the production build: picks the database (embedded PGlite
// unless DATABASE_URL is set), applies or checks migrations, seeds the demo on a
// fresh embedded database, starts the outbox worker and serves HTTP.
import cluster from "node:cluster";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { resolveDatabase } from "./database.js";
import { createApp } from "./http.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildDir = path.resolve(root, process.env.CONCORD_BUILD_DIR ?? "build");
process.env.NODE_ENV ??= "production";

function ensureSessionSecret(kind) {
  if (process.env.SESSION_SECRET) return;
  if (kind === "external") {
    console.error("SESSION_SECRET must be set when DATABASE_URL is set (at least 16 random characters).");
    process.exit(1);
  }
  // The embedded demo keeps a generated secret next to its data, so sessions survive restarts.
  const file = path.resolve(process.env.CONCORD_DATA_DIR ?? "data", "session-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  process.env.SESSION_SECRET = fs.readFileSync(file, "utf8").trim();
}

/**
 * How many web processes to run. Node runs JavaScript on one core, so on a
 * machine with several cores a ticket launch or a programme opening is served
 * by WEB_CONCURRENCY processes sharing the port (node:cluster). The embedded
 * database accepts a single connection at a time, so it always runs one.
 */
function webProcesses(kind) {
  const wanted = Number(process.env.WEB_CONCURRENCY ?? 1);
  if (!Number.isInteger(wanted) || wanted < 1) {
    console.error(`WEB_CONCURRENCY must be a whole number of processes, not "${process.env.WEB_CONCURRENCY}".`);
    process.exit(1);
  }
  if (wanted > 1 && kind === "embedded") {
    console.log("[app] the embedded database serves one process; ignoring WEB_CONCURRENCY");
    return 1;
  }
  return wanted;
}

const loadBuild = () => import(pathToFileURL(path.join(buildDir, "server/index.js")).href);

async function seedDemo(build) {
  if (await build.entry.module.seedIfEmpty()) console.log("[db] loaded the demo data (see README for the demo accounts)");
}

/** Imports the build and serves HTTP in this process; `background` runs the outbox worker and jobs here. */
async function serve({ background, seed }) {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "127.0.0.1";
  const build = await loadBuild();
  if (seed) await seedDemo(build);
  const jobs = background ? build.entry.module.startBackground() : null;
  const server = createApp({ build, buildDir }).listen(port, host, () => {
    if (!cluster.isWorker || cluster.worker.id === 1) console.log(`Concord is ready at ${process.env.APP_URL}`);
  });
  return async () => {
    server.close();
    server.closeAllConnections?.();
    await jobs?.stop().catch(() => {});
  };
}

async function main() {
  if (cluster.isWorker) {
    // A web process of a cluster: the primary has checked the database and set the environment.
    const stop = await serve({ background: process.env.CONCORD_WORKER !== "0", seed: false });
    process.on("SIGTERM", async () => {
      await stop();
      process.exit(0);
    });
    process.on("SIGINT", () => {}); // the primary decides when to stop
    return;
  }
  if (!fs.existsSync(path.join(buildDir, "server/index.js"))) {
    console.error("No production build found. Run `npm run build` first (or `npm run demo`, which builds and starts).");
    process.exit(1);
  }
  let database;
  try {
    database = await resolveDatabase();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  process.env.DATABASE_URL = database.url;
  process.env.CONCORD_DATABASE_KIND = database.kind;
  ensureSessionSecret(database.kind);
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "127.0.0.1";
  process.env.APP_URL ??= `http://${host === "0.0.0.0" ? "localhost" : host === "127.0.0.1" ? "localhost" : host}:${port}`;
  if (!process.env.SMTP_URL)
    console.log(`[mail] no SMTP_URL: emails go to ${path.resolve(process.env.MAILBOX_DIR ?? "data/mail")} (read them at /dev/mail)`);

  // The embedded database is seeded on first start; an external one only when asked (CONCORD_SEED=1).
  const seed = process.env.CONCORD_SEED === "1" || (database.kind === "embedded" && process.env.CONCORD_SEED !== "0");
  const background = process.env.CONCORD_WORKER !== "0";
  const processes = webProcesses(database.kind);

  let stopServing;
  if (processes === 1) {
    stopServing = await serve({ background, seed });
  } else {
    // Seed once, before any web process starts.
    if (seed) await seedDemo(await loadBuild());
    console.log(`[app] starting ${processes} web processes`);
    let stopping = false;
    // One process runs the outbox worker and the background jobs; the others only serve requests.
    const fork = (i) => {
      const worker = cluster.fork({ CONCORD_WORKER: background && i === 0 ? "1" : "0" });
      worker.on("exit", (code) => {
        if (stopping) return;
        console.error(`[app] web process ${worker.process.pid} exited with ${code}; starting another`);
        fork(i);
      });
    };
    for (let i = 0; i < processes; i++) fork(i);
    stopServing = async () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {});
      await Promise.all(workers.map((w) => new Promise((resolve) => (w.once("exit", resolve), w.process.kill("SIGTERM")))));
    };
  }

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`[app] ${signal}: shutting down`);
    await stopServing();
    await database.stop().catch(() => {});
    process.exit(0);
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main();
