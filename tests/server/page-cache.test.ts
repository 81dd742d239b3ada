import { describe, expect, it } from "vitest";
import { pageCache } from "../../server/page-cache.js";

describe("the page cache", () => {
  it("gives a cached document the nonce of the response that replays it (else its scripts are blocked by CSP)", async () => {
    let renders = 0;
    const handler = async (_request: Request, ...rest: unknown[]) => {
      renders++;
      const nonce = (rest[0] as { cspNonce?: string } | undefined)?.cspNonce;
      const html = `<html><script nonce="${nonce}">hydrate()</script><script type="module" nonce="${nonce}" src="/a.js"></script></html>`;
      return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
    };
    const cached = pageCache({ ttlMs: 60_000 })(handler);
    const get = (nonce: string) => cached(new Request("http://x/conferences/c/programme"), { cspNonce: nonce }).then((r) => r.text());
    expect(await get("first")).toBe(
      '<html><script nonce="first">hydrate()</script><script type="module" nonce="first" src="/a.js"></script></html>',
    );
    expect(await get("second")).toBe(
      '<html><script nonce="second">hydrate()</script><script type="module" nonce="second" src="/a.js"></script></html>',
    );
    expect(renders).toBe(1);
  });
});
