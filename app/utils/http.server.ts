import { data } from "@remix-run/node";
import { AppError } from "./errors";
import { env } from "./env.server";

/** Throws the AppError as a Remix response so route ErrorBoundaries render it. */
export function toResponse(error: AppError) {
  return data({ code: error.code, message: error.userMessage, vars: error.vars ?? null }, { status: error.status });
}

/** Runs a domain call and turns AppErrors into HTTP responses; anything else stays a 500. */
export async function orRespond<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AppError) throw toResponse(error);
    throw error;
  }
}

/**
 * The client's address, as server/http.js settled it: the socket's, or with TRUST_PROXY=n the address
 * the n trusted proxies wrote into X-Forwarded-For (never the client-written left-most entry).
 */
export function clientIp(request: Request): string {
  return request.headers.get("x-concord-client-ip") ?? "unknown";
}

/** The client's address and user agent, as a signature records them (privately; shown to the parties). */
export function signingClient(request: Request): { ipAddress: string | null; userAgent: string | null } {
  const ip = clientIp(request);
  return { ipAddress: ip === "unknown" ? null : ip, userAgent: request.headers.get("user-agent") };
}

export function absoluteUrl(path: string) {
  return new URL(path, env().APP_URL).toString();
}

/** Only same-site relative paths may be used as redirect targets. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
