// The HTTP layer around the Remix request handler: static files, compression,
// body-size and same-origin guards, the client address. Kept apart from
// start.js so tests and benchmarks can serve a build in-process.
import path from "node:path";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";

export const MAX_BODY_BYTES = Number(process.env.MAX_BODY_BYTES ?? 2 * 1024 * 1024);

/** Refuses request bodies above the limit with 413, whether or not Content-Length is given. */
function bodyLimit(limit) {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) {
      res.status(413).type("text/plain").send("Request body too large\n");
      req.resume();
      return;
    }
    let seen = 0;
    req.on("data", (chunk) => {
      seen += chunk.length;
      if (seen > limit && !res.headersSent) {
        res.status(413).type("text/plain").send("Request body too large\n");
        req.destroy();
      }
    });
    next();
  };
}

/**
 * Cross-site form posts are refused: SameSite=Lax already keeps the session
 * cookie off them, and this closes the gap for signed-out endpoints (login CSRF).
 */
function sameOrigin(req, res, next) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const origin = req.headers.origin;
  if (!origin || origin === "null") return next();
  const host = req.headers["x-forwarded-host"] ?? req.headers.host;
  try {
    if (new URL(origin).host === host) return next();
  } catch {}
  res.status(403).type("text/plain").send("Cross-origin form submission refused\n");
}

export function createApp({ build, buildDir }) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", Boolean(process.env.TRUST_PROXY));
  app.use(compression());
  app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
  app.use(bodyLimit(MAX_BODY_BYTES));
  app.use(sameOrigin);
  app.use((req, _res, next) => {
    // The only trusted source of the client address inside the app (rate limits, audit).
    req.headers["x-concord-client-ip"] = req.socket.remoteAddress ?? "unknown";
    next();
  });
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));
  return app;
}
