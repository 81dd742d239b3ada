// The anonymous page cache around the Remix handler (server/page-cache.js, decision 023).
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { pageCache } from "../server/page-cache.js";

let renders = 0;
/** Stands in for Remix: renders a page, and sets a cookie when asked to (like a toast being read). */
async function render(request: Request) {
  renders++;
  const url = new URL(request.url);
  const headers = new Headers({ "Content-Type": "text/html" });
  if (url.searchParams.has("flash")) headers.set("Set-Cookie", "concord_toast=; Max-Age=0");
  return new Response(`<p>render ${renders} ${"x".repeat(2000)}</p>`, { headers });
}
const cached = pageCache({ ttlMs: 300 })(render);
const get = (path: string, headers: Record<string, string> = {}) => cached(new Request(`http://localhost${path}`, { headers }));
const text = async (r: Response) =>
  r.headers.get("content-encoding") === "gzip" ? zlib.gunzipSync(Buffer.from(await r.arrayBuffer())).toString() : r.text();

describe("programme page cache", () => {
  it("renders once for a crowd of anonymous visitors, then again after the TTL", async () => {
    cached.clear();
    const before = renders;
    const first = await get("/conferences/icete/programme");
    const again = await Promise.all(Array.from({ length: 5 }, () => get("/conferences/icete/programme")));
    expect(renders - before).toBe(1);
    expect(first.headers.get("x-concord-cache")).toBe("miss");
    const body = await text(first);
    for (const r of again) {
      expect(r.headers.get("x-concord-cache")).toBe("hit");
      expect(await text(r)).toBe(body);
    }
    await new Promise((r) => setTimeout(r, 350));
    const later = await get("/conferences/icete/programme");
    expect(later.headers.get("x-concord-cache")).toBe("miss");
    expect(renders - before).toBe(2);
  });

  it("serves the same page gzipped to browsers that accept it", async () => {
    cached.clear();
    const plain = await get("/conferences/gz/programme");
    const zipped = await get("/conferences/gz/programme", { "Accept-Encoding": "gzip" });
    expect(zipped.headers.get("x-concord-cache")).toBe("hit");
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(await text(zipped)).toBe(await text(plain));
  });

  it("never serves signed-in visitors or other languages from another visitor's copy", async () => {
    cached.clear();
    const before = renders;
    await get("/conferences/icete/programme");
    const signedIn = await get("/conferences/icete/programme", { Cookie: "concord_session=abc" });
    const chinese = await get("/conferences/icete/programme", { Cookie: "concord_locale=zh" });
    const zhBrowser = await get("/conferences/icete/programme", { "Accept-Language": "zh-CN" });
    expect(signedIn.headers.get("x-concord-cache")).toBeNull();
    expect(chinese.headers.get("x-concord-cache")).toBe("miss");
    expect(zhBrowser.headers.get("x-concord-cache")).toBe("miss");
    expect(renders - before).toBe(4);
  });

  it("caches neither responses that set cookies nor pages outside the list", async () => {
    cached.clear();
    const before = renders;
    await get("/conferences/icete/programme?flash=1");
    await get("/conferences/icete/programme?flash=1");
    await get("/conferences/icete/edit");
    await get("/conferences/icete/edit");
    expect(renders - before).toBe(4);
  });
});
