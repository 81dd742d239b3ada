#!/usr/bin/env node
// Starts Concord from the production build: reads and checks the environment (through the app's one
// schema), picks the database (embedded PGlite unless DATABASE_URL is set), applies or checks
// migrations, seeds the demo on a fresh embedded database, serves HTTP (in WEB_CONCURRENCY processes)
// and runs the email worker and jobs. On SIGTERM/SIGINT it drains: see docs/decisions/039-operations.md.
import cluster from "node:cluster";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import promClient from "prom-client";
import { resolveDatabase } from "./database.js";
import { createApp } from "./http.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// An external database is a deployment; the embedded one is the demo (and development). The demo is
// therefore not "production", which is what keeps its /dev/mail mailbox off real deployments.
process.env.NODE_ENV ??= process.env.DATABASE_URL ? "production" : "development";

/** Refuses to start: one line saying what to do (on the logger once the build has given us one). */
let log = null;
function die(message) {
  if (log) log.fatal(message);
  else process.stderr.write(`${message}\n`);
  process.exit(1);
}

const buildDir = path.resolve(root, process.env.CONCORD_BUILD_DIR || "build");
const serverEntry = path.join(buildDir, "server/index.js");
if (!fs.existsSync(serverEntry)) die("No production build found. Run `npm run build` first (or `npm run demo`, which builds and starts).");
const build = await import(pathToFileURL(serverEntry).href);
/** What the app bundle exports for the process (app/entry.server.tsx): env, logger, metrics, jobs. */
const runtime = build.entry.module;

function settings() {
  try {
    return runtime.env();
  } catch (error) {
    die(error.message);
  }
}
log = runtime.logger();

/** A worker of a cluster: the primary has checked the database and settled the environment. */
async function worker() {
  const metrics = new MetricsFromPrimary();
  const stop = await serve({ background: process.env.CONCORD_WORKER !== "0", metricsText: () => metrics.ask() });
  process.on("SIGTERM", async () => {
    await stop();
    process.exit(0);
  });
  process.on("SIGINT", () => {}); // the primary decides when to stop
}

/**
 * Serves HTTP in this process; `background` also runs the email worker and jobs here. Returns the
 * drain: stop accepting connections, answer /readyz with 503, let requests in flight finish (until
 * SHUTDOWN_TIMEOUT_MS, then close what is left), stop the jobs after their current item, close the pool.
 */
async function serve({ background, metricsText }) {
  const { PORT, HOST, APP_URL, SHUTDOWN_TIMEOUT_MS } = settings();
  const jobs = background ? runtime.startBackground() : null;
  const lifecycle = { draining: false };
  const app = createApp({ build, buildDir, runtime, lifecycle, metricsText });
  const server = app.listen(PORT, HOST);
  await new Promise((resolve, reject) => server.once("listening", resolve).once("error", reject));
  if (!cluster.isWorker || cluster.worker.id === 1) log.info({ url: APP_URL }, `Concord is ready at ${APP_URL}`);

  return async function drain() {
    lifecycle.draining = true;
    const closed = new Promise((resolve) => server.close(resolve));
    // Connections kept alive between requests are closed as soon as they are idle.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    server.closeIdleConnections();
    const deadline = setTimeout(() => {
      log.warn({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, "requests still running at the shutdown deadline; closing their connections");
      server.closeAllConnections();
    }, SHUTDOWN_TIMEOUT_MS);
    await closed;
    clearInterval(idle);
    clearTimeout(deadline);
    await jobs?.stop().catch((err) => log.error({ err }, "stopping the background jobs failed"));
    await runtime.disconnectDb().catch(() => {});
  };
}

/** A worker's /metrics asks the primary, which adds up every worker's registry (prom-client). */
class MetricsFromPrimary {
  #pending = new Map();
  constructor() {
    promClient.AggregatorRegistry.setRegistries([runtime.metrics.registry]);
    new promClient.AggregatorRegistry(); // answers the primary's requests for this worker's metrics
    process.on("message", (message) => {
      if (message?.type !== "concord:metrics") return;
      this.#pending.get(message.id)?.(message);
      this.#pending.delete(message.id);
    });
  }
  ask() {
    const id = crypto.randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => (this.#pending.delete(id), reject(new Error("the primary did not answer"))), 5000);
      this.#pending.set(id, (message) => {
        clearTimeout(timer);
        if (message.error) reject(new Error(message.error));
        else resolve({ contentType: message.contentType, text: message.text });
      });
      process.send({ type: "concord:metrics?", id });
    });
  }
}

