import { expect, test, type Browser, type Page } from "@playwright/test";

// Registration on the demo's next edition: a free ticket with the organizers'
// questions; a bank transfer marked paid by an organizer; a badge checked in by
// typing its code at the desk. Each flow leaves a screenshot in tests/artifacts/.
const PASSWORD = "concord-demo-2025";
// The open next edition: the 2025 conference is over and sells nothing (decision 062).
const SLUG = "icete-next";

async function signedIn(browser: Browser, email: string, opts: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: opts.javaScriptEnabled ?? true });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return page;
}

test("a free registration with custom questions, without JavaScript", async ({ browser }) => {
  const page = await signedIn(browser, "attendee@concord.test", { javaScriptEnabled: false });
  await page.goto(`/conferences/${SLUG}/tickets`);
  await expect(page.getByRole("heading", { name: "Online participation" })).toBeVisible();
  await page.getByRole("listitem").filter({ hasText: "Online participation" }).getByRole("link", { name: "Register" }).click();
  // Submitting without the required answer keeps the choices and says what is missing.
  await page.getByRole("button", { name: "Register" }).click();
  await expect(
    page
      .getByText("This field is required.")
      .or(page.getByText(/required/i))
      .first(),
  ).toBeVisible();
  await page.getByLabel("Dietary requirements").selectOption("vegetarian");
  await page.getByRole("group", { name: "Will you attend the signing ceremony?" }).getByLabel("Yes").check();
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page).toHaveURL(/\/my\/registrations\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Confirmed", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Badge (PDF)" })).toBeVisible();
  await page.screenshot({ path: "tests/artifacts/registration-free.png", fullPage: true });
});

test("a bank-transfer registration marked paid by an organizer", async ({ browser }) => {
  const attendee = await signedIn(browser, "reviewer@concord.test");
  await attendee.goto(`/conferences/${SLUG}/register`);
  await attendee.getByLabel(/^Regular/).check();
  await attendee.getByRole("radio", { name: "Bank transfer", exact: true }).check();
  await expect(attendee.getByText(/Card payment is unavailable here/)).toBeVisible();
  await attendee.getByLabel("Invoice to (organization)").fill("Polytechnic University of Valencia");
  await attendee.getByLabel("Dietary requirements").selectOption("none");
  await attendee.getByRole("button", { name: "Register" }).click();
  await expect(attendee.getByText("Awaiting payment")).toBeVisible();
  const reference = (await attendee.locator("dd.font-mono").first().textContent())!.trim();
  expect(reference).toMatch(/^ICETE-[A-Z0-9]{6}$/);

  // The demo organizer reads Chinese: labels are matched in both languages.
  const organizer = await signedIn(browser, "organizer@concord.test");
  await organizer.goto(`/conferences/${SLUG}/manage/registrations`);
  await organizer.getByLabel(/Search name, email or reference|搜索姓名、邮箱或附言/).fill(reference);
  await organizer.getByRole("button", { name: /^(Filter|筛选)$/ }).click();
  await organizer.getByRole("link", { name: "Elena Torres" }).click();
  await organizer.getByLabel(/(Amount received|收款金额) \(CNY\)/).fill("1200");
  await organizer.getByRole("button", { name: /Record a bank payment|登记银行收款/ }).click();
  await expect(organizer.getByText(/Payment recorded\.|已登记收款。/)).toBeVisible();
  await expect(organizer.getByText(/^(Confirmed|已确认)$/)).toBeVisible();
  await organizer.screenshot({ path: "tests/artifacts/registration-bank-paid.png", fullPage: true });

  await attendee.reload();
  await expect(attendee.getByText("Confirmed", { exact: true })).toBeVisible();
  await expect(attendee.getByRole("link", { name: "Receipt (PDF)" })).toBeVisible();
});

test("a check-in scan by typed code; a second scan is flagged", async ({ browser }) => {
  const attendee = await signedIn(browser, "attendee@concord.test");
  await attendee.goto("/my/registrations");
  // The next edition's registration (made by the first test), not the demo's 2025 one.
  await attendee.getByRole("link", { name: /^3rd International Conference/ }).click();
  const code = (await attendee.getByTestId("badge-code").textContent())!.trim();

  const desk = await signedIn(browser, "checkin@concord.test");
  await desk.setViewportSize({ width: 390, height: 844 });
  await desk.goto(`/conferences/${SLUG}/checkin`);
  await desk.getByLabel(/Badge code|胸牌码/).fill(code.toLowerCase());
  await desk.getByRole("button", { name: /^(Check in|签到)$/ }).click();
  await expect(desk.getByRole("status")).toContainText(/Checked in: Amina Wanjiru|签到成功：Amina Wanjiru/);
  await desk.screenshot({ path: "tests/artifacts/registration-checkin.png", fullPage: true });
  await desk.getByLabel(/Badge code|胸牌码/).fill(code);
  await desk.getByRole("button", { name: /^(Check in|签到)$/ }).click();
  await expect(desk.getByRole("status")).toContainText(/Already checked in|已于/);
});
