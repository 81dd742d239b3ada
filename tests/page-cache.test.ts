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

/** A page whose render waits until the test lets it finish, as a 300-session render under load does. */
function slowPages() {
  let renders = 0;
  const gates: Array<() => void> = [];
  const handler = async (request: Request, ...rest: unknown[]) => {
    const n = ++renders;
    await new Promise<void>((resolve) => gates.push(resolve));
    const nonce = (rest[0] as { cspNonce?: string } | undefined)?.cspNonce;
    if (new URL(request.url).searchParams.has("broken")) throw new Error("render failed");
    return new Response(`<p>render ${n}</p><script nonce="${nonce}">go()</script>`, { headers: { "Content-Type": "text/html" } });
  };
  return {
    renders: () => renders,
    /** Lets every render started so far finish. */
    finish: async () => {
      await new Promise((r) => setTimeout(r, 10));
      for (const go of gates.splice(0)) go();
    },
    handler,
  };
}

describe("a crowd arriving while the programme is being rendered", () => {
  it("gets that one render, each copy with its own nonce, instead of rendering the page once per reader", async () => {
    const pages = slowPages();
    const crowd = pageCache({ ttlMs: 60_000 })(pages.handler);
    const asked = Array.from({ length: 20 }, (_, i) =>
      crowd(new Request("http://localhost/conferences/icete/programme"), { cspNonce: `n${i}` }),
    );
    await pages.finish();
    const answers = await Promise.all(asked);
    expect(pages.renders()).toBe(1);
    expect(answers.map((r) => r.headers.get("x-concord-cache")).sort()).toEqual(["miss", ...Array(19).fill("shared")]);
    const bodies = await Promise.all(answers.map((r) => r.text()));
    bodies.forEach((body, i) => expect(body).toBe(`<p>render 1</p><script nonce="n${i}">go()</script>`));
    expect(crowd.stats).toMatchObject({ misses: 1, shared: 19 });
  });

  it("still renders each page of its own once: readers of different pages do not wait for each other", async () => {
    const pages = slowPages();
    const crowd = pageCache({ ttlMs: 60_000 })(pages.handler);
    const asked = ["day", "track", "room"].map((view) => crowd(new Request(`http://localhost/conferences/icete/programme?view=${view}`)));
    await pages.finish();
    await Promise.all(asked);
    expect(pages.renders()).toBe(3);
  });

  it("once the copy has expired, one reader renders the new one while the others are given the old one at once", async () => {
    const pages = slowPages();
    const crowd = pageCache({ ttlMs: 50 })(pages.handler);
    const url = "http://localhost/conferences/icete/programme";
    const first = crowd(new Request(url));
    await pages.finish();
    expect(await (await first).text()).toContain("render 1");
    await new Promise((r) => setTimeout(r, 80));
    const renderer = crowd(new Request(url));
    // The new render is held back: the others do not wait for it.
    const others = await Promise.race([
      Promise.all(Array.from({ length: 5 }, () => crowd(new Request(url)))),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("the others waited for the new render")), 1000)),
    ]);
    for (const r of others) {
      expect(r.headers.get("x-concord-cache")).toBe("stale");
      expect(await r.text()).toContain("render 1");
    }
    await pages.finish();
    const renewed = await renderer;
    expect(renewed.headers.get("x-concord-cache")).toBe("miss");
    expect(await renewed.text()).toContain("render 2");
    const after = await crowd(new Request(url));
    expect(after.headers.get("x-concord-cache")).toBe("hit");
    expect(await after.text()).toContain("render 2");
    expect(pages.renders()).toBe(2);
  });

  it("shares neither a failed render nor one that is not a plain page: those who waited get their own", async () => {
    const pages = slowPages();
    const crowd = pageCache({ ttlMs: 60_000 })(pages.handler);
    const url = "http://localhost/conferences/icete/programme?broken=1";
    const asked = Array.from({ length: 3 }, () =>
      crowd(new Request(url)).then(
        () => "answered",
        (e: Error) => e.message,
      ),
    );
    await pages.finish(); // the first render fails; the two who waited for it start their own
    await pages.finish();
    expect(await Promise.all(asked)).toEqual(["render failed", "render failed", "render failed"]);
    expect(pages.renders()).toBe(3);
  });

  it("drops its copy when the page stops being one it may share (here: it now sets a cookie)", async () => {
    const pages = slowPages();
    let flash = false;
    const crowd = pageCache({ ttlMs: 50 })(async (request, ...rest) => {
      const page = await pages.handler(request, ...rest);
      if (flash) page.headers.set("Set-Cookie", "concord_toast=; Max-Age=0");
      return page;
    });
    const url = "http://localhost/conferences/icete/programme";
    const first = crowd(new Request(url));
    await pages.finish();
    await first;
    await new Promise((r) => setTimeout(r, 80));
    flash = true;
    const changed = crowd(new Request(url));
    await pages.finish();
    expect((await changed).headers.get("set-cookie")).not.toBeNull();
    flash = false;
    // The old copy is gone: while the next render runs, a reader waits for it rather than being given the old one.
    const renderer = crowd(new Request(url));
    const reader = crowd(new Request(url));
    await pages.finish();
    await renderer;
    const got = await reader;
    expect(got.headers.get("x-concord-cache")).toBe("shared");
    expect(await got.text()).toContain("render 3");
  });
});
