#!/usr/bin/env node
// Starts Concord from the production build: reads and checks the environment (through the app's one
// schema), picks the database (embedded PGlite unless DATABASE_URL is set), applies or checks
// migrations, seeds the demo on a fresh embedded database, serves HTTP (in WEB_CONCURRENCY processes)
// and runs the email worker and jobs. On SIGTERM/SIGINT it drains: see docs/decisions/038-operations.md.
import cluster from "node:cluster";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import promClient from "prom-client";
import { createApp } from "./http.js";
import { prepare, readSettings } from "./prepare.js";

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

const settings = () => readSettings(runtime, die);
log = runtime.logger();

/** A worker of a cluster: the primary has checked the database and settled the environment. */
async function worker() {
  const metrics = new MetricsFromPrimary();
  const stop = await serve({ background: settings().CONCORD_WORKER !== "0", metricsText: () => metrics.ask() });
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

  // Connections accepted whose request has not been read yet. Node counts them as idle, and closing
  // the server destroys idle connections, which would reset requests the client has already sent.
  const unread = new Set();
  let lastConnection = 0;
  server.on("connection", (socket) => {
    lastConnection = Date.now();
    unread.add(socket);
    socket.once("close", () => unread.delete(socket));
  });
  let active = 0;
  server.on("request", (req, res) => {
    unread.delete(req.socket);
    active++;
    res.once("close", () => active--);
  });

  return async function drain() {
    lifecycle.draining = true;
    // Keep accepting until connections stop arriving, every accepted one has sent its request and the
    // requests in flight are answered: a load balancer needs a moment to see /readyz fail, and a
    // cluster primary hands this process the connections it queued for it only when it is free again.
    // At most 10 s (or the shutdown timeout); a client that sends nothing is dropped.
    const settle = Date.now() + Math.min(10_000, SHUTDOWN_TIMEOUT_MS);
    while ((unread.size > 0 || active > 0 || Date.now() - lastConnection < 500) && Date.now() < settle) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const closed = new Promise((resolve) => server.close(resolve));
    // From now on no connection is accepted; those kept alive between requests close once idle.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
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

/**
 * Garbage-collector settings for web processes that share the machine's cores (decision 038). With one
 * process per core, V8's parallel collector threads only take cores from the other processes. And
 * 16 pages in flight fill V8's default young generation (16 MB) every 30 ms or so; each collection copies
 * those pages' live data again. A larger young generation is collected about four times less often.
 * A flag the operator already gives, on the command line or in NODE_OPTIONS, wins.
 */
const WEB_PROCESS_GC_FLAGS = ["--single-threaded-gc", "--max-semi-space-size=64"];
function webProcessExecArgv() {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  const unset = WEB_PROCESS_GC_FLAGS.filter((flag) => !given.some((arg) => arg.split("=")[0] === flag.split("=")[0]));
  return [...process.execArgv, ...unset];
}

/** Restarts crashed web processes, waiting longer after each crash in a row (up to 30 s). */
function superviseWorkers(count, background) {
  let stopping = false;
  cluster.setupPrimary({ execArgv: webProcessExecArgv() });
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
  const { config, database } = await prepare({ runtime, log, die });
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
    await runtime.disconnectDb(); // the web processes have their own pools
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
