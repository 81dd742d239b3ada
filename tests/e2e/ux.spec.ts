// Issue 14 §4: nothing destructive in one click (also without JavaScript), nothing unreachable, check-in by
// name, and a header and organizer tables that fit a 390 px phone.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./support";

const SLUG = "icete-2025";

async function signedIn(browser: Browser, email: string, options: { javaScriptEnabled?: boolean; phone?: boolean } = {}) {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: options.phone ? { width: 390, height: 844 } : undefined,
  });
  const page = await context.newPage();
  await page.request.post("/set-locale", { form: { locale: "en" } });
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).last().click();
  await expect(page.getByTestId("signed-in-as")).toBeAttached();
  return page;
}

test("without JavaScript, deleting a registration question asks first, says what is lost, and deletes only on Yes", async ({ browser }) => {
  const page = await signedIn(browser, "organizer@concord.test", { javaScriptEnabled: false });
  await page.goto(`/conferences/${SLUG}/manage/tickets/questions`);
  await page.getByLabel("Question", { exact: true }).fill("UX check: badge pronoun");
  await page.getByRole("button", { name: "Save" }).click();
  const row = page.getByRole("listitem").filter({ hasText: "UX check: badge pronoun" });
  await expect(row).toBeVisible();

  await page.getByRole("button", { name: "Delete: UX check: badge pronoun" }).click();
  const panel = page.getByTestId("confirm-panel");
  await expect(panel.getByRole("heading", { name: "Delete this question?" })).toBeVisible();
  await expect(panel).toContainText("“UX check: badge pronoun” will be removed from the registration form");
  await page.screenshot({ path: "tests/artifacts/ux-confirm-nojs.png", fullPage: true });
  await panel.getByRole("link", { name: "No, go back" }).click();
  await expect(page.getByTestId("confirm-panel")).toHaveCount(0);
  await expect(row).toBeVisible(); // one click deleted nothing

  await page.getByRole("button", { name: "Delete: UX check: badge pronoun" }).click();
  await page.getByRole("button", { name: "Yes, delete the question and its answers" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "UX check: badge pronoun" })).toHaveCount(0);
});

test("with JavaScript, deleting a speaker asks first, moves focus to the question, and Yes deletes", async ({ browser }) => {
  const page = await signedIn(browser, "organizer@concord.test");
  await page.goto(`/conferences/${SLUG}/manage/programme/speakers/new`);
  await page.getByLabel("Name in Latin script").fill("Ux Test Speaker");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page).not.toHaveURL(/\/speakers\/new$/); // saved before leaving
  await page.goto(`/conferences/${SLUG}/manage/programme/speakers`);
  await page.getByRole("button", { name: "Delete “Ux Test Speaker”" }).click();
  const panel = page.getByTestId("confirm-panel");
  await expect(panel).toContainText("Ux Test Speaker will be deleted with their place in 0 sessions");
  await expect(panel.getByRole("heading", { name: "Delete this speaker?" })).toBeFocused();
  await expect(page.getByTestId("speaker-row").filter({ hasText: "Ux Test Speaker" })).toHaveCount(1);
  await panel.getByRole("button", { name: "Yes, delete the speaker" }).click();
  await expect(page.getByTestId("confirm-panel")).toHaveCount(0);
  await expect(page.getByTestId("speaker-row").filter({ hasText: "Ux Test Speaker" })).toHaveCount(0);
});

test("the check-in desk finds an attendee by name without JavaScript and checks them in", async ({ browser }) => {
  const desk = await signedIn(browser, "checkin@concord.test", { javaScriptEnabled: false, phone: true });
  await desk.goto(`/conferences/${SLUG}/checkin`);
  await desk.getByLabel("Name, email or registration reference").fill("chen");
  await desk.getByRole("button", { name: "Find" }).click();
  await expect(desk).toHaveURL(/\?q=chen/);
  const matches = desk.getByTestId("checkin-matches").getByRole("listitem");
  await expect(matches.filter({ hasText: "Chen Hua" })).toHaveCount(1);
  await desk.screenshot({ path: "tests/artifacts/ux-checkin-by-name.png", fullPage: true });
  await desk.getByRole("button", { name: "Check in Chen Hua" }).click();
  await expect(desk.getByRole("status").first()).toContainText("Checked in: Chen Hua");
  await expect(matches.filter({ hasText: "Chen Hua" })).toContainText("Checked in at");
});

