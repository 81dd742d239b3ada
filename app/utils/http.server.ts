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

const hasControlOrBackslash = (s: string) => [...s].some((c) => c <= "\u001f" || c === "\u007f" || c === "\\");

/** An origin no request ever has: relative targets are resolved against it and must stay on it. */
const SELF = new URL("http://concord.invalid");

/**
 * The one check for every user-supplied redirect target (`redirectTo` of sign-in, the language switch,
 * stars...). The target is parsed the way a browser parses a Location header (WHATWG URL: tabs and
 * newlines dropped, backslashes read as slashes, dot segments resolved), and only a path on Concord's own
 * origin survives, re-serialized so what the browser follows is exactly what was checked. Anything else —
 * another host, another scheme, `/\t/evil.example`, `/.//evil.example` — gives `fallback`.
 * See docs/decisions/042-safe-redirects-and-conference-links.md.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(to, SELF);
  } catch {
    return fallback;
  }
  if (url.origin !== SELF.origin) return fallback;
  const path = url.pathname + url.search + url.hash;
  // A path that serializes to "//host" would be protocol-relative when the browser reads it back.
  if (!path.startsWith("/") || path.startsWith("//") || hasControlOrBackslash(path)) return fallback;
  return path;
}
