// The anonymous micro-cache in front of public programme pages (server/http.js).
import http from "node:http";
import zlib from "node:zlib";
import express from "express";
import compression from "compression";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CACHED_PAGES, microCache } from "../server/http.js";

let server: http.Server;
let base = "";
let renders = 0;
const cache = microCache({ ttlMs: 300, paths: CACHED_PAGES });

beforeAll(async () => {
  const app = express();
  app.use(compression());
  app.use(cache);
  app.get("/conferences/:slug/programme", (req, res) => {
    renders++;
    if (req.query.flash) res.setHeader("Set-Cookie", "concord_toast=; Max-Age=0");
    res.type("html").send(`<p>render ${renders} ${"x".repeat(2000)}</p>`);
  });
  app.get("/conferences/:slug/edit", (_req, res) => {
    renders++;
    res.type("html").send(`<p>render ${renders}</p>`);
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    http
      .get(`${base}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          const body = res.headers["content-encoding"] === "gzip" ? zlib.gunzipSync(raw).toString() : raw.toString();
          resolve({ status: res.statusCode!, headers: res.headers, body });
        });
      })
      .on("error", reject);
  });
}

describe("programme page micro-cache", () => {
  it("renders once for a crowd of anonymous visitors, then again after the TTL", async () => {
    cache.clear();
    const before = renders;
    const first = await get("/conferences/icete/programme");
    const again = await Promise.all(Array.from({ length: 5 }, () => get("/conferences/icete/programme")));
    expect(renders - before).toBe(1);
    expect(first.headers["x-concord-cache"]).toBe("miss");
    for (const r of again) {
      expect(r.headers["x-concord-cache"]).toBe("hit");
      expect(r.body).toBe(first.body);
    }
    await new Promise((r) => setTimeout(r, 350));
    const later = await get("/conferences/icete/programme");
    expect(later.headers["x-concord-cache"]).toBe("miss");
    expect(renders - before).toBe(2);
  });

  it("serves the same page gzipped to browsers that accept it", async () => {
    cache.clear();
    const plain = await get("/conferences/gz/programme");
    const zipped = await get("/conferences/gz/programme", { "Accept-Encoding": "gzip" });
    expect(zipped.headers["x-concord-cache"]).toBe("hit");
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.body).toBe(plain.body);
  });

  it("never serves signed-in visitors or other languages from another visitor's copy", async () => {
    cache.clear();
    const before = renders;
    await get("/conferences/icete/programme");
    const signedIn = await get("/conferences/icete/programme", { Cookie: "concord_session=abc" });
    const chinese = await get("/conferences/icete/programme", { Cookie: "concord_locale=zh" });
    const zhBrowser = await get("/conferences/icete/programme", { "Accept-Language": "zh-CN" });
    expect(signedIn.headers["x-concord-cache"]).toBeUndefined();
    expect(chinese.headers["x-concord-cache"]).toBe("miss");
    expect(zhBrowser.headers["x-concord-cache"]).toBe("miss");
    expect(renders - before).toBe(4);
  });

  it("caches neither responses that set cookies nor pages outside the list", async () => {
    cache.clear();
    const before = renders;
    await get("/conferences/icete/programme?flash=1");
    await get("/conferences/icete/programme?flash=1");
    await get("/conferences/icete/edit");
    await get("/conferences/icete/edit");
    expect(renders - before).toBe(4);
  });
});
