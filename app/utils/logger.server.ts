import { createRequire } from "node:module";
import { pino, type Logger } from "pino";
import { env } from "./env.server";
import { currentRequestId } from "./request-scope.server";

export { runWithRequestId } from "./request-scope.server";

/**
 * The one logger (pino): JSON lines for operators, pretty lines for a developer at a terminal
 * (LOG_FORMAT overrides). Every line written while a request is being answered carries that
 * request's id (`req`), taken from the request scope that server/http.js opens per request, so
 * a failure deep in a domain operation can be tied to its access-log line.
 *
 * Secrets never reach the log: cookies, authorization headers and tokens are redacted by path here,
 * and the access log writes paths with token segments and query values already masked
 * (server/http.js).
 */

export const REDACTED_PATHS = [
  "headers.cookie",
  'headers["set-cookie"]',
  "headers.authorization",
  "*.headers.cookie",
  "*.headers.authorization",
  "password",
  "*.password",
  "token",
  "*.token",
  "secret",
  "*.secret",
];

/** pino-pretty is a development dependency: an install with --omit=dev logs JSON instead. */
function installed(name: string) {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

function create(): Logger {
  const { LOG_LEVEL, LOG_FORMAT, NODE_ENV } = env();
  const format = LOG_FORMAT ?? (NODE_ENV === "development" && process.stdout.isTTY ? "pretty" : "json");
  const options = {
    level: LOG_LEVEL,
    base: { pid: process.pid },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { req: requestId } : {};
    },
  };
  if (format === "pretty" && installed("pino-pretty")) {
    return pino({ ...options, transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss.l", ignore: "pid" } } });
  }
  return pino(options);
}

let instance: Logger | undefined;

/** The process's logger, created on first use (after server/start.js has settled the environment). */
export function logger(): Logger {
  instance ??= create();
  return instance;
}
