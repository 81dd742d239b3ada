// What every Concord process does before it serves (npm start and npm run dev alike): settle the
// database (embedded PGlite unless DATABASE_URL is set; migrations applied or checked) and the session
// secret, refuse to start without a way to deliver mail, and seed the demo.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { resolveDatabase } from "./database.js";

/** The validated environment (the app's one schema), or a refusal to start that says what is wrong. */
export function readSettings(runtime, die) {
  try {
    return runtime.env();
  } catch (error) {
    die(error.message);
  }
}

/**
 * @param {{ runtime: any, log: import("pino").Logger, die: (message: string) => never }} process
 * @returns {Promise<{ config: any, database: { url: string, kind: "embedded" | "external", stop(): Promise<void> } }>}
 */
export async function prepare({ runtime, log, die }) {
  const settings = () => readSettings(runtime, die);
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
  // The app reads these through its environment module, like everything else.
  process.env.DATABASE_URL = database.url;
  process.env.CONCORD_DATABASE_KIND = database.kind;
  if (!config.SESSION_SECRET) process.env.SESSION_SECRET = sessionSecret(database.kind, config.CONCORD_DATA_DIR, die);
  runtime.resetEnvCache();
  config = settings();
  checkMail(config, runtime, log, die);

  // The embedded database is seeded on first start; an external one only when asked (CONCORD_SEED=1).
  const seed = config.CONCORD_SEED === "1" || (database.kind === "embedded" && config.CONCORD_SEED !== "0");
  if (seed && (await runtime.seedIfEmpty())) log.info("loaded the demo data (see README for the demo accounts)");
  return { config, database };
}

function sessionSecret(kind, dataDir, die) {
  if (kind === "external") die("SESSION_SECRET must be set when DATABASE_URL is set (at least 16 random characters).");
  // The embedded demo keeps a generated secret next to its data, so sessions survive restarts.
  const file = path.resolve(dataDir, "session-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

/** Refuses to start without a way to deliver mail; says loudly where mail goes when it is not sent. */
function checkMail(config, runtime, log, die) {
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
