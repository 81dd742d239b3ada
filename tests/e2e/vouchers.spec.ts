import { expect, test } from "@playwright/test";
import { signIn } from "./support";

const SLUG = "icete-2025";

// Without JavaScript: the server's answers alone (field errors, the confirmation box) must carry the page.
test.use({ javaScriptEnabled: false });

test("an organizer edits a voucher, is told a code is taken, and deletes an unused one only after confirming", async ({ page }) => {
  await signIn(page, "organizer@concord.test");
  await page.goto(`/conferences/${SLUG}/manage/tickets/vouchers`);
  const create = page.locator("form").filter({ has: page.getByRole("heading", { name: "New voucher" }) });

  // A duplicate code is said on the code field, and what was typed stays.
  await create.getByLabel("Code").fill("iea2025");
  await create.getByLabel(/^Value/).fill("15");
  await create.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("A voucher with this code already exists.")).toBeVisible();
  await expect(page.getByLabel("Code")).toHaveValue("iea2025");
  await expect(page.getByLabel("Code")).toHaveAttribute("aria-invalid", "true");
  await page.screenshot({ path: "tests/artifacts/vouchers-duplicate.png", fullPage: true });

  // A new one, then edited.
  await page.getByLabel("Code").fill("EARLYBIRD");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("EARLYBIRD")).toBeVisible();
  await page.getByRole("link", { name: "Edit voucher EARLYBIRD" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Edit voucher EARLYBIRD");
  await expect(page.getByText("No registration has used it yet.")).toBeVisible();
  await page.getByLabel(/^Value/).fill("30");
  await page.getByLabel("Usage limit").fill("20");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "EARLYBIRD" })).toContainText("30% · 0 used of 20");

  // Deleting asks for the box to be ticked.
  await page.getByRole("link", { name: "Edit voucher EARLYBIRD" }).click();
  await page.getByRole("button", { name: "Delete voucher" }).click();
  await expect(page.getByText("Tick the box to confirm the deletion.")).toBeVisible();
  await page.screenshot({ path: "tests/artifacts/vouchers-edit.png", fullPage: true });
  await page.getByLabel("Yes, delete the voucher EARLYBIRD").check();
  await page.getByRole("button", { name: "Delete voucher" }).click();
  await expect(page.getByText("The voucher was deleted.")).toBeVisible();
  await expect(page.getByText("EARLYBIRD")).toHaveCount(0);
  await expect(page.getByText("IEA2025")).toBeVisible();
});
