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
 * How many lines the header's pieces sit on, whether anything makes the page wider than the phone, and whether
 * the link row scrolls sideways inside itself (a link out of sight is one a phone user never finds).
 */
async function measure(page: Page) {
  return page.evaluate(() => {
    const header = document.querySelector("header")!;
    const pieces = [...header.querySelectorAll(":scope > div > *")].filter((e) => e.getBoundingClientRect().height > 0);
    const lines = new Set(pieces.map((e) => Math.round(e.getBoundingClientRect().top / 12))).size;
    const nav = header.querySelector("nav")!;
    const outOfSight = [...nav.querySelectorAll("a, button")]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.left < 0 || r.right > window.innerWidth;
      })
      .map((e) => e.textContent!.trim());
    return {
      scrollWidth: document.documentElement.scrollWidth,
      headerHeight: header.getBoundingClientRect().height,
      lines,
      nav: { scrollWidth: nav.scrollWidth, clientWidth: nav.clientWidth },
      outOfSight,
    };
  });
}

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
  test(`on a 390 px phone the header shows every link without sideways scrolling and nothing widens the page (${email})`, async ({
    browser,
  }) => {
    const page = await signedIn(browser, email, { phone: true });
    for (const path of paths) {
      await page.goto(path);
      const m = await measure(page);
      await page.screenshot({ path: `tests/artifacts/ux-phone-${email.split("@")[0]}${path.replace(/[^a-z0-9]+/gi, "-")}.png` });
      expect(m.scrollWidth, `${path} is ${m.scrollWidth} px wide`).toBeLessThanOrEqual(390);
      expect(m.nav.scrollWidth, `${path}: the header's link row scrolls sideways (${m.nav.scrollWidth} px in ${m.nav.clientWidth})`).toBe(
        m.nav.clientWidth,
      );
      expect(m.outOfSight, `${path}: header links out of sight`).toEqual([]);
      // The name and the language on one line, the links wrapped below it (three short lines on a phone).
      expect(m.lines, `${path}: header on ${m.lines} lines`).toBeLessThanOrEqual(2);
      expect(m.headerHeight).toBeLessThanOrEqual(150);
    }
  });
}

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
