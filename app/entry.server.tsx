import { PassThrough } from "node:stream";
import { type EntryContext, type HandleErrorFunction, createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { AppError } from "./utils/errors";

export const streamTimeout = 5_000;

// Background work that must share the app bundle's single Prisma client is
// started from here by server/start.js (see docs/decisions/001-architecture.md).
export { startBackground, seedIfEmpty } from "./runtime/background.server";

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  const where = `[http] ${request.method} ${new URL(request.url).pathname}`;
  // Refusals and user mistakes (401, 403, 404, 409…) are one line each: a stack
  // trace per refused request would bury real failures in the log.
  if (error instanceof AppError && error.status < 500) {
    console.warn(`${where} refused: ${error.status} ${error.code}`);
    return;
  }
  // Logged for operators; users see the ErrorBoundary, never a stack trace.
  console.error(`${where} failed:`, error);
};

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      [waitForAll ? "onAllReady" : "onShellReady"]() {
        shellRendered = true;
        const body = new PassThrough();
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        responseHeaders.set("X-Content-Type-Options", "nosniff");
        responseHeaders.set("Referrer-Policy", "same-origin");
        responseHeaders.set("X-Frame-Options", "SAMEORIGIN");
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    });
    setTimeout(abort, streamTimeout + 1000);
  });
}
