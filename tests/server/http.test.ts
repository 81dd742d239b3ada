// The HTTP layer (server/http.js) in-process, in front of a small Remix build whose resource routes
// report what the app would see: the client address, the URL, the parsed form. The real app behind the
// same layer is exercised over HTTP in tests/e2e/operations.spec.ts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ServerBuild } from "@remix-run/node";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createApp } from "../../server/http.js";
import * as runtime from "~/entry.server";
import { clientIp } from "~/utils/http.server";
import { resetEnvCache } from "~/utils/env.server";

/** Requests to /hold wait until the test lets them go. */
let letGo: () => void = () => {};
let held = new Promise<void>((r) => (letGo = r));

const authorsForm = z.object({ title: z.string(), authors: z.array(z.object({ email: z.string() })).default([]) });

function probeBuild(): ServerBuild {
  const routes = {
    root: { id: "root", path: "", module: {} },
    "routes/probe": {
      id: "routes/probe",
      parentId: "root",
      path: "probe",
      module: {
        loader: ({ request }: { request: Request }) => Response.json({ ip: clientIp(request), url: request.url }),
        action: async ({ request }: { request: Request }) => {
          const submission = parseWithZod(await request.formData(), { schema: authorsForm });
          return Response.json({
            status: submission.status,
            authors: submission.status === "success" ? submission.value.authors.length : null,
          });
        },
      },
    },
    "routes/hold": {
      id: "routes/hold",
      parentId: "root",
      path: "hold",
      module: { loader: async () => (await held, Response.json({ held: true })) },
    },
  };
  return {
    mode: "production",
    entry: { module: { default: () => new Response("no documents here", { status: 500 }) } },
    routes,
    assets: { entry: { module: "", imports: [] }, routes: {}, url: "", version: "test" },
    publicPath: "/",
    assetsBuildDirectory: "",
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_singleFetch: true,
      v3_lazyRouteDiscovery: false,
      v3_routeConfig: true,
    },
    isSpaMode: false,
  } as unknown as ServerBuild;
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  delete process.env.TRUST_PROXY;
  resetEnvCache();
});

