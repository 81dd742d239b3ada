// Accessibility signed in (issue 14 §4): axe on every page each role reaches — its start pages and the pages
// they link to — failing on serious and critical violations. Public pages are covered by smoke.spec.ts.
import { createRequire } from "node:module";
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support";

const SLUG = "icete-2025";
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Where each role starts; the crawl adds every same-site page those pages link to. */
const ROLES: Record<string, { email: string; start: string[] }> = {
  attendee: {
    email: "attendee@concord.test",
    start: [
      "/",
      `/conferences/${SLUG}`,
      `/conferences/${SLUG}/programme`,
      `/conferences/${SLUG}/tickets`,
      "/my/registrations",
      "/my/agenda",
      "/account",
    ],
  },
  speaker: { email: "organizer@concord.test", start: ["/speaker"] },
  reviewer: { email: "reviewer@concord.test", start: ["/account", `/conferences/${SLUG}/reviews`] },
  organizer: {
    email: "organizer@concord.test",
    start: [
      `/conferences/${SLUG}/manage/registrations`,
      `/conferences/${SLUG}/manage/programme`,
      `/conferences/${SLUG}/manage/tickets`,
      `/conferences/${SLUG}/edit`,
    ],
  },
  checkin: { email: "checkin@concord.test", start: ["/account", `/conferences/${SLUG}/checkin`, `/conferences/${SLUG}/checkin?q=chen`] },
};

/** Files, feeds, sign-out and other non-pages; the dev mailbox belongs to no role. */
const SKIP =
  /^\/api\/|\/logout|\/dev\/mail|\.(ics|xml|json|pdf|csv)$|\/(badge|badges|receipt|calendar|visa-letter|export|bundle|pdf|photo|logo)$|\/materials\/|\/feeds\/|\/set-locale/;
/** Per URL shape (ids replaced), this many pages are enough: the same template with other data adds little. */
const PER_SHAPE = 2;
const MAX_PAGES = 30;

const shape = (path: string) => path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ":id").replace(/\?.*$/, "");

async function violations(page: Page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (
      window as unknown as {
        axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe.run(document, { resultTypes: ["violations"] }),
  );
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.nodes.length}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
}

for (const [role, { email, start }] of Object.entries(ROLES)) {
  test(`axe finds nothing serious on the pages a signed-in ${role} reaches`, async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page, email);
    const queue = [...start];
    const seen = new Set<string>();
    const perShape = new Map<string, number>();
    const problems: string[] = [];
    let visited = 0;
    while (queue.length && visited < MAX_PAGES) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const n = perShape.get(shape(path)) ?? 0;
      if (n >= PER_SHAPE && !start.includes(path)) continue;
      perShape.set(shape(path), n + 1);
      const response = await page.goto(path);
      visited++;
      expect(response?.status(), `${role}: ${path}`).toBeLessThan(400);
      for (const v of await violations(page)) problems.push(`${path}: ${v}`);
      // The page's own links (the header's lead to the public pages smoke.spec.ts checks, and to the start pages).
      const links = await page.locator("main a[href^='/']").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
      for (const href of links) {
        const clean = href.replace(/#.*$/, "");
        if (clean && !SKIP.test(clean.replace(/\?.*$/, "")) && !seen.has(clean)) queue.push(clean);
      }
    }
    console.log(`${role}: ${visited} pages checked\n${problems.join("\n")}`);
    expect(problems, `${role}: ${visited} pages checked`).toEqual([]);
  });
}