/**
 * How tall the header is, how many lines its pieces (name, menu, language) sit on, and whether anything makes the
 * page wider than the phone.
 */
async function measure(page: Page) {
  return page.evaluate(() => {
    const header = document.querySelector("header")!;
    const pieces = [...header.querySelectorAll(":scope > div > *")].filter((e) => e.getBoundingClientRect().height > 0);
    const lines = new Set(pieces.map((e) => Math.round(e.getBoundingClientRect().top / 12))).size;
    return { scrollWidth: document.documentElement.scrollWidth, headerHeight: Math.round(header.getBoundingClientRect().height), lines };
  });
}

/** The header's links as a reader finds them (signed in, development mailbox on): the same at every width. */
const HEADER_LINKS = ["Conferences", "My registrations", "My agenda", "Organizations", "Accords", "Verify", "Mailbox (dev)"];

const PHONE_PAGES: Record<string, string[]> = {
  "attendee@concord.test": [
    "/",
    "/conferences",
    `/conferences/${SLUG}`,
    `/conferences/${SLUG}/programme`,
    "/my/registrations",
    "/my/agenda",
    "/account",
  ],
  "organizer@concord.test": [
    `/conferences/${SLUG}/manage/registrations`,
    `/conferences/${SLUG}/manage/programme`,
    `/conferences/${SLUG}/manage/programme/speakers`,
    `/conferences/${SLUG}/manage/programme/proposals`,
    `/conferences/${SLUG}/manage/programme/rooms`,
    `/conferences/${SLUG}/manage/timetable`,
    `/conferences/${SLUG}/manage/tickets`,
    "/speaker",
    "/account",
  ],
};

