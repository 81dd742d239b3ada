import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support";

// Dates and prices are formatted during render, once by Node on the server and
// again by Chromium while hydrating. Both must produce the same text, or React
// throws the server's HTML away ("Text content does not match server-rendered
// HTML"; in production builds only "Minified React error #418/#425").
// Node's ICU and Chromium's really disagree for some inputs: e.g. RSD has two
// minor digits in Node's data and none in Chromium's, so an RSD price written
// as "RSD 1,200.00" on the server came out as "RSD 120,000" in the browser.
const SLUG = "icete-2025";
const HYDRATION = /hydrat|did not match|does not match|Minified React error #(418|419|421|422|423|425)\b/i;

// The browser's own zone is not the server's nor the venues': formatting must not depend on it.
test.use({ locale: "en-GB", timezoneId: "America/Los_Angeles" });

/** Collects the hydration errors the page reports, on the console or as uncaught errors (once per page and message). */
function hydrationErrors(page: Page) {
  const seen = new Set<string>();
  const note = (text: string) => {
    if (HYDRATION.test(text)) seen.add(`${new URL(page.url()).pathname}: ${text.split("\n")[0].slice(0, 120)}`);
  };
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") note(m.text());
  });
  page.on("pageerror", (e) => note(`${e.name}: ${e.message}`));
  return seen;
}

/** Loads a page from the server and waits until React has hydrated it (React's fiber is attached to the body). */
async function visit(page: Page, path: string) {
  await page.goto(path);
  await page.waitForFunction(() => Object.keys(document.body).some((k) => k.startsWith("__reactFiber$")));
  // Recoverable hydration errors are reported when React commits: give it a couple of frames.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100)))));
}

test("pages with dates and prices hydrate without a text mismatch, in English and Chinese", async ({ page }) => {
  test.setTimeout(120_000); // some twenty page loads
  const errors = hydrationErrors(page);
  await signIn(page, "organizer@concord.test");

  // A conference in Serbian dinars, in a zone with summer time, with a priced ticket on sale.
  await visit(page, "/conferences/new?org=cast");
  await page.getByLabel("Title", { exact: true }).fill("Danube Workshop on Engineering Accreditation");
  await page.getByLabel("First day", { exact: true }).fill("2026-10-24");
  await page.getByLabel("Last day", { exact: true }).fill("2026-10-26");
  await page.getByLabel("Venue", { exact: true }).fill("Faculty of Technical Sciences");
  await page.getByLabel("City", { exact: true }).fill("Novi Sad");
  await page.getByLabel("Country or region", { exact: true }).selectOption("RS");
  await page.getByLabel("Time zone of the venue", { exact: true }).selectOption("Europe/Belgrade");
  await page.getByLabel("Currency of fees", { exact: true }).selectOption("RSD");
  await page.getByRole("button", { name: "Create conference" }).click();
  await expect(page.getByText("The conference was created as a draft.")).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[2];
  await visit(page, `/conferences/${slug}/edit`);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  // Publishing asks first, saying who will see it (decision 065).
  await expect(page.getByTestId("confirm-panel")).toContainText("becomes public at once");
  await page.getByRole("button", { name: "Yes, publish it" }).click();
  await expect(page.getByText("The conference is published.")).toBeVisible();
  await visit(page, `/conferences/${slug}/manage/tickets`);
  const ticketForm = page.locator("#form-ticket");
  await ticketForm.getByLabel("Name", { exact: true }).fill("Full participation");
  await ticketForm.getByLabel(/^Price/).fill("1200");
  await ticketForm.getByLabel(/^Sales close/).fill("2026-10-25T02:30"); // the night clocks go back: 02:30 happens twice
  await ticketForm.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  const pages = [
    `/conferences/${slug}`,
    `/conferences/${slug}/tickets`,
    `/conferences/${slug}/manage/tickets`,
    "/conferences",
    `/conferences/${SLUG}`,
    `/conferences/${SLUG}/tickets`,
    `/conferences/${SLUG}/manage/registrations`,
    "/orgs/cast",
  ];
  for (const locale of ["en", "zh"]) {
    await page.request.post("/set-locale", { form: { locale } });
    for (const path of pages) await visit(page, path);
    // After hydration the browser still shows the server's amount (not a hundred times more).
    await visit(page, `/conferences/${slug}/tickets`);
    await expect.soft(page.getByText(/RSD\s1,200\.00/).first()).toBeVisible();
  }
  await page.screenshot({ path: "tests/artifacts/formatting-rsd-tickets.png", fullPage: true });
  expect([...errors]).toEqual([]);
});
