import { expect, test } from "@playwright/test";
import { signIn } from "./support";

// The pages whose reads moved from their route modules into domain operations (decision 047), as a visitor
// and as the organizer sees them on the demo data: each answers 200 with its content, and a screenshot each.
const SLUG = "icete-2025";

const publicPages: [string, string, RegExp][] = [
  ["home", "/", /Concord/],
  ["conferences", "/conferences", /Conferences/],
  ["conference", `/conferences/${SLUG}`, /Excellent Engineer Training/],
  ["orgs", "/orgs", /Organizations/],
  ["org", "/orgs/cast", /China Association for Science and Technology/],
  ["programme", `/conferences/${SLUG}/programme`, /Programme/],
  ["changes", `/conferences/${SLUG}/programme/changes`, /changed/i],
  ["ceremony", `/conferences/${SLUG}/ceremony`, /ceremony/i],
];

test("public pages read through their operations", async ({ page }) => {
  await page.request.post("/set-locale", { form: { locale: "en" } });
  for (const [name, path, heading] of publicPages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).first()).toHaveText(heading);
    await page.screenshot({ path: `tests/artifacts/thin-${name}.png`, fullPage: true });
  }
  expect((await page.goto(`/conferences/${SLUG}-nope`))?.status()).toBe(404);
  expect((await page.goto("/orgs/no-such-org/logo"))?.status()).toBe(404);
});

const organizerPages: [string, string][] = [
  ["edit", `/conferences/${SLUG}/edit`],
  ["roles", `/conferences/${SLUG}/roles`],
  ["sessions", `/conferences/${SLUG}/manage/programme`],
  ["speakers", `/conferences/${SLUG}/manage/programme/speakers`],
  ["cfp", `/conferences/${SLUG}/manage/programme/cfp`],
  ["rooms", `/conferences/${SLUG}/manage/programme/rooms`],
  ["timetable", `/conferences/${SLUG}/manage/timetable`],
  ["members", "/orgs/cast/members"],
  ["agenda", "/my/agenda"],
  ["passkeys", "/account/passkeys"],
];

test("organizer pages read through their operations, with the access check inside", async ({ page }) => {
  await signIn(page, "organizer@concord.test");
  for (const [name, path] of organizerPages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    await page.screenshot({ path: `tests/artifacts/thin-org-${name}.png`, fullPage: true });
  }
  // Another organization's members page is not this organizer's to see.
  expect((await page.goto("/orgs/beihang/members"))?.status()).toBe(403);
});