async function serve(settings: Record<string, string> = {}, lifecycle = { draining: false }) {
  Object.assign(process.env, settings);
  resetEnvCache();
  const app = createApp({ build: probeBuild(), buildDir: "/nonexistent", runtime, lifecycle });
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((r) => server.once("listening", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const form = (fields: string) => ({ method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: fields });

describe("form bounds before any route parses the form", () => {
  it("passes an ordinary form with a list through, unchanged", async () => {
    const base = await serve();
    const res = await fetch(`${base}/probe`, form("title=T&authors[0].email=a%40x.org&authors[1].email=b%40x.org"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "success", authors: 2 });
  });

  it("refuses x[10000000] with a small 400 that does not echo the input", async () => {
    const base = await serve();
    const res = await fetch(`${base}/probe`, form("title=T&x[10000000]=1"));
    const body = await res.text();
    expect(res.status).toBe(400);
    expect(body).toBe("Bad request: a field name uses a list index above 999\n");
  });

  it("refuses 5,000 levels of nesting, too many fields, and lists that add up past the bound", async () => {
    const base = await serve();
    const deep = `${"a".repeat(1)}${"[0]".repeat(5000)}=1`;
    expect((await fetch(`${base}/probe`, form(deep))).status).toBe(400);
    const dotted = `${Array.from({ length: 9 }, (_, i) => `l${i}`).join(".")}=1`;
    expect(await (await fetch(`${base}/probe`, form(dotted))).text()).toContain("nested deeper than 8 levels");
    const many = Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join("&");
    expect((await fetch(`${base}/probe`, form(many))).status).toBe(413);
    const slots = Array.from({ length: 3 }, (_, i) => `l${i}[999]=1`).join("&");
    expect(await (await fetch(`${base}/probe`, form(slots))).text()).toContain("lists longer than 2000 items");
  });

  it("bounds multipart forms the same way, and refuses broken multipart with 400", async () => {
    const base = await serve();
    const ok = new FormData();
    ok.set("title", "T");
    ok.set("authors[0].email", "a@x.org");
    ok.set("photo", new Blob(["png"]), "p.png");
    expect(await (await fetch(`${base}/probe`, { method: "POST", body: ok })).json()).toEqual({ status: "success", authors: 1 });
    const hostile = new FormData();
    hostile.set("authors[1000000].email", "a@x.org");
    expect((await fetch(`${base}/probe`, { method: "POST", body: hostile })).status).toBe(400);
    const broken = await fetch(`${base}/probe`, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=xyz" },
      body: '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated',
    });
    expect(broken.status).toBe(400);
  });

  it("bounds the query string and the body size", async () => {
    const base = await serve({ MAX_BODY_BYTES: "4096" });
    expect((await fetch(`${base}/probe?q[10000000]=1`)).status).toBe(400);
    expect((await fetch(`${base}/probe`, form(`title=${"x".repeat(5000)}`))).status).toBe(413);
    delete process.env.MAX_BODY_BYTES;
  });
});

describe("same origin", () => {
  const post = (base: string, headers: Record<string, string>) =>
    fetch(`${base}/probe`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: "title=T",
    });

  it("accepts the app's own origin and requests without Origin; refuses other sites and Origin: null", async () => {
    const base = await serve();
    expect((await post(base, { origin: base })).status).toBe(200);
    expect((await post(base, {})).status).toBe(200);
    const other = await post(base, { origin: "https://evil.example" });
    expect(other.status).toBe(403);
    expect(await other.text()).toBe("Cross-origin form submission refused\n");
    expect((await post(base, { origin: "null" })).status).toBe(403);
  });

  it("believes X-Forwarded-Host only behind a trusted proxy", async () => {
    let base = await serve();
    expect((await post(base, { origin: "https://evil.example", "x-forwarded-host": "evil.example" })).status).toBe(403);
    base = await serve({ TRUST_PROXY: "1" });
    expect((await post(base, { origin: "https://concord.example.org", "x-forwarded-host": "concord.example.org" })).status).toBe(200);
  });
});

describe("client address", () => {
  it("ignores X-Forwarded-For without TRUST_PROXY", async () => {
    const base = await serve();
    const seen = await (await fetch(`${base}/probe`, { headers: { "x-forwarded-for": "198.51.100.1" } })).json();
    expect(seen.ip).toBe("127.0.0.1");
    expect(new URL(seen.url).host).toBe(new URL(base).host);
  });

  it("with TRUST_PROXY=1 takes the address the proxy appended, not the client-written left-most one", async () => {
    const base = await serve({ TRUST_PROXY: "1" });
    const seen = await (await fetch(`${base}/probe`, { headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.9" } })).json();
    expect(seen.ip).toBe("203.0.113.9");
  });

  it("with TRUST_PROXY=2 takes the address two trusted hops wrote", async () => {
    const base = await serve({ TRUST_PROXY: "2" });
    const seen = await (await fetch(`${base}/probe`, { headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2" } })).json();
    expect(seen.ip).toBe("203.0.113.9");
  });
});

describe("headers and draining", () => {
  it("sets a nonce CSP, frame-ancestors and the referrer policy on every response, and a request id", async () => {
    const base = await serve();
    const res = await fetch(`${base}/probe`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("strict-transport-security")).toBeNull();
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await fetch(`${base}/probe?x[99999]=1`);
    expect(refused.headers.get("content-security-policy")).toBeTruthy();
  });

  it("adds HSTS when the app is served over https", async () => {
    const base = await serve({ APP_URL: "https://concord.example.org" });
    expect((await fetch(`${base}/probe`)).headers.get("strict-transport-security")).toContain("max-age=31536000");
    delete process.env.APP_URL;
  });

  it("answers /readyz with 503 and closes connections while draining", async () => {
    const lifecycle = { draining: false };
    const base = await serve({}, lifecycle);
    lifecycle.draining = true;
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ready: false, draining: true });
    expect(res.headers.get("connection")).toBe("close");
  });
});

describe("fair service under load", () => {
  /** The Connection header of a GET's answer, over a kept-alive agent as browsers and proxies use. */
  const connectionOf = (url: string, agent: http.Agent) =>
    new Promise<string | undefined>((resolve, reject) => {
      http
        .get(url, { agent }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.headers.connection));
        })
        .on("error", reject);
    });

  it("keeps connections alive under light load, and closes them while more than two requests are in flight", async () => {
    const base = await serve();
    const agent = new http.Agent({ keepAlive: true });
    try {
      expect(await connectionOf(`${base}/probe`, agent)).toBe("keep-alive");
      held = new Promise<void>((r) => (letGo = r));
      const busy = [1, 2, 3].map(() => connectionOf(`${base}/hold`, agent));
      // The third request in flight and any after it close their connections.
      await new Promise((r) => setTimeout(r, 300));
      letGo();
      const answers = await Promise.all(busy);
      expect(answers.sort()).toEqual(["close", "keep-alive", "keep-alive"]);
      expect(await connectionOf(`${base}/probe`, agent)).toBe("keep-alive");
    } finally {
      letGo();
      agent.destroy();
    }
  });

  it("control: two requests in flight keep their connections alive", async () => {
    const base = await serve();
    const agent = new http.Agent({ keepAlive: true });
    try {
      held = new Promise<void>((r) => (letGo = r));
      const busy = [1, 2].map(() => connectionOf(`${base}/hold`, agent));
      await new Promise((r) => setTimeout(r, 300));
      letGo();
      expect(await Promise.all(busy)).toEqual(["keep-alive", "keep-alive"]);
    } finally {
      letGo();
      agent.destroy();
    }
  });
});
