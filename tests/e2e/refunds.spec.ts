import { expect, test, type Browser } from "@playwright/test";
import { signIn } from "./support";

// The bank-transfer refund workflow (issue 14 §3, decision 070) on the demo conference: the organizer
// cancels and refunds Liu Yang's bank-paid registration (invoice ICETE-2025-00001) → the refund is
// pending with its amount → the organizer records the payout → the credit note cancelling the invoice
// is downloadable by the attendee and the organizer. Without JavaScript for the organizer, as every
// form must work that way.
const SLUG = "icete-2025";

async function as(browser: Browser, email: string, javaScriptEnabled = true) {
  const page = await (await browser.newContext({ locale: "en-GB", javaScriptEnabled })).newPage();
  await signIn(page, email);
  return page;
}

test("cancel and refund a bank-paid registration → refund pending → payout recorded → credit note for both", async ({ browser }) => {
  const organizer = await as(browser, "organizer@concord.test", false);
  await organizer.goto(`/conferences/${SLUG}/manage/registrations`);
  await organizer.getByLabel("Search name, email or reference").fill("beihang.admin@concord.test");
  await organizer.getByRole("button", { name: "Filter" }).click();
  await organizer.getByRole("link", { name: "Liu Yang" }).click();
  const detail = organizer.url();
  const invoice = organizer.getByTestId("invoice-documents").getByRole("link", { name: /^Invoice ICETE-2025-\d{5}$/ });
  await expect(invoice).toBeVisible();
  const invoiceNumber = (await invoice.textContent())!.replace("Invoice ", "").trim();

  await organizer.getByRole("button", { name: "Cancel and refund" }).click();
  // Some confirmation step may come first (no-JS pattern): say yes if asked.
  const confirm = organizer.getByRole("button", { name: /^Yes/ });
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(organizer.getByText(/The refund is pending/)).toBeVisible();
  const pending = organizer.getByTestId("bank-refund-pending");
  await expect(pending).toContainText("CN¥1,200.00");
  await organizer.screenshot({ path: "tests/artifacts/refund-pending.png", fullPage: true });

  // A payout day in the future is refused with the form kept; then the real one.
  await organizer.getByLabel("Bank reference of the refund").fill("BOC-2025-REF-88");
  const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await organizer.getByLabel("Paid out on").fill(inThreeDays);
  await organizer.getByRole("button", { name: "Record the payout" }).click();
  await expect(organizer.getByText("The payout day cannot be in the future.")).toBeVisible();
  await expect(organizer.getByLabel("Bank reference of the refund")).toHaveValue("BOC-2025-REF-88");
  await organizer.getByLabel("Paid out on").fill(new Date().toISOString().slice(0, 10));
  await organizer.getByRole("button", { name: "Record the payout" }).click();
  await expect(organizer.getByText("Refund recorded; the credit note was issued.")).toBeVisible();
  await expect(organizer.getByTestId("bank-refund-done")).toContainText("BOC-2025-REF-88");
  const creditNote = organizer.getByTestId("invoice-documents").getByRole("link", { name: /^Credit note ICETE-2025-\d{5}$/ });
  await expect(creditNote).toBeVisible();
  await organizer.screenshot({ path: "tests/artifacts/refund-recorded.png", fullPage: true });
  const href = (await creditNote.getAttribute("href"))!;
  const pdf = await organizer.request.get(href);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(/credit-note-ICETE-2025-\d{5}\.pdf/);
  expect(organizer.url()).toBe(detail);

  // The attendee sees the cancelled registration with the invoice and the credit note that cancels it.
  const attendee = await as(browser, "beihang.admin@concord.test");
  await attendee.goto(href.replace(/\/invoices\/.*$/, ""));
  const documents = attendee.getByTestId("invoice-documents");
  await expect(documents.getByRole("link", { name: `Invoice ${invoiceNumber}` })).toBeVisible();
  await expect(documents.getByRole("link", { name: /^Credit note ICETE-2025-\d{5}$/ })).toBeVisible();
  await expect(attendee.getByTestId("bank-refund-pending")).toHaveCount(0);
  const mine = await attendee.request.get(href);
  expect(mine.status()).toBe(200);
  expect(mine.headers()["content-type"]).toBe("application/pdf");
  await attendee.screenshot({ path: "tests/artifacts/refund-attendee.png", fullPage: true });

  // Someone else cannot download it.
  const stranger = await as(browser, "attendee@concord.test");
  expect((await stranger.request.get(href)).status()).toBe(403);
});
