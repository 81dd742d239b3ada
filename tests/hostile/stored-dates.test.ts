// Dates already in the database that no form would accept today (written before decision 040, or by
// hand) must not take shared pages down: a conference in the year 20255 made `/`, `/conferences` and
// its organization's page answer 500 for every visitor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { makeConference, makeOrg, makeUser } from "../support/world";
import { serveApp, type Served } from "./app";

let app: Served;
beforeAll(async () => {
  app = await serveApp();
});
afterAll(() => app.close());

describe("pages that format stored dates", () => {
  it("answer 200 when a published conference is stored in the year 20255", async () => {
    const org = await makeOrg();
    const conference = await makeConference(org.id, { status: "PUBLISHED" });
    await db()
      .$executeRaw`UPDATE "Conference" SET "startDate" = '20255-09-27', "endDate" = '20255-09-28' WHERE id = ${conference.id}::uuid`;
    const visitor = await makeUser();
    for (const cookie of [null, visitor.cookie]) {
      for (const page of ["/", "/conferences", `/orgs/${org.slug}`, `/conferences/${conference.slug}`]) {
        const res = await fetch(`${app.base}${page}`, { headers: cookie ? { cookie } : {} });
        expect(res.status, `${page} ${cookie ? "signed in" : "signed out"}`).toBe(200);
        const html = await res.text();
        expect(html).toContain(conference.title);
      }
    }
  });
});
