// What an operator and an attacker see of the running production build: hostile form names are
// refused before any route parses them while the process stays healthy, every main page runs under
// the Content-Security-Policy without a violation, and /metrics is there for its token holder only.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signIn } from "./support";

const SLUG = "icete-2025";
const METRICS_TOKEN = "e2e-metrics-token-0123456789";

async function residentBytes(request: APIRequestContext) {
  const text = await (await request.get("/metrics", { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  return Number(/^process_resident_memory_bytes (\d+)/m.exec(text)?.[1]);
}

/**
 * Sends one hostile form while /healthz is asked every 20 ms, and reports the answer, the slowest
 * /healthz and how much the server's memory grew.
 */
async function hostilePost(request: APIRequestContext, path: string, body: string) {
  const before = await residentBytes(request);
  let slowest = 0;
  let done = false;
  const probe = (async () => {
    while (!done) {
      const started = Date.now();
      expect((await request.get("/healthz")).status()).toBe(200);
      slowest = Math.max(slowest, Date.now() - started);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const res = await request.post(path, { headers: { "Content-Type": "application/x-www-form-urlencoded" }, data: body, maxRedirects: 0 });
  const text = await res.text();
  done = true;
  await probe;
  return { status: res.status(), text, slowestHealthzMs: slowest, grewBytes: (await residentBytes(request)) - before };
}

test.describe("hostile form names are refused before parsing (issue 10 §1)", () => {
  test("x[10000000] on /login: a small 400, no echo, memory and /healthz unaffected", async ({ request }) => {
    const r = await hostilePost(request, "/login", "email=a%40b.c&password=x&x[10000000]=1");
    expect(r.status).toBe(400);
    expect(r.text.length).toBeLessThan(200);
    expect(r.text).not.toContain("10000000");
    expect(r.slowestHealthzMs).toBeLessThan(1000);
    expect(r.grewBytes).toBeLessThan(64 * 1024 * 1024);
  });

  test("authors[1000000] on the proposal form: a small 400, the process keeps answering", async ({ request }) => {
    const r = await hostilePost(request, `/conferences/${SLUG}/proposals`, "title=T&authors[1000000].email=a%40b.c");
    expect(r.status).toBe(400);
    expect(r.text.length).toBeLessThan(200);
    expect(r.slowestHealthzMs).toBeLessThan(1000);
    expect(r.grewBytes).toBeLessThan(64 * 1024 * 1024);
  });

  test("5,000 levels of nesting: a 400, not a stack overflow", async ({ request }) => {
    const r = await hostilePost(request, "/signup", `name=x&a${"[0]".repeat(5000)}=1`);
    expect(r.status).toBe(400);
    expect(r.text.length).toBeLessThan(200);
    expect(r.slowestHealthzMs).toBeLessThan(1000);
    expect((await request.get("/healthz")).status()).toBe(200);
  });
});

/** Records CSP violations the page reports, as events and as console errors. */
async function watchCsp(page: Page) {
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return async () => [...violations, ...((await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])) as string[])];
}

test("the main pages run under the Content-Security-Policy without a violation, and hydrate", async ({ page }) => {
  const violations = await watchCsp(page);
  const anonymous = [
    "/",
    "/conferences",
    `/conferences/${SLUG}`,
    `/conferences/${SLUG}/programme`,
    `/conferences/${SLUG}/tickets`,
    "/orgs",
    "/accords",
    "/verify",
    "/login",
    "/signup",
  ];
  for (const path of anonymous) {
    const res = await page.goto(path);
    expect(res?.headers()["content-security-policy"]).toContain("script-src 'self' 'nonce-");
    await page.waitForLoadState("networkidle");
    expect(await violations(), path).toEqual([]);
  }
  // Hydrated: a client-side navigation happens without a new document.
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  await page.getByRole("link", { name: "Conferences" }).first().click();
  await expect(page).toHaveURL(/\/conferences$/);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  await signIn(page, "organizer@concord.test");
  for (const path of [
    "/account",
    `/conferences/${SLUG}/register`,
    `/conferences/${SLUG}/manage/registrations`,
    `/conferences/${SLUG}/manage/timetable`,
    "/my/registrations",
  ]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    expect(await violations(), path).toEqual([]);
  }
});

test("/metrics answers only with the bearer token, with request counts by route", async ({ request }) => {
  expect((await request.get("/metrics")).status()).toBe(401);
  expect((await request.get("/metrics", { headers: { Authorization: "Bearer wrong-token-0123456789abc" } })).status()).toBe(401);
  await request.get(`/conferences/${SLUG}/programme`);
  const res = await request.get("/metrics", { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status()).toBe(200);
  const text = await res.text();
  expect(text).toMatch(/concord_http_requests_total\{method="GET",route="routes\/programme\/programme",status="200"\} \d+/);
  expect(text).toMatch(/concord_http_request_duration_seconds_bucket\{le="0.1",method="GET",route="routes\/programme\/programme"\}/);
  for (const name of [
    "concord_db_pool_connections",
    "concord_outbox_pending",
    "concord_outbox_oldest_pending_seconds",
    "process_resident_memory_bytes",
  ]) {
    expect(text).toContain(`${name} `);
  }
});

test("public files: favicon, touch icon, robots.txt and the manifest, with long cache headers", async ({ request }) => {
  for (const [path, type] of [
    ["/favicon.ico", "image/"],
    ["/apple-touch-icon.png", "image/png"],
    ["/robots.txt", "text/plain"],
    ["/site.webmanifest", "application/manifest+json"],
  ]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-type"], path).toContain(type);
    expect(res.headers()["cache-control"], path).toContain("max-age=604800");
  }
});
