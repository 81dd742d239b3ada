// A rendered page must not outlive its response. entry.server arms a timer that aborts a render stuck on
// slow data; left armed after the render is done, that timer kept every page of the last six seconds in
// memory (its data and markup: at 150 pages a second about 400 MB, and the collector's work with it).
// An operator sees this as memory that climbs with traffic; here it is the count of armed timers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveApp, type Served } from "../hostile/app";

let app: Served;
beforeAll(async () => {
  app = await serveApp();
}, 300_000);
afterAll(() => app?.close());

const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;

describe("rendered pages", () => {
  it("leave no timer armed once their response has been sent", async () => {
    // A first page warms up the pools and caches (whose own timers are not the render's).
    expect((await fetch(`${app.base}/login`)).status).toBe(200);
    const before = timers();
    const pages = 20;
    for (let i = 0; i < pages; i++) {
      const res = await fetch(`${app.base}/login`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("</html>");
    }
    // Pool idle timers may come and go by one or two; a timer per page would add twenty.
    expect(timers() - before).toBeLessThan(5);
  });
});
