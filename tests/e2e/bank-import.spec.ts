import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { signIn } from "./support";

// Money that adds up, in the browser: a euro bank CSV with a quoted "120,50" and a CAMT.053 statement are
// previewed (€120.50, not €12,050.00) and recorded on confirmation; a second payment of the same amount
// warns before saving, without JavaScript, and the registration then shows the overpayment to refund.
//
// The demo conference sells in yuan; a euro edition is made here by copying it (rows written directly,
// like a seed), in the future so that its sales are open.
const SLUG = `eur-bank-${Date.now().toString(36)}`;

function e2eDatabaseUrl() {
  const url = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test");
  url.pathname = `/concord_e2e_${process.env.E2E_PORT ?? "3210"}`;
  return url.toString();
}

test.beforeAll(async () => {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const start = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(Date.now() + 62 * 86_400_000).toISOString().slice(0, 10);
    const {
      rows: [conference],
    } = await client.query(
      `INSERT INTO "Conference"
       SELECT (jsonb_populate_record(NULL::"Conference", to_jsonb(c) || $1::jsonb)).* FROM "Conference" c WHERE slug = 'icete-2025'
       RETURNING id, (SELECT id FROM "Conference" WHERE slug = 'icete-2025') AS "from"`,
      [
        JSON.stringify({
          id: crypto.randomUUID(),
          slug: SLUG,
          title: "Euro Bank Transfer Conference",
          titleZh: null,
          currency: "EUR",
          status: "PUBLISHED",
          startDate: start,
          endDate: end,
        }),
      ],
    );
    await client.query(
      `INSERT INTO "ConferenceRole" ("conferenceId", "userId", role) SELECT $1, "userId", role FROM "ConferenceRole" WHERE "conferenceId" = $2`,
      [conference.id, conference.from],
    );
    const {
      rows: [quota],
    } = await client.query(
      `INSERT INTO "Quota" (id, "conferenceId", name, capacity) VALUES (gen_random_uuid(), $1, 'Hall', 50) RETURNING id`,
      [conference.id],
    );
    const {
      rows: [ticket],
    } = await client.query(
      `INSERT INTO "TicketType" (id, "conferenceId", "nameEn", "priceCents", currency) VALUES (gen_random_uuid(), $1, 'Euro delegate', 12050, 'EUR') RETURNING id`,
      [conference.id],
    );
    await client.query(`INSERT INTO "TicketTypeQuota" ("ticketTypeId", "quotaId") VALUES ($1, $2)`, [ticket.id, quota.id]);
  } finally {
    await client.end();
  }
});

async function person(browser: Browser, email: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** Registers by bank transfer and returns the payment reference shown to the attendee. */
async function registerByBank(browser: Browser, email: string) {
  const page = await person(browser, email);
  await page.goto(`/conferences/${SLUG}/register`);
  await page.getByLabel(/^Euro delegate/).check();
  await page.getByRole("radio", { name: "Bank transfer", exact: true }).check();
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByText("Awaiting payment")).toBeVisible();
  const reference = (await page.locator("dd.font-mono").first().textContent())!.trim();
  await page.context().close();
  return reference;
}

async function upload(page: Page, name: string, content: string) {
  await page.goto(`/conferences/${SLUG}/manage/registrations/import`);
  await page.getByLabel(/Bank statement: CSV/).setInputFiles({ name, mimeType: "text/plain", buffer: Buffer.from(content) });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: "Preview: nothing is recorded yet" })).toBeVisible();
}

test('a euro CSV with "120,50" is previewed as €120.50 and recorded once confirmed', async ({ browser }) => {
  const reference = await registerByBank(browser, "attendee@concord.test");
  const organizer = await person(browser, "organizer@concord.test");
  const csv = `Date,Description,Amount,Currency\r\n2025-09-01,"Transfer ${reference} Torres","120,50",EUR\r\n2025-09-01,"Rent, hall B","-800,00",EUR\r\n2025-09-02,Unknown payer,"50,00",EUR\r\n`;
  await upload(organizer, "statement.csv", csv);
  const row = organizer.getByRole("row").filter({ hasText: reference });
  await expect(row.getByRole("cell", { name: "€120.50" })).toBeVisible();
  await expect(row.getByText("Record and confirm (paid in full)")).toBeVisible();
  await expect(organizer.getByText("€12,050.00")).toHaveCount(0);
  await expect(organizer.getByRole("row").filter({ hasText: "Rent, hall B" }).getByText("Outgoing payment: skipped")).toBeVisible();
  await expect(
    organizer
      .getByRole("row")
      .filter({ hasText: "Unknown payer" })
      .getByText(/No registration has this reference/),
  ).toBeVisible();
  await organizer.screenshot({ path: "tests/artifacts/bank-import-csv-preview.png", fullPage: true });

  await organizer.getByRole("button", { name: "Record 1 payment" }).click();
  await expect(organizer.getByText("1 payment recorded, 0 already imported, 1 line not recorded.")).toBeVisible();

  // The same file again: previewed as already imported, nothing to record.
  await upload(organizer, "statement.csv", csv);
  await expect(organizer.getByRole("row").filter({ hasText: reference }).getByText("Already imported: skipped")).toBeVisible();
  await expect(organizer.getByText("No line of this statement would be recorded.")).toBeVisible();

  await organizer.goto(`/conferences/${SLUG}/manage/registrations?q=${reference}`);
  await expect(organizer.getByRole("cell", { name: "€120.50 / €120.50" })).toBeVisible();
  await expect(organizer.getByRole("cell", { name: "Confirmed", exact: true })).toBeVisible();
});

