// The HTTP layer around the Remix request handler: static files, compression,
// body-size and same-origin guards, the client address. Kept apart from
// start.js so tests and benchmarks can serve a build in-process.
// First: it must patch @remix-run/router before @remix-run/express loads it.
import "./route-match-cache.js";
import path from "node:path";
import zlib from "node:zlib";
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

/**
 * Micro-cache for anonymous GETs of public, read-heavy pages (the programme and
 * its exports): the rendered response is kept for a few seconds per URL and
 * language, so a crowd opening the programme does not re-render it for each
 * person. Signed-in visitors (session cookie) and pending toasts bypass it, so
 * organizers always see their own changes at once; anonymous visitors may see
 * a change up to `ttlMs` late. See docs/decisions/023-programme-page-cache.md.
 */
export function microCache({ ttlMs = Number(process.env.PAGE_CACHE_MS ?? 5000), paths, maxEntries = 500 } = {}) {
  const entries = new Map();
  const stats = { hits: 0, misses: 0 };
  const middleware = (req, res, next) => {
    if (ttlMs <= 0 || req.method !== "GET" || !paths.some((p) => p.test(req.path))) return next();
    const cookie = req.headers.cookie ?? "";
    if (/(?:^|;\s*)(concord_session|concord_toast)=/.test(cookie)) return next();
    const locale = /(?:^|;\s*)concord_locale=([^;]*)/.exec(cookie)?.[1] ?? "";
    const key = `${req.originalUrl}|${locale}|${(req.headers["accept-language"] ?? "").slice(0, 100)}`;
    const gzip = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
    const hit = entries.get(key);
    if (hit && hit.expires > Date.now()) {
      stats.hits++;
      res.set(hit.headers);
      res.set("X-Concord-Cache", "hit");
      if (gzip) {
        hit.gzipped ??= zlib.gzipSync(hit.body);
        res.set("Content-Encoding", "gzip");
        res.set("Content-Length", String(hit.gzipped.length));
        return res.status(hit.status).end(hit.gzipped);
      }
      res.set("Content-Length", String(hit.body.length));
      return res.status(hit.status).end(hit.body);
    }
    stats.misses++;
    // Capture what Remix writes (before compression, which wraps these later in the chain).
    const chunks = [];
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = (chunk, ...rest) => {
      if (chunk) chunks.push(Buffer.from(chunk));
      return write(chunk, ...rest);
    };
    res.end = (chunk, ...rest) => {
      if (chunk && typeof chunk !== "function") chunks.push(Buffer.from(chunk));
      if (res.statusCode === 200 && !res.getHeader("set-cookie")) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value);
        const headers = { ...res.getHeaders() };
        delete headers["content-length"];
        delete headers["content-encoding"];
        delete headers["transfer-encoding"];
        entries.set(key, { expires: Date.now() + ttlMs, status: 200, headers, body: Buffer.concat(chunks) });
      }
      return end(chunk, ...rest);
    };
    res.set("X-Concord-Cache", "miss");
    next();
  };
  return Object.assign(middleware, { stats, clear: () => entries.clear() });
}

/** Public pages worth micro-caching: the programme and its machine-readable exports. */
export const CACHED_PAGES = [
  /^\/conferences\/[^/]+\/programme\/?$/,
  /^\/conferences\/[^/]+\/schedule\.(xml|json)$/,
  /^\/api\/conferences\/[^/]+\/programme\/?$/,
];

export function createApp({ build, buildDir }) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", Boolean(process.env.TRUST_PROXY));
  app.use(compression());
  app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
  app.use(microCache({ paths: CACHED_PAGES }));
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