function ensureSessionSecret(kind, dataDir) {
  if (process.env.SESSION_SECRET) return;
  if (kind === "external") die("SESSION_SECRET must be set when DATABASE_URL is set (at least 16 random characters).");
  // The embedded demo keeps a generated secret next to its data, so sessions survive restarts.
  const file = path.resolve(dataDir, "session-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  process.env.SESSION_SECRET = fs.readFileSync(file, "utf8").trim();
}

/** Refuses to start without a way to deliver mail; says loudly where mail goes when it is not sent. */
function checkMail(config) {
  if (config.DEV_MAILBOX === "1" && config.NODE_ENV === "production") {
    die("DEV_MAILBOX=1 is refused with NODE_ENV=production: /dev/mail would show everyone's password-reset links.");
  }
  const delivery = runtime.mailDelivery();
  const dir = path.resolve(config.MAILBOX_DIR);
  if (delivery === null) {
    die(
      "No way to send mail: set SMTP_URL (e.g. smtps://user:pass@smtp.example.org:465). " +
        "Without it, MAIL_STORE_ONLY=1 starts anyway and only writes mail to MAILBOX_DIR; DEV_MAILBOX=1 (development only) also shows it at /dev/mail.",
    );
  }
  if (delivery === "store") log.warn({ dir }, `MAIL IS NOT SENT: MAIL_STORE_ONLY=1 writes every email to ${dir} and nobody receives it`);
  if (delivery === "mailbox") log.info({ dir }, `no SMTP_URL: emails go to ${dir} (read them at /dev/mail)`);
}

/** Restarts crashed web processes, waiting longer after each crash in a row (up to 30 s). */
function superviseWorkers(count, background) {
  let stopping = false;
  const aggregator = new promClient.AggregatorRegistry();
  const fork = (slot, crashes) => {
    const startedAt = Date.now();
    const child = cluster.fork({ CONCORD_WORKER: background && slot === 0 ? "1" : "0" });
    child.on("message", async (message) => {
      if (message?.type !== "concord:metrics?") return;
      try {
        child.send({
          type: "concord:metrics",
          id: message.id,
          contentType: aggregator.contentType,
          text: await aggregator.clusterMetrics(),
        });
      } catch (error) {
        child.send({ type: "concord:metrics", id: message.id, error: error.message });
      }
    });
    child.on("exit", (code, signal) => {
      if (stopping) return;
      // A process that ran for a minute is not crash-looping: start counting again.
      const inARow = Date.now() - startedAt > 60_000 ? 0 : crashes + 1;
      const delay = Math.min(30_000, 500 * 2 ** Math.max(0, inARow - 1));
      log.error({ pid: child.process.pid, code, signal, restartInMs: delay }, "a web process exited; starting another");
      setTimeout(() => !stopping && fork(slot, inARow), delay).unref();
    });
  };
  for (let slot = 0; slot < count; slot++) fork(slot, 0);
  return async () => {
    stopping = true;
    const { SHUTDOWN_TIMEOUT_MS } = settings();
    const children = Object.values(cluster.workers ?? {});
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => {
            // Each worker drains itself; one that does not end in time is killed.
            const kill = setTimeout(() => child.process.kill("SIGKILL"), SHUTDOWN_TIMEOUT_MS + 5000);
            child.once("exit", () => (clearTimeout(kill), resolve()));
            child.process.kill("SIGTERM");
          }),
      ),
    );
  };
}

async function primary() {
  let config = settings();
  let database;
  try {
    database = await resolveDatabase({
      url: config.DATABASE_URL,
      dataDir: config.CONCORD_DATA_DIR,
      port: config.EMBEDDED_DB_PORT,
      log: (line) => log.info(line),
    });
  } catch (error) {
    die(error.message);
  }
  process.env.DATABASE_URL = database.url;
  process.env.CONCORD_DATABASE_KIND = database.kind;
  ensureSessionSecret(database.kind, config.CONCORD_DATA_DIR);
  if (!process.env.APP_URL) {
    const host = config.HOST === "0.0.0.0" || config.HOST === "127.0.0.1" ? "localhost" : config.HOST;
    process.env.APP_URL = `http://${host}:${config.PORT}`;
  }
  runtime.resetEnvCache();
  config = settings();
  checkMail(config);

  // The embedded database is seeded on first start; an external one only when asked (CONCORD_SEED=1).
  const seed = config.CONCORD_SEED === "1" || (database.kind === "embedded" && config.CONCORD_SEED !== "0");
  if (seed && (await runtime.seedIfEmpty())) log.info("loaded the demo data (see README for the demo accounts)");
  if (seed && config.WEB_CONCURRENCY > 1) await runtime.disconnectDb(); // the web processes have their own pools
  const background = config.CONCORD_WORKER !== "0";
  let processes = config.WEB_CONCURRENCY;
  if (processes > 1 && database.kind === "embedded") {
    log.warn("the embedded database serves one process; ignoring WEB_CONCURRENCY");
    processes = 1;
  }

  let stopServing;
  if (processes === 1) {
    stopServing = await serve({ background });
  } else {
    log.info({ processes }, `starting ${processes} web processes`);
    // One process runs the outbox worker and the background jobs; the others only serve requests.
    stopServing = superviseWorkers(processes, background);
  }

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down: draining requests");
    await stopServing();
    await database.stop().catch(() => {});
    log.info("stopped");
    log.flush?.();
    process.exit(0);
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

if (cluster.isWorker) await worker();
else await primary();
