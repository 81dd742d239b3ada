import { expect, test, type Browser } from "@playwright/test";
import { signIn } from "./support";

// Sales follow the calendar (decision 062): the 2025 conference is over, so it
// sells nothing and says so; its attendees can no longer cancel online and are
// told whom to ask; the demo's next edition is open and marked as demo data.
// Without JavaScript throughout: every page must work with plain forms.
const PAST = "icete-2025";
const NEXT = "icete-next";

async function noScript(browser: Browser, email?: string) {
  const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
  const page = await context.newPage();
  if (email) await signIn(page, email);
  return page;
}

test("sales closed after the end", async ({ browser }) => {
  const visitor = await noScript(browser);
  await visitor.goto(`/conferences/${PAST}`);
  await expect(visitor.getByTestId("registration-closed")).toContainText("Registration is closed.");
  await visitor.goto(`/conferences/${PAST}/tickets`);
  await expect(visitor.getByRole("heading", { name: "Registration is closed" })).toBeVisible();
  await expect(visitor.getByRole("link", { name: "Register" })).toHaveCount(0);
  await expect(visitor.getByText("Sales closed").first()).toBeVisible();
  await visitor.screenshot({ path: "tests/artifacts/calendar-tickets-closed.png", fullPage: true });

  // Someone who did not go in 2025 (the demo attendee did: she has a registration for it).
  const newcomer = await noScript(browser, "reviewer@concord.test");
  await newcomer.goto(`/conferences/${PAST}/register`);
  await expect(newcomer.getByRole("heading", { name: "Registration is closed" })).toBeVisible();
  await expect(newcomer.getByRole("button", { name: "Register" })).toHaveCount(0);
  // A registration posted anyway (an old tab, a script) is refused with a sentence, on the page, still signed in.
  const ticketId = "00000000-0000-0000-0000-000000000000";
  const refused = await newcomer.request.post(`/conferences/${PAST}/register`, { form: { ticketTypeId: ticketId, method: "bank" } });
  expect(refused.status()).toBe(409);
  const html = (await refused.text()).replace(/<script[\s\S]*?<\/script>/g, "");
  expect(html).toContain("Registration is closed: this conference is over.");
  expect(html).toContain('data-testid="signed-in-as"');
  expect(html).not.toContain("reg.error");
  await newcomer.goto("/my/registrations");
  await expect(newcomer.getByRole("link", { name: /2nd International Conference/ })).toHaveCount(0);

  // The next edition is open, and its page says it is demo data.
  await newcomer.goto(`/conferences/${NEXT}`);
  await expect(newcomer.getByTestId("demo-notice")).toContainText("Demo data");
  await expect(newcomer.getByTestId("registration-closed")).toHaveCount(0);
  await newcomer.screenshot({ path: "tests/artifacts/calendar-next-edition.png", fullPage: true });
  await newcomer.goto(`/conferences/${NEXT}/tickets`);
  await expect(
    newcomer.getByRole("listitem").filter({ hasText: "Online participation" }).getByRole("link", { name: "Register" }),
  ).toBeVisible();
  await newcomer.goto(`/conferences/${NEXT}/proposals`);
  await expect(newcomer.getByTestId("cfp-phase")).toContainText(/open/i);
  await expect(newcomer.getByRole("link", { name: "Submit a proposal" })).toBeVisible();
});

test("cancelling after the deadline, without JavaScript: the page says why and whom to ask; a posted cancel is refused in words", async ({
  browser,
}) => {
  // Liu Yang registered for the 2025 conference, which is over.
  const page = await noScript(browser, "beihang.admin@concord.test");
  await page.goto("/my/registrations");
  await page.getByRole("link", { name: /2nd International Conference|第二届卓越工程师培养国际会议/ }).click();
  await expect(page).toHaveURL(/\/my\/registrations\/[0-9a-f-]{36}$/);
  const closed = page.getByTestId("cancel-closed");
  await expect(closed).toContainText(/Cancelling online closed on|在线取消已于/);
  await expect(closed.getByRole("link", { name: "organizer@concord.test" })).toHaveAttribute("href", "mailto:organizer@concord.test");
  await expect(page.getByRole("button", { name: /Cancel registration|取消注册/ })).toHaveCount(0);
  await page.screenshot({ path: "tests/artifacts/calendar-cancel-closed.png", fullPage: true });

  // The cancel form posted anyway (a tab opened before the deadline): back on the page with a translated message.
  const refused = await page.request.post(page.url(), { form: { intent: "cancel" } });
  expect(refused.status()).toBe(200);
  expect(refused.url()).toBe(page.url());
  // What the reader sees (the page's data scripts carry message keys, which the page translates).
  const html = (await refused.text()).replace(/<script[\s\S]*?<\/script>/g, "");
  expect(html).toMatch(/The deadline for cancelling has passed|取消期限已过/);
  expect(html).not.toContain("reg.error.cancelClosed");
  expect(html).toContain('data-testid="signed-in-as"');
  await page.reload();
  await expect(page.getByText(/^(Confirmed|已确认)$/)).toBeVisible();
});

test("organizers email the attendees of a ticket type, without JavaScript: preview, then send", async ({ browser }) => {
  const page = await noScript(browser, "organizer@concord.test");
  await page.goto(`/conferences/${NEXT}/manage/registrations/email`);
  await page.getByLabel("Ticket type").selectOption({ label: "Regular" });
  await page.getByLabel("Subject (English)").fill("Shuttle buses");
  await page.getByLabel("Message (English)").fill("Buses leave the hotel at 8:00.\n\nSee you there.");
  await page.getByLabel(/^Subject \(Chinese\)/).fill("班车安排");
  await page.getByLabel(/^Message \(Chinese\)/).fill("班车 8:00 从酒店出发。");
  await page.getByRole("button", { name: "Preview recipients" }).click();
  await expect(page.getByTestId("email-preview")).toContainText("This message will go to 1 person.");
  // What was typed is kept for the second step.
  await expect(page.getByLabel("Subject (English)")).toHaveValue("Shuttle buses");
  await page.screenshot({ path: "tests/artifacts/calendar-email-attendees.png", fullPage: true });
  await page.getByRole("button", { name: "Send to 1 person" }).click();
  await expect(page.getByText("Message queued for 1 person.")).toBeVisible();
});