test("a CAMT.053 statement is previewed and recorded", async ({ browser }) => {
  const reference = await registerByBank(browser, "reviewer@concord.test");
  const organizer = await person(browser, "organizer@concord.test");
  const xml = fs
    .readFileSync("tests/registration/fixtures/camt053.xml", "utf8")
    .replaceAll("{{FIRST}}", reference)
    .replaceAll("{{SECOND}}", "NONE-222222");
  await upload(organizer, "camt053.xml", xml);
  await expect(organizer.getByText("CAMT.053 statement")).toBeVisible();
  const row = organizer.getByRole("row").filter({ hasText: `Conference fee ${reference} Torres` });
  await expect(row.getByRole("cell", { name: "€120.50" })).toBeVisible();
  await expect(row.getByText("Record and confirm (paid in full)")).toBeVisible();
  await expect(organizer.getByRole("row").filter({ hasText: "second try" }).getByText("Not booked yet: skipped")).toBeVisible();
  await organizer.screenshot({ path: "tests/artifacts/bank-import-camt-preview.png", fullPage: true });
  await organizer.getByRole("button", { name: "Record 1 payment" }).click();
  await expect(organizer.getByText(/^1 payment recorded/)).toBeVisible();
  await organizer.goto(`/conferences/${SLUG}/manage/registrations?q=${reference}`);
  await expect(organizer.getByRole("cell", { name: "€120.50 / €120.50" })).toBeVisible();
});

test("recording the same payment again warns first, without JavaScript, then shows the overpayment", async ({ browser }) => {
  const organizer = await person(browser, "organizer@concord.test", false);
  await organizer.goto(`/conferences/${SLUG}/manage/registrations`);
  await organizer.getByRole("row").filter({ hasText: "€120.50 / €120.50" }).first().getByRole("link").first().click();
  await organizer.getByLabel("Amount received (EUR)").fill("120.50");
  await organizer.getByLabel(/^Note/).fill("typed twice");
  await organizer.getByRole("button", { name: "Record a bank payment" }).click();
  await expect(organizer.getByRole("alert")).toContainText(/A payment of €120\.50 was already recorded .*overpaid by €120\.50/);
  // What was typed is still there, and nothing was saved.
  await expect(organizer.getByLabel("Amount received (EUR)")).toHaveValue("120.50");
  await expect(organizer.getByLabel(/^Note/)).toHaveValue("typed twice");
  await expect(organizer.getByTestId("overpaid")).toHaveCount(0);
  await organizer.screenshot({ path: "tests/artifacts/bank-payment-warning.png", fullPage: true });

  await organizer.getByLabel("I checked: record this payment anyway").check();
  await organizer.getByRole("button", { name: "Record a bank payment" }).click();
  await expect(organizer.getByText("Payment recorded.")).toBeVisible();
  await expect(organizer.getByTestId("overpaid")).toContainText("Overpaid by €120.50: to refund");
  await organizer.screenshot({ path: "tests/artifacts/bank-payment-overpaid.png", fullPage: true });

  // The organizers' list flags it too, in that registration's row (and only there).
  const detail = new URL(organizer.url()).pathname;
  await organizer.goto(`/conferences/${SLUG}/manage/registrations`);
  const flagged = organizer.getByRole("row").filter({ hasText: "Overpaid by" });
  await expect(flagged).toHaveCount(1);
  await expect(flagged.getByRole("cell", { name: /^€241\.00 \/ €120\.50\s*Overpaid by €120\.50: to refund$/ })).toBeVisible();
  await expect(flagged.getByRole("link").first()).toHaveAttribute("href", detail);
  await organizer.screenshot({ path: "tests/artifacts/registrations-overpaid.png", fullPage: true });
});
