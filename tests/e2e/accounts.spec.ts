import { expect, test, type Page } from "@playwright/test";

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