for (const [email, paths] of Object.entries(PHONE_PAGES)) {
  test(`on a 390 px phone the header is one line with the links behind Menu, opened by keyboard, and nothing widens the page (${email})`, async ({
    browser,
  }) => {
    const page = await signedIn(browser, email, { phone: true });
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    const menu = nav.locator("details");
    const summary = nav.locator("summary");
    const who = email.split("@")[0];
    for (const path of paths) {
      await page.goto(path);
      const m = await measure(page);
      await page.screenshot({ path: `tests/artifacts/ux-phone-${who}${path.replace(/[^a-z0-9]+/gi, "-")}.png` });
      expect(m.scrollWidth, `${path} is ${m.scrollWidth} px wide`).toBeLessThanOrEqual(390);
      expect(m.lines, `${path}: header on ${m.lines} lines`).toBe(1);
      expect(m.headerHeight, `${path}: header ${m.headerHeight} px high`).toBeLessThan(70);
      await expect(summary).toHaveText("Menu");
      await expect(summary).toBeVisible();
      await expect(nav.getByRole("link", { name: "Conferences", exact: true })).toBeHidden();
    }

    // Keyboard: Enter on the summary opens the menu; every link is there, one per line, full width, tall enough to tap.
    await summary.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("open", "");
    const items = [
      ...HEADER_LINKS.map((label) => nav.getByRole("link", { name: label, exact: true })),
      nav.getByTestId("signed-in-as"),
      nav.getByRole("button", { name: "Sign out" }),
    ];
    for (const item of items) {
      await expect(item).toBeVisible();
      const box = (await item.boundingBox())!;
      expect(box.height, `${await item.textContent()} is ${box.height} px high`).toBeGreaterThanOrEqual(44);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${await item.textContent()} reaches ${box.x + box.width}`).toBeLessThanOrEqual(390);
      expect(box.width, `${await item.textContent()} is ${box.width} px wide`).toBeGreaterThan(300);
    }
    await page.screenshot({ path: `tests/artifacts/ux-phone-${who}-menu-open.png` });
    expect((await measure(page)).lines).toBe(1); // the open list drops over the page, the header line stays

    // Escape closes it and gives the focus back to Menu.
    await page.keyboard.press("Escape");
    await expect(menu).not.toHaveAttribute("open");
    await expect(summary).toBeFocused();

    // Following a link works, and the next page starts with the menu closed (a client-side navigation too).
    await page.keyboard.press("Enter");
    await nav.getByRole("link", { name: "Accords", exact: true }).click();
    await expect(page).toHaveURL(/\/accords$/);
    await expect(menu).not.toHaveAttribute("open");
    await expect(nav.getByRole("link", { name: "Accords", exact: true })).toBeHidden();
  });
}

test("without JavaScript on a 390 px phone the menu opens by keyboard and its links lead on", async ({ browser }) => {
  const page = await signedIn(browser, "attendee@concord.test", { javaScriptEnabled: false, phone: true });
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  await page.goto("/conferences");
  await nav.locator("summary").focus();
  await page.keyboard.press("Enter");
  await nav.getByRole("link", { name: "My agenda" }).click();
  await expect(page).toHaveURL(/\/my\/agenda$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(nav.locator("details")).not.toHaveAttribute("open");
});

test("signed out and in Chinese, the phone header is one line with 菜单 holding sign-in and sign-up", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.request.post("/set-locale", { form: { locale: "zh" } });
  await page.goto("/conferences");
  const nav = page.getByRole("navigation", { name: "主导航" });
  const m = await measure(page);
  expect(m.lines, `header on ${m.lines} lines`).toBe(1);
  expect(m.headerHeight).toBeLessThan(70);
  expect(m.scrollWidth).toBeLessThanOrEqual(390);
  await nav.getByText("菜单").click();
  await expect(nav.getByRole("link", { name: "登录" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "注册账户" })).toBeVisible();
  await page.screenshot({ path: "tests/artifacts/ux-phone-zh-signed-out-menu-open.png" });
});

test("at 1280 px the header links sit inline as before, with no Menu, and each link exists once at any width", async ({ browser }) => {
  const page = await signedIn(browser, "attendee@concord.test");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/conferences");
  const header = page.locator("header");
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  await expect(nav.locator("summary")).toBeHidden();
  const tops = new Set<number>();
  for (const label of HEADER_LINKS) {
    const link = nav.getByRole("link", { name: label, exact: true });
    await expect(link).toBeVisible();
    const box = (await link.boundingBox())!;
    expect(box.height, `${label} is ${box.height} px high`).toBeLessThan(32); // a line of text, not a menu row
    tops.add(Math.round(box.y));
  }
  expect(tops.size, "the links share one line").toBe(1);
  await expect(nav.getByTestId("signed-in-as")).toBeVisible();
  await expect(nav.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.screenshot({ path: "tests/artifacts/ux-header-1280.png" });
  expect((await measure(page)).headerHeight).toBeLessThanOrEqual(80);

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    for (const href of ["/conferences", "/my/agenda", "/account"]) {
      await expect(header.locator(`a[href="${href}"]`), `${href} at ${width} px`).toHaveCount(1);
    }
  }
  // Opened on a phone then widened: still the inline row, no Menu.
  await nav.locator("summary").click();
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(nav.locator("summary")).toBeHidden();
  await expect(nav.getByRole("link", { name: "Verify" })).toBeVisible();
});

test("each person's own pages are reachable from the header or the account page", async ({ browser }) => {
  const attendee = await signedIn(browser, "attendee@concord.test");
  const nav = attendee.getByRole("navigation", { name: "Main navigation" });
  await nav.getByRole("link", { name: "My registrations" }).click();
  await expect(attendee).toHaveURL(/\/my\/registrations$/);
  await nav.getByRole("link", { name: "My agenda" }).click();
  await expect(attendee).toHaveURL(/\/my\/agenda$/);

  const reviewer = await signedIn(browser, "reviewer@concord.test");
  await reviewer.getByTestId("signed-in-as").click();
  await reviewer
    .getByTestId("my-places")
    .getByRole("link", { name: /^Review proposals for 2nd / })
    .click();
  await expect(reviewer).toHaveURL(new RegExp(`/conferences/${SLUG}/reviews$`));
  await expect(reviewer.getByRole("heading", { level: 1 })).toContainText("Proposals to review"); // the queue, not a refusal

  const speaker = await signedIn(browser, "organizer@concord.test"); // the demo organizer also chairs sessions
  await speaker.goto("/account");
  await speaker
    .getByTestId("my-places")
    .getByRole("link", { name: /^Speaker portal/ })
    .click();
  await expect(speaker).toHaveURL(/\/speaker$/);
  await speaker.goto("/account");
  await speaker
    .getByTestId("my-places")
    .getByRole("link", { name: /^Organize 2nd / })
    .click();
  await expect(speaker).toHaveURL(new RegExp(`/conferences/${SLUG}/manage/registrations$`));

  const desk = await signedIn(browser, "checkin@concord.test");
  await desk.goto("/account");
  await desk
    .getByTestId("my-places")
    .getByRole("link", { name: /^Check-in desk of 2nd / })
    .click();
  await expect(desk).toHaveURL(new RegExp(`/conferences/${SLUG}/checkin$`));
});
