// The HTTP layer around Remix: request ids and the access log, metrics, security headers, static
// files, form bounds, the same-origin guard, the client address, the page cache, draining on
// shutdown. Kept apart from start.js so the development server, tests and benchmarks serve the same
// stack. Nothing here replaces or wraps a method of Express, Node or Remix (decision 037): Remix is
// called through its public request handler with a Request this module builds.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { createRequestHandler, writeReadableStreamToWritable } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";
import { FormBoundsError, checkFormBody, checkPath, checkUrlEncoded } from "./form-bounds.js";
import { pageCache } from "./page-cache.js";

const STRIPE_CHECKOUT = "https://checkout.stripe.com";

/** Requests (pages, form posts) a process serves at once before its answers stop keeping connections alive. */
const KEEP_ALIVE_IN_FLIGHT = 2;

/**
 * Route ids by pathname, for the access log and metrics. Matching is done by the router's public
 * `matchRoutes` on the build's route tree, and remembered per pathname (bounded) so that a crowd on
 * one URL pays for it once.
 */
function routeIdentifier(routes) {
  const byParent = new Map();
  for (const route of Object.values(routes)) {
    const siblings = byParent.get(route.parentId) ?? [];
    siblings.push(route);
    byParent.set(route.parentId, siblings);
  }
  const tree = (parentId) =>
    (byParent.get(parentId) ?? []).map((r) => ({
      id: r.id,
      path: r.path,
      index: r.index,
      caseSensitive: r.caseSensitive,
      children: tree(r.id),
    }));
  const root = tree(undefined);
  const known = new Map();
  return (pathname) => {
    let found = known.get(pathname);
    if (!found) {
      // Single-fetch data requests name the page they load for: /x.data and /_root.data for "/".
      const page = pathname === "/_root.data" ? "/" : pathname.replace(/\.data$/, "");
      const matches = matchRoutes(root, page) ?? [];
      const last = matches.at(-1);
      // Tokens in URLs (invitations, feeds, email links) never reach the log.
      const secretParams = Object.entries(last?.params ?? {}).filter(([name]) => /token|code|secret/i.test(name));
      let shown = pathname;
      for (const [, value] of secretParams) if (value) shown = shown.replace(value, "[redacted]");
      // `:id` in app/routes.ts is always a UUID (decision 040): anything else names nothing, and is a
      // 404 here rather than a failed ::uuid cast in whichever query meets it first. The development
      // mailbox's message ids are its file names; the create forms take the literal "new" as their id.
      const id = last?.params.id;
      const badId =
        id !== undefined &&
        last.route.id !== "routes/site/dev-mail-message" &&
        !UUID.test(id) &&
        !(id === "new" && CREATE_FORMS.has(last.route.id));
      found = { route: last?.route.id ?? "unmatched", path: shown, badId };
      if (known.size >= 5000) known.delete(known.keys().next().value);
      known.set(pathname, found);
    }
    return found;
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Routes whose `:id` may be "new": the same form creates and edits (a session, a speaker, a proposal). */
const CREATE_FORMS = new Set(["routes/programme/manage/session", "routes/programme/manage/speaker", "routes/programme/proposal"]);

const SECRET_QUERY = /token|code|key|secret|password|signature|session/i;

/** The query string for the log, values of secret-looking parameters masked. */
function loggableQuery(url) {
  const q = url.indexOf("?");
  if (q === -1) return "";
  const params = new URLSearchParams(url.slice(q + 1));
  for (const [name] of params) if (SECRET_QUERY.test(name)) params.set(name, "[redacted]");
  const text = params.toString();
  return text ? `?${text.slice(0, 300)}` : "";
}

/** Node's request headers as Fetch headers (repeated headers kept). */
function fetchHeaders(nodeHeaders) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(nodeHeaders)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

/** Writes Remix's Response to Node's (several Set-Cookie headers stay separate). */
async function sendResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/** Refusals before Remix: small, plain, never an echo of the input. Logged by the access log as one line. */
function refuse(res, status, message) {
  res.status(status).type("text/plain").set("Cache-Control", "no-store").send(`${message}\n`);
}

/** The host this request was addressed to: Host, or with trusted proxies what the nearest of them wrote. */
function requestHost(req, trustProxy) {
  const forwarded = trustProxy > 0 ? req.get("x-forwarded-host") : undefined;
  const host = forwarded ? forwarded.split(",").at(-1).trim() : req.get("host");
  return host && /^[a-z0-9.\-[\]:]+$/i.test(host) ? host.toLowerCase() : null;
}

/**
 * Form posts from other sites are refused. SameSite=Lax keeps the session cookie off them already;
 * this closes the gap for signed-out endpoints (login CSRF). `Origin: null` (sandboxed frames,
 * data: URLs, privacy redirects) cannot be told apart from an attack, so it is refused too.
 */
function sameOrigin({ trustProxy, appUrl }) {
  const appHost = new URL(appUrl).host.toLowerCase();
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const origin = req.get("origin");
    if (origin === undefined) return next();
    let originHost = null;
    try {
      originHost = origin === "null" ? null : new URL(origin).host.toLowerCase();
    } catch {}
    if (originHost && (originHost === appHost || originHost === requestHost(req, trustProxy))) return next();
    refuse(res, 403, "Cross-origin form submission refused");
  };
}

/** Reads the whole body (bounded) so that its form can be checked before anything parses it. */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.get("content-length") ?? 0);
    if (declared > limit) return reject(new FormBoundsError("Request body too large", 413));
    const chunks = [];
    let seen = 0;
    req.on("data", (chunk) => {
      seen += chunk.length;
      if (seen > limit) {
        req.pause();
        reject(new FormBoundsError("Request body too large", 413));
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Bounds the query string of every request and the body of every other request before routes see them. */
function formBounds({ maxBodyBytes }) {
  return async (req, res, next) => {
    try {
      const q = req.originalUrl.indexOf("?");
      checkPath(q === -1 ? req.originalUrl : req.originalUrl.slice(0, q));
      if (q !== -1) checkUrlEncoded(req.originalUrl.slice(q + 1));
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.locals.body = await readBody(req, maxBodyBytes);
        await checkFormBody(res.locals.body, req.headers);
      }
      next();
    } catch (error) {
      if (!(error instanceof FormBoundsError)) return next(error);
      // Whatever is left of a refused body is not read; the connection closes after the answer.
      if (error.status === 413) res.set("Connection", "close");
      refuse(res, error.status, error.status === 413 ? `Request too large: ${error.message}` : `Bad request: ${error.message}`);
    }
  };
}

/** Headers for every response (helmet): a CSP whose scripts need this request's nonce, HSTS under https. */
function securityHeaders({ https, development }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
        // Vite's development server injects <style> elements for hot reload.
        styleSrc: development ? ["'self'", "'unsafe-inline'"] : ["'self'"],
        // Track colours are style attributes; attributes cannot load or run anything.
        styleSrcAttr: ["'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: development ? ["'self'", "ws:"] : ["'self'"],
        // Paying by card redirects the form post to Stripe Checkout.
        formAction: ["'self'", STRIPE_CHECKOUT],
        frameSrc: ["'self'"],
        frameAncestors: ["'self'"],
        manifestSrc: ["'self'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 31536000, includeSubDomains: false } : false,
    // Not helmet's "no-referrer": with it, browsers send `Origin: null` on same-origin form posts.
    referrerPolicy: { policy: "same-origin" },
    xFrameOptions: { action: "sameorigin" },
  });
}

/** The content types a page's form arrives in. */
const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/**
 * @param {object} options
 * @param {object | (() => Promise<object>)} options.build the Remix server build (a function in development)
 * @param {string | null} options.buildDir where the built client files are (null in development: Vite serves them)
 * @param {object} options.runtime what the app bundle exports for the server (entry.server: env, logger, metrics)
 * @param {{ draining: boolean }} [options.lifecycle] set `draining` on shutdown: /readyz answers 503, connections close
 * @param {import("express").RequestHandler} [options.assets] development: Vite's middleware instead of built files
 * @param {() => Promise<{ contentType: string, text: string }>} [options.metricsText] the metrics of every process (cluster)
 */
export function createApp({ build, buildDir, runtime, lifecycle = { draining: false }, assets, metricsText }) {
  const config = runtime.env();
  const log = runtime.logger();
  const development = config.NODE_ENV === "development" && !buildDir;
  const https = config.APP_URL.startsWith("https://");
  const handle = createRequestHandler(build, development ? "development" : "production");
  const cached = pageCache({ ttlMs: config.PAGE_CACHE_MS })(handle);
  let identify = typeof build === "function" ? null : routeIdentifier(build.routes);

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.TRUST_PROXY > 0 ? config.TRUST_PROXY : false);

  // Request id, access log line and metrics for every request, static files and refusals included.
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = crypto.randomUUID();
    res.locals.requestId = requestId;
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    res.set("X-Request-Id", requestId);
    const done = () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const pathname = req.originalUrl.split("?")[0];
      const { route, path: shown } = res.locals.routeId
        ? { route: res.locals.routeId, path: res.locals.loggedPath }
        : { route: res.locals.static ? "static" : "refused", path: pathname.slice(0, 300) };
      const status = res.writableFinished ? res.statusCode : 499;
      runtime.metrics.httpRequests.inc({ method: req.method, route, status });
      runtime.metrics.httpDuration.observe({ method: req.method, route }, seconds);
      const line = {
        req: requestId,
        method: req.method,
        route,
        path: shown + loggableQuery(req.originalUrl),
        status,
        ms: Math.round(seconds * 1e4) / 10,
      };
      if (status >= 500) log.error(line, "request");
      else log.info(line, "request");
    };
    res.once("close", done);
    runtime.runWithRequestId(requestId, next);
  });

  // While shutting down: not ready, and no connection is kept for another request.
  app.use((req, res, next) => {
    if (!lifecycle.draining) return next();
    res.set("Connection", "close");
    if (req.path === "/readyz") {
      res.locals.routeId = "routes/site/readyz";
      res.locals.loggedPath = req.path;
      return res.status(503).set("Cache-Control", "no-store").json({ ready: false, draining: true });
    }
    next();
  });

  app.use(securityHeaders({ https, development }));
  app.use(compression());

  // Prometheus metrics, for holders of METRICS_TOKEN only (absent without one).
  app.get("/metrics", async (req, res, next) => {
    const token = config.METRICS_TOKEN;
    if (!token) return next();
    res.locals.routeId = "metrics";
    res.locals.loggedPath = req.path;
    const given = Buffer.from(req.get("authorization") ?? "");
    const wanted = Buffer.from(`Bearer ${token}`);
    if (given.length !== wanted.length || !crypto.timingSafeEqual(given, wanted)) {
      return res.status(401).set("WWW-Authenticate", "Bearer").type("text/plain").send("Unauthorized\n");
    }
    const { contentType, text } = await (metricsText ?? runtime.metricsText)();
    res.set("Cache-Control", "no-store").type(contentType).send(text);
  });

  if (assets) app.use(assets);
  else {
    const markStatic = (_req, res, next) => ((res.locals.static = true), next());
    // Fingerprinted build output: cached for a year. Top-level files (public/: favicon, icons, robots.txt,
    // manifest) keep their names across releases, so a week.
    app.use("/assets", markStatic, express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
    // Only for the names that are there: asking the file system about every page's path (and building
    // the "not found" error it answers with) cost each page request about 2 ms of CPU.
    const clientDir = path.join(buildDir, "client");
    const topLevel = new Set(
      fs.existsSync(clientDir)
        ? fs
            .readdirSync(clientDir, { withFileTypes: true })
            .filter((f) => f.isFile())
            .map((f) => `/${f.name}`)
        : [],
    );
    const files = express.static(path.join(buildDir, "client"), { maxAge: "7d", index: false });
    app.use((req, res, next) => (topLevel.has(req.path) ? markStatic(req, res, () => files(req, res, next)) : next()));
  }

  // Overload is served in arrival order. A busy Node process accepts ONE new connection per turn of
  // its event loop (libuv 1.45+), while requests on connections it already holds are read at once: at a
  // ticket launch the buyers who connected first bought again and again while newcomers waited in the
  // kernel's accept queue (measured: 180 new connections waited up to 20 s behind 20 kept-alive ones).
  // So while this process serves more than KEEP_ALIVE_IN_FLIGHT pages or form posts at once, their
  // answers close the connection: the client's next request queues behind everyone else's, in the
  // kernel's first-come, first-served accept queue. Under light load connections are kept alive, and
  // static files always are. See docs/decisions/045-launch-fairness.md.
  let inFlight = 0;
  app.use((_req, res, next) => {
    inFlight++;
    res.once("close", () => inFlight--);
    if (inFlight > KEEP_ALIVE_IN_FLIGHT) res.set("Connection", "close");
    next();
  });

  app.use(formBounds({ maxBodyBytes: config.MAX_BODY_BYTES }));
  app.use(sameOrigin({ trustProxy: config.TRUST_PROXY, appUrl: config.APP_URL }));

  app.all("*", async (req, res, next) => {
    res.locals.static = false;
    const host = requestHost(req, config.TRUST_PROXY);
    if (!host) return refuse(res, 400, "Bad request: missing or malformed Host header");
    if (!identify) identify = routeIdentifier((await build()).routes);
    const pathname = req.originalUrl.split("?")[0];
    const { route, path: shown, badId } = identify(pathname);
    res.locals.routeId = route;
    res.locals.loggedPath = shown;
    if (badId) return refuse(res, 404, "Not found");
    // Pages (route modules with a component) take forms only: JSON, text or no content type would make
    // `request.formData()` throw inside the route. Resource routes (webhooks, passkey JSON) read their own.
    if (req.method !== "GET" && req.method !== "HEAD" && !FORM_TYPES.test(req.get("content-type") ?? "")) {
      const routes = typeof build === "function" ? (await build()).routes : build.routes;
      if (routes[route]?.module?.default) return refuse(res, 415, "Unsupported media type: this page accepts form submissions only");
    }
    try {
      // The only trusted source of the client address inside the app (rate limits, audit): with
      // TRUST_PROXY=n, Express takes the address the nearest n proxies wrote into X-Forwarded-For.
      req.headers["x-concord-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
      req.headers["x-request-id"] = res.locals.requestId;
      // The request's signal ends with its response, sent in full or left by the client. Remix keeps a
      // page's encoded data behind a stream-timeout timer that only this signal clears: a signal that
      // never aborts kept every page of the last five seconds in memory.
      const controller = new AbortController();
      res.on("close", () => controller.abort());
      const body = res.locals.body;
      const request = new Request(`${req.protocol}://${host}${req.originalUrl}`, {
        method: req.method,
        headers: fetchHeaders(req.headers),
        signal: controller.signal,
        ...(body && req.method !== "GET" && req.method !== "HEAD" ? { body } : {}),
      });
      const response = await cached(request, { cspNonce: res.locals.cspNonce, requestId: res.locals.requestId });
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  });

  // Anything thrown above is logged once and answered without details.
  app.use((error, _req, res, _next) => {
    log.error({ err: error }, "request failed outside Remix");
    if (!res.headersSent) refuse(res, 500, "Something went wrong on our side.");
    else res.destroy();
  });
  return app;
}
