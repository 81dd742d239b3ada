import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support";

const SLUG = "icete-2025";
// The seeded opening: 09:00 on 27 September in Beijing, which is 22:00 on 26 September in São Paulo.
const OPENING = "Opening ceremony and address by the Minister of Education";

/** Uncaught errors and console errors (React reports failed hydration there). */
function errorsOf(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return errors;
}

const opening = (page: Page) => page.locator("#programme-list li").filter({ hasText: OPENING }).locator("time");

test.describe("in São Paulo", () => {
  test.use({ timezoneId: "America/Sao_Paulo" });

  test("the programme shows the viewer's own time zone by itself, with the date, and switches back to the venue's", async ({ page }) => {
    const errors = errorsOf(page);
    await page.goto(`/conferences/${SLUG}/programme`);
    await expect(page).toHaveURL(/tz=America%2FSao_Paulo/);
    await expect(page.getByTestId("time-zone")).toContainText("Times in America/Sao_Paulo (GMT-3), not the venue's time zone.");
    await expect(opening(page)).toHaveText(/^22:00–\d\d:\d\d, 26 Sept$/);
    await page.screenshot({ path: "tests/artifacts/programme-zone-sao-paulo.png" });

    await page.getByTestId("zone-venue").click();
    await expect(page.getByTestId("time-zone")).toContainText("Asia/Shanghai");
    await expect(opening(page)).toHaveText(/^09:00–\d\d:\d\d$/);
    // The choice is kept: the next visit stays on the venue's time (and offers the reader's own).
    await page.goto(`/conferences/${SLUG}/programme`);
    await expect(page.getByTestId("zone-mine")).toBeVisible({ timeout: 20_000 }); // after hydration, on a busy machine
    await expect(page.getByTestId("time-zone")).toContainText("Asia/Shanghai");
    await expect(opening(page)).toHaveText(/^09:00/);
    await page.getByTestId("zone-mine").click();
    await expect(opening(page)).toHaveText(/^22:00–\d\d:\d\d, 26 Sept$/);
    expect(errors).toEqual([]);
  });

  test("without JavaScript the zone is chosen with the form, and the venue's is one link away", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, timezoneId: "America/Sao_Paulo" });
    const page = await context.newPage();
    await page.goto(`/conferences/${SLUG}/programme`);
    await expect(page.getByTestId("time-zone")).toContainText("Asia/Shanghai");
    await expect(opening(page)).toHaveText(/^09:00/);
    await page.getByLabel("Show times in").fill("America/Sao_Paulo");
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await expect(opening(page)).toHaveText(/^22:00–\d\d:\d\d, 26 Sept$/);
    await page.getByRole("link", { name: "Show the venue's time (Asia/Shanghai)" }).click();
    await expect(opening(page)).toHaveText(/^09:00/);
    await context.close();
  });
});

test("a signed-in attendee stars a session from the programme list; the page hydrates without errors", async ({ page }) => {
  const errors = errorsOf(page);
  await signIn(page, "attendee@concord.test");
  await page.goto(`/conferences/${SLUG}/programme?tz=Asia%2FShanghai`);
  const item = page.locator("#programme-list li").filter({ hasText: OPENING });
  const button = item.getByRole("button");
  if ((await button.getAttribute("aria-pressed")) === "true") {
    await button.click();
    await expect(item.getByRole("button")).toHaveAttribute("aria-pressed", "false");
  }
  await item.getByRole("button", { name: "☆ Add to my agenda" }).click();
  await expect(item.getByRole("button", { name: "★ In my agenda" })).toHaveAttribute("aria-pressed", "true");
  await page.goto("/my/agenda");
  await expect(page.getByText(OPENING)).toBeVisible();
  expect(errors).toEqual([]);
});
