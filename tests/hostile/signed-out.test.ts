// A session that ended is not a server error (issue 10 §1): every route of app/routes.ts, walked from the
// route list itself, answers a signed-out GET and a signed-out form POST with a page, a redirect to
// sign-in that comes back, or a 4xx — never a 5xx. A POST that needs a user is sent to /login (303)
// with the page to come back to, and a toast says the session ended.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { serveApp, type Served } from "./app";
import { leaks, makeHostileWorld, targets, type HostileWorld } from "./world";

let app: Served;
let w: HostileWorld;
beforeAll(async () => {
  w = await makeHostileWorld();
  app = await serveApp();
}, 300_000);
afterAll(() => app?.close());

const post = (url: string, cookie?: string) =>
  fetch(`${app.base}${url}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
    body: "intent=save&title=Kept+title",
  });

describe("signed out", () => {
  it("no route answers a GET or a form POST with a 5xx or a stack trace", async () => {
    const failures: string[] = [];
    for (const t of targets(w)) {
      for (const method of ["GET", "POST"] as const) {
        const res = method === "GET" ? await fetch(`${app.base}${t.url}`, { redirect: "manual" }) : await post(t.url);
        const body = await res.text();
        if (res.status >= 500 || leaks(body)) failures.push(`${method} ${t.url} (${t.route.id}) → ${res.status} ${leaks(body) ?? ""}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("a form POST to a page that needs a user goes to sign-in (303), which comes back to the page", async () => {
    const url = `/conferences/${w.conference.slug}/register`;
    const res = await post(url);
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("location")!, app.base);
    expect(location.pathname).toBe("/login");
    expect(location.searchParams.get("redirectTo")).toBe(url);
    expect(res.headers.getSetCookie().join(";")).toMatch(/concord_toast=/);
    // The sign-in page then tells why, in the visitor's language.
    const login = await fetch(`${app.base}${location.pathname}${location.search}`, {
      headers: {
        cookie: res.headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; "),
        "accept-language": "zh",
      },
    });
    expect(login.status).toBe(200);
    expect(await login.text()).toContain("登录已过期");
  });

  it("an organizer form POST after the session was revoked is the same redirect, not a 500", async () => {
    const url = `/conferences/${w.conference.slug}/manage/tickets`;
    const signedIn = await post(url, w.cookies.organizer);
    expect(signedIn.status).toBeLessThan(500);
    // The organizer is signed out elsewhere (or the session expired) while the form is open.
    await db().session.updateMany({ data: { revokedAt: new Date() }, where: { user: { email: "organizer@concord.test" } } });
    const expired = await post(url, w.cookies.organizer);
    expect(expired.status).toBe(303);
    expect(new URL(expired.headers.get("location")!, app.base).searchParams.get("redirectTo")).toBe(url);
  });
});
