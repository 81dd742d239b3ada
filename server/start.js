#!/usr/bin/env node
// Starts Concord from the production build: picks the database (embedded PGlite
// unless DATABASE_URL is set), applies or checks migrations, seeds the demo on a
// fresh embedded database, starts the outbox worker and serves HTTP.
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

async function main() {
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

  const build = await import(pathToFileURL(path.join(buildDir, "server/index.js")).href);
  const entry = build.entry.module;
  // The embedded database is seeded on first start; an external one only when asked (CONCORD_SEED=1).
  const seed = process.env.CONCORD_SEED === "1" || (database.kind === "embedded" && process.env.CONCORD_SEED !== "0");
  if (seed) {
    if (await entry.seedIfEmpty()) console.log("[db] loaded the demo data (see README for the demo accounts)");
  }
  if (!process.env.SMTP_URL) console.log(`[mail] no SMTP_URL: emails go to ${path.resolve(process.env.MAILBOX_DIR ?? "data/mail")} (read them at /dev/mail)`);
  const background = process.env.CONCORD_WORKER === "0" ? null : entry.startBackground();

  const server = createApp({ build, buildDir }).listen(port, host, () => {
    console.log(`Concord is ready at ${process.env.APP_URL}`);
  });

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`[app] ${signal}: shutting down`);
    server.close();
    server.closeAllConnections?.();
    await background?.stop().catch(() => {});
    await database.stop().catch(() => {});
    process.exit(0);
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main();
