import { type AppLoadContext, type EntryContext, type HandleErrorFunction, createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { MarkupCacheProvider } from "./components/cached-markup";
import { NonceProvider } from "./components/nonce";
import { markupCache } from "./utils/cached-markup.server";
import { AppError } from "./utils/errors";
import { withoutNulBytes } from "./utils/html-stream.server";
import { logger } from "./utils/logger.server";

export const streamTimeout = 5_000;

// What server/start.js and server/http.js use from the app bundle, so that the process and the app
// share one environment schema, one logger (with its request ids), one metrics registry and one
// Prisma client (see docs/decisions/001-architecture.md and 038-operations.md).
export { startBackground, seedIfEmpty } from "./runtime/background.server";
export { env, resetEnvCache, mailDelivery } from "./utils/env.server";
export { logger, runWithRequestId } from "./utils/logger.server";
export { disconnectDb } from "./utils/db.server";
export { metricsText } from "./runtime/metrics.server";
export * as metrics from "./utils/metrics.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** This response's Content-Security-Policy nonce (server/http.js). */
    cspNonce?: string;
    requestId?: string;
  }
}

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  const where = { method: request.method, path: new URL(request.url).pathname };
  // Refusals and user mistakes (401, 403, 404, 409…) are one line each: a stack
  // trace per refused request would bury real failures in the log.
  if (error instanceof AppError && error.status < 500) {
    logger().warn({ ...where, status: error.status, code: error.code }, "refused");
    return;
  }
  // The same refusal after a route turned it into a response (orRespond): it reaches here as an error response.
  if (isRouteErrorResponse(error) && error.status < 500) {
    const code = (error.data as { code?: unknown } | null)?.code;
    logger().warn({ ...where, status: error.status, code: typeof code === "string" ? code : undefined }, "refused");
    return;
  }
  // Logged for operators; users see the ErrorBoundary, never a stack trace.
  logger().error({ ...where, err: error }, "request failed");
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  const nonce = loadContext.cspNonce ?? "";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // The abort timer holds the whole render (its data, its markup) until it fires: cleared as soon as
    // React is done, or every page rendered in the last six seconds would stay in memory.
    let finished = false;
    let abortTimer: NodeJS.Timeout | undefined;
    const finish = () => {
      finished = true;
      clearTimeout(abortTimer);
    };
    const respond = () => {
      shellRendered = true;
      // Not a plain PassThrough: React 18.3 pads some chunks with NUL bytes (see withoutNulBytes).
      const body = withoutNulBytes();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <MarkupCacheProvider value={markupCache}>
          <RemixServer context={remixContext} url={request.url} nonce={nonce} />
        </MarkupCacheProvider>
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAll) respond();
        },
        onAllReady() {
          finish();
          if (waitForAll) respond();
        },
        onShellError(error: unknown) {
          finish();
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger().error({ err: error }, "render failed after the shell was sent");
        },
      },
    );
    if (!finished) abortTimer = setTimeout(abort, streamTimeout + 1000);
  });
}
