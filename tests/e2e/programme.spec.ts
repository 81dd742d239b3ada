import { expect, test, type Locator, type Page } from "@playwright/test";
import { signIn } from "./support";
import fs from "node:fs";

const SLUG = "icete-2025";

/**
 * The first link of the newest email to `to` in the local mailbox. (Kept here:
 * importing accounts.spec.ts would also register its tests in this file.)
 */
async function linkFromMailbox(page: Page, to: string, subject: RegExp) {
  const row = () => page.getByTestId("mailbox").getByRole("row").filter({ hasText: to }).filter({ hasText: subject }).first();
  await expect(async () => {
    await page.goto("/dev/mail");
    await expect(row()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await row().getByRole("link").click();
  return (await page.getByTestId("mail-text").getByRole("link").first().getAttribute("href"))!;
}

/** Presses Tab (only the keyboard) until `target` has the focus. */
async function tabTo(page: Page, target: Locator, max = 400) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("could not reach the element with Tab");
}

test("an organizer schedules a session", async ({ page }) => {
  await signIn(page, "organizer@concord.test");
  await page.goto(`/conferences/${SLUG}/manage/programme/sessions/new`);
  await page.getByLabel("Title", { exact: true }).fill("Closing remarks");
  await page.getByLabel("Format").selectOption("PLENARY");
  await page.getByLabel("Room", { exact: true }).selectOption({ label: "Main Hall (800 seats)" });
  await page.getByLabel("Starts").fill("2025-09-27T17:30");
  await page.getByLabel("Ends").fill("2025-09-27T18:00");
  await page.getByLabel("Status").selectOption("PUBLISHED");
  await page.getByRole("button", { name: "Save" }).click();
  const row = page.getByRole("row").filter({ hasText: "Closing remarks" });
  await expect(row).toContainText("2025-09-27 17:30–18:00");
  await expect(row).toContainText("Main Hall");
  // The draft is not public until released.
  await page.goto(`/conferences/${SLUG}/programme`);
  await expect(page.getByText("Closing remarks")).toHaveCount(0);
  await page.goto(`/conferences/${SLUG}/manage/timetable/release`);
  await expect(page.getByTestId("release-changes")).toContainText("Added: Closing remarks");
  await page.getByRole("button", { name: /Release version/ }).click();
  await expect(page.getByText(/Version \d+ was released\./)).toBeVisible();
  await page.goto(`/conferences/${SLUG}/programme`);
  await expect(page.getByText("Closing remarks")).toBeVisible();
  await page.screenshot({ path: "tests/artifacts/programme-scheduled.png" });
});

test("a speaker accepts an invitation", async ({ page }) => {
  await signIn(page, "organizer@concord.test");
  await page.goto(`/conferences/${SLUG}/manage/programme/speakers`);
  await page.getByRole("link", { name: "Add a speaker" }).click();
  await page.getByLabel("Name in Latin script").fill("Attendee Speaker");
  await page.getByLabel("Organization").fill("Concord test team");
  await page.getByLabel("Email").fill("attendee@concord.test");
  await page.getByRole("button", { name: "Save profile" }).click();
  await page.getByRole("button", { name: "Invite Attendee Speaker" }).click();
  await expect(page.getByText("The invitation was sent.")).toBeVisible();
  const link = await linkFromMailbox(page, "attendee@concord.test", /Invitation to speak/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, "attendee@concord.test");
  await page.goto(link);
  await expect(page.getByTestId("invitation-status")).toContainText("Invited");
  await page.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(page.getByRole("heading", { name: "Speaker portal" })).toBeVisible();
  await expect(page.getByTestId("time-zone")).toContainText("Asia/Shanghai");
  await page.screenshot({ path: "tests/artifacts/programme-speaker-portal.png" });
});

test("an attendee stars a session and downloads its .ics", async ({ page }) => {
  await signIn(page, "attendee@concord.test");
  await page.goto(`/conferences/${SLUG}/programme`);
  await page.getByRole("link", { name: "Keynote: mutual recognition beyond the first degree" }).first().click();
  await page.getByRole("button", { name: /Add to my agenda/ }).click();
  await expect(page.getByRole("button", { name: /Remove from my agenda/ })).toHaveAttribute("aria-pressed", "true");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Add to calendar (.ics)" }).click()]);
  const ics = fs.readFileSync((await download.path())!, "utf8");
  expect(ics).toContain("BEGIN:VCALENDAR");
  expect(ics).toContain("mutual recognition");
  await page.goto("/my/agenda");
  await expect(page.getByText("Keynote: mutual recognition beyond the first degree")).toBeVisible();
});

test("the timetable editor moves a session with the keyboard only", async ({ page }) => {
  await signIn(page, "organizer@concord.test");
  await page.goto(`/conferences/${SLUG}/manage/timetable`);
  const form = page.getByRole("form", { name: /Place “Workshop: designing capstone projects/ });
  // The keyboard path starts where the mouse's does: the session's block in the grid is a link to its form.
  await tabTo(page, page.getByTestId("timetable-grid").getByRole("link", { name: /Workshop: designing capstone projects/ }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#place-[0-9a-f-]{36}$/);
  await tabTo(page, form.getByLabel("Room"), 3);
  await page.keyboard.type("Room B");
  await tabTo(page, form.getByLabel("Starts"));
  // Chromium's date-time field: month, day, year, hour… — one hour later.
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowUp");
  await tabTo(page, form.getByLabel("Ends"));
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowUp");
  await tabTo(page, form.getByRole("button", { name: "Check" }));
  await page.keyboard.press("Enter");
  await expect(page.getByText("No conflicts: this place is free.")).toBeVisible();
  const again = page.getByRole("form", { name: /Place “Workshop: designing capstone projects/ });
  await tabTo(page, again.getByRole("button", { name: "Save place" }));
  await page.keyboard.press("Enter");
  await expect(page.getByText("The session was placed.")).toBeVisible();
  const placed = page.getByRole("form", { name: /Place “Workshop: designing capstone projects/ });
  await expect(placed.getByLabel("Starts")).toHaveValue("2025-09-27T15:00");
  await expect(placed.getByLabel("Ends")).toHaveValue("2025-09-27T16:30");
  await page.screenshot({ path: "tests/artifacts/programme-timetable-keyboard.png" });
});
