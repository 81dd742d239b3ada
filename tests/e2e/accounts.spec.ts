import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support";

const PASSWORD = "a long and memorable sentence";

/**
 * Waits until the outbox worker has delivered the email to `to` into the local
 * mailbox (reloading /dev/mail), opens it and returns the first link of its text.
 */
export async function linkFromMailbox(page: Page, to: string, subject: string | RegExp) {
  const row = () => page.getByTestId("mailbox").getByRole("row").filter({ hasText: to }).filter({ hasText: subject }).first();
  await expect(async () => {
    await page.goto("/dev/mail");
    await expect(row()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await row().getByRole("link").click();
  const link = page.getByTestId("mail-text").getByRole("link").first();
  return (await link.getAttribute("href"))!;
}

test("sign up, verify by the emailed link, sign in, create an organization and invite a member", async ({ page }) => {
  const email = `e2e-${Date.now()}@concord.test`;
  await page.goto("/signup");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Name (Latin letters)").fill("Nadia Rahman");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  const link = await linkFromMailbox(page, email, "Verify your email for Concord");
  await page.goto(link);
  // Opening the link only shows a button (a mail scanner's prefetch burns nothing); pressing it verifies.
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  await page.screenshot({ path: "tests/artifacts/accounts-verify-confirm.png" });
  await page.getByRole("button", { name: "Verify my email" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Nadia Rahman");
  await page.screenshot({ path: "tests/artifacts/accounts-verified.png" });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).last().click();
  await expect(page.getByText("The email or the password is not correct.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).last().click();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Nadia Rahman");

  // Create an organization: its founder becomes its administrator.
  await page.goto("/orgs/new");
  await page.getByLabel("Name in English").fill("Dhaka Institute of Engineering");
  await page.getByLabel("Kind of organization").selectOption("UNIVERSITY");
  await page.getByLabel("Country or region").selectOption("BD");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByText("The organization was created. You are its administrator.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Dhaka Institute of Engineering" })).toBeVisible();

  // Invite a colleague as signatory; the invitation email arrives in the mailbox.
  await page.getByRole("link", { name: "Members and invitations" }).click();
  const colleague = `colleague-${Date.now()}@concord.test`;
  const invite = page.getByRole("region", { name: "Invite someone" });
  await invite.getByLabel("Email address").fill(colleague);
  await invite.getByRole("checkbox", { name: "Signatory" }).check();
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`An invitation was sent to ${colleague}.`)).toBeVisible();
  await page.screenshot({ path: "tests/artifacts/accounts-org-invited.png" });
  const invitation = await linkFromMailbox(page, colleague, "Dhaka Institute of Engineering");
  expect(invitation).toMatch(/\/invitations\/[\w-]+$/);
});

test("the same sign-in works with JavaScript disabled", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill("attendee@concord.test");
  await page.getByLabel("Password").fill("wrong password here");
  await page.getByRole("button", { name: "Sign in" }).last().click();
  await expect(page.getByText("The email or the password is not correct.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("attendee@concord.test");
  await expect(page.getByLabel("Password")).toHaveValue("");
  await page.getByLabel("Password").fill("concord-demo-2025");
  await page.getByRole("button", { name: "Sign in" }).last().click();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Amina Wanjiru");
  await page.screenshot({ path: "tests/artifacts/accounts-no-js-signed-in.png" });
  await context.close();
});

// Issue 14 §4: signing out a browser asks first (decision 065). Two browsers of one person: the first signs the
// second out through the question, and the second finds itself signed out. The second browser says it is
// Firefox or Safari, so its row (and the question) can be told from the demo's other sessions of that person.
const OTHER_BROWSERS = [
  {
    javaScriptEnabled: true,
    userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    device: "Firefox (Windows)",
  },
  {
    javaScriptEnabled: false,
    userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    device: "Safari (macOS)",
  },
];

for (const other of OTHER_BROWSERS) {
  test(`signing out another browser asks first, then signs it out (JavaScript ${other.javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }) => {
    const email = "nuol.admin@concord.test";
    const here = await (await browser.newContext({ javaScriptEnabled: other.javaScriptEnabled })).newPage();
    const there = await (await browser.newContext({ userAgent: other.userAgent })).newPage();
    await signIn(there, email);
    await signIn(here, email);

    await here.goto("/account/security");
    const row = here.getByRole("row").filter({ hasText: other.device });
    await expect(row).toHaveCount(1);
    await row.getByRole("button", { name: "Sign out" }).click();
    const panel = here.getByTestId("confirm-panel");
    await expect(panel.getByRole("heading", { name: "Sign out that browser?" })).toBeVisible();
    await expect(panel).toContainText(
      new RegExp(
        `^.*${other.device.replace(/[()]/g, "\\$&")}, last seen .+ UTC, will be signed out: whoever uses it has to sign in again\\.`,
      ),
    );
    if (other.javaScriptEnabled) await expect(panel.getByRole("heading", { name: "Sign out that browser?" })).toBeFocused();
    await here.screenshot({ path: `tests/artifacts/accounts-revoke-ask-${other.javaScriptEnabled ? "js" : "nojs"}.png`, fullPage: true });

    // "No, go back" leaves both browsers signed in.
    await panel.getByRole("link", { name: "No, go back" }).click();
    await expect(here.getByTestId("confirm-panel")).toHaveCount(0);
    await there.goto("/account");
    await expect(there).toHaveURL(/\/account$/);

    await here.getByRole("row").filter({ hasText: other.device }).getByRole("button", { name: "Sign out" }).click();
    await here.getByTestId("confirm-panel").getByRole("button", { name: "Yes, sign it out" }).click();
    await expect(here.getByText("That browser is signed out.")).toBeVisible();
    await expect(here.getByRole("row").filter({ hasText: other.device })).toHaveCount(0);
    await expect(here.getByTestId("signed-in-as")).toBeVisible(); // still signed in here

    await there.goto("/account");
    await expect(there).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
    await expect(there.getByTestId("signed-in-as")).toHaveCount(0);
    await here.context().close();
    await there.context().close();
  });
}
