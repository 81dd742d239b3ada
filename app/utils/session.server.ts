import { createCookie, redirect } from "@remix-run/node";
import { Prisma } from "~/generated/prisma/client";
import { db, readRows } from "./db.server";
import { env, sessionSecret } from "./env.server";
import { sharedInRequest } from "./request-scope.server";
import { redirectWithToast } from "./toast.server";
import { isUuid } from "~/utils/validation";

/** Sessions last 30 days from sign-in; the row can be revoked at any time. */
export const SESSION_DAYS = 30;

function sessionCookie() {
  return createCookie("concord_session", {
    secrets: [sessionSecret()],
    httpOnly: true,
    sameSite: "lax",
    // Secure whenever the app is served over https (always in production deployments;
    // the local demo runs on http://localhost).
    secure: env().APP_URL.startsWith("https://"),
    path: "/",
    maxAge: SESSION_DAYS * 24 * 3600,
  });
}

export type SessionUser = {
  id: string;
  email: string;
  nameLatin: string;
  nameNative: string | null;
  locale: "en" | "zh";
  emailVerified: boolean;
  sessionId: string;
};

type SessionRow = {
  id: string;
  lastSeenAt: Date;
  userId: string;
  email: string;
  nameLatin: string;
  nameNative: string | null;
  locale: "en" | "zh";
  emailVerifiedAt: Date | null;
};

const cache = new WeakMap<Request, Promise<SessionUser | null>>();

async function sessionIdFrom(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && isUuid(value) ? value : null;
}

async function lookUpSession(request: Request): Promise<SessionUser | null> {
  const id = await sessionIdFrom(request);
  if (!id) return null;
  // Every request of a signed-in person runs this, so it is one indexed join
  // (plain SQL through pg: the ORM costs more CPU than the lookup itself).
  const [session] = await readRows<SessionRow>(Prisma.sql`/* prepared */
        SELECT s.id, s."lastSeenAt", u.id AS "userId", u.email, u."nameLatin", u."nameNative", u.locale::text AS locale, u."emailVerifiedAt"
        FROM "Session" s JOIN "User" u ON u.id = s."userId"
        WHERE s.id = ${id}::uuid AND s."revokedAt" IS NULL AND s."expiresAt" > ${new Date()}`);
  if (!session) return null;
  // "Last seen" on the security page, written at most every 5 minutes so a busy
  // browser does not turn every page view into a write.
  if (Date.now() - session.lastSeenAt.getTime() > 5 * 60_000) {
    db()
      .session.update({ where: { id: session.id }, data: { lastSeenAt: new Date() } })
      .catch(() => {});
  }
  return {
    id: session.userId,
    email: session.email,
    nameLatin: session.nameLatin,
    nameNative: session.nameNative,
    locale: session.locale,
    emailVerified: session.emailVerifiedAt !== null,
    sessionId: session.id,
  };
}

/**
 * The signed-in user, or null. Expired and revoked sessions count as signed out at once.
 *
 * Looked up once per request: a page's loaders (root, area layouts, the page) each get their own copy
 * of the Request from Remix, so a GET's copies share one lookup through the request scope, keyed by
 * the cookie they carry. An action's request never shares it: the action may sign in or out or change
 * the account, and the loaders that run after it must see that.
 */
export function getUser(request: Request): Promise<SessionUser | null> {
  let pending = cache.get(request);
  if (!pending) {
    pending =
      request.method === "GET" || request.method === "HEAD"
        ? sharedInRequest(`session:${request.headers.get("Cookie") ?? ""}`, () => lookUpSession(request))
        : lookUpSession(request);
    cache.set(request, pending);
  }
  return pending;
}

/**
 * Guard: the signed-in user, else a redirect to sign-in that comes back here. It throws a Response, never
 * an error: whatever a route does around it, a visitor whose session ended gets the sign-in page (an
 * AppError thrown here used to surface as a 500 wherever a route called it outside orRespond/runForm).
 * A form post cannot be replayed after sign-in, so it is a 303 back to sign-in with a toast that says the
 * session ended and the page to return to (the form's page, where the form is sent again).
 */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) throw await signInAgain(request);
  return user;
}

/** The redirect to sign-in that comes back to the page of this request (its `?index` marker left out). */
export async function signInAgain(request: Request): Promise<Response> {
  const url = new URL(request.url);
  url.searchParams.delete("index");
  url.searchParams.delete("_data");
  const back = url.pathname.replace(/\.data$/, "") + (url.searchParams.size ? `?${url.searchParams}` : "");
  const to = `/login?redirectTo=${encodeURIComponent(back)}`;
  if (request.method === "GET" || request.method === "HEAD") return redirect(to);
  return redirectWithToast(to, { kind: "info", message: "error.sessionEnded" }, { status: 303 });
}

/** Guard for pages only signed-out visitors should see (sign-up, sign-in). */
export async function requireAnonymous(request: Request) {
  if (await getUser(request)) throw redirect("/");
}

export async function createSessionCookie(sessionId: string) {
  return sessionCookie().serialize(sessionId);
}

export async function clearSessionCookie() {
  return sessionCookie().serialize("", { maxAge: 0 });
}
