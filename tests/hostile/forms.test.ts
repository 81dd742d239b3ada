// Hostile values in every form Concord shows (issue 10, "Done means"): the suite walks app/routes.ts,
// opens every page as its organizer, an attendee and a signed-out visitor, finds each POST form in the
// HTML, and sends it back with every field replaced by one hostile value at a time (NUL and control
// characters, 30,000-character text, impossible dates, year 0 and 20255, ids that are not UUIDs,
// amounts beyond any column). Every answer must be below 500, show no stack trace or SQL, not echo the
// huge value, and stay small.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveApp, type Served } from "./app";
import { formsOf, hostileBodies, HUGE_VALUE } from "./forms";
import { leaks, makeHostileWorld, targets, type HostileWorld } from "./world";

let app: Served;
let w: HostileWorld;
beforeAll(async () => {
  w = await makeHostileWorld();
  app = await serveApp();
}, 300_000);
afterAll(() => app?.close());

/**
 * An answer may show the form again with what was typed (React escapes it), so its size is bounded by
 * the page plus a few times the body sent — never by anything the body makes the server build.
 */
const MAX_ANSWER_BYTES = 512 * 1024;

async function walk(who: "organizer" | "attendee" | "anonymous") {
  const failures: string[] = [];
  let forms = 0;
  let requests = 0;
  for (const t of targets(w)) {
    const cookie = who === "anonymous" ? undefined : await w.freshCookie(who);
    const headers: Record<string, string> = cookie ? { cookie } : {};
    const page = await fetch(`${app.base}${t.url}`, { headers, redirect: "manual" });
    if (!(page.headers.get("content-type") ?? "").includes("text/html")) {
      await page.body?.cancel();
      continue;
    }
    for (const form of formsOf(await page.text(), t.url)) {
      forms++;
      for (const { kind, body } of hostileBodies(form)) {
        requests++;
        const res = await fetch(`${app.base}${form.action}`, {
          method: "POST",
          redirect: "manual",
          headers: { ...headers, "content-type": "application/x-www-form-urlencoded", origin: app.base },
          body,
        });
        const text = await res.text();
        const plain = (res.headers.get("content-type") ?? "").startsWith("text/plain");
        const problem =
          res.status >= 500
            ? `status ${res.status}`
            : leaks(text)
              ? `leaks ${leaks(text)}`
              : plain && text.includes(HUGE_VALUE.slice(0, 100))
                ? "a refusal echoes the input"
                : text.length > MAX_ANSWER_BYTES + 3 * body.toString().length
                  ? `answer of ${text.length} bytes`
                  : null;
        if (problem) failures.push(`${who} ${form.action} [${kind}] (${t.route.id}): ${problem}`);
      }
    }
  }
  return { failures, forms, requests };
}

describe("hostile values in every form", () => {
  for (const who of ["organizer", "attendee", "anonymous"] as const) {
    it(`as ${who}: no 5xx, no stack trace, refusals do not echo, answers bounded by what was sent`, async () => {
      const { failures, forms, requests } = await walk(who);
      console.info(`${who}: ${forms} forms, ${requests} hostile submissions`);
      expect(forms).toBeGreaterThan(who === "organizer" ? 40 : 3);
      expect(failures).toEqual([]);
    }, 900_000);
  }
});
