import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./support";

// Signing the demo's Beihang–UPV agreement with passkeys held by Chromium's
// virtual WebAuthn authenticator (Chrome DevTools Protocol), then verifying
// the executed PDF by uploading it on /verify.
const PASSWORD = "concord-demo-2025";

async function signedInWithAuthenticator(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  return page;
}

async function registerPasskey(page: Page, name: string) {
  await page.goto("/account/passkeys");
  await page.getByLabel(/Name of this passkey|通行密钥名称/).fill(name);
  await page.getByRole("button", { name: /Register a passkey|注册通行密钥/ }).click();
  await expect(page.getByTestId("passkey-list").getByText(name)).toBeVisible();
}

async function signAgreement(page: Page) {
  await page.goto("/accords");
  await page
    .getByRole("link", {
      name: /Beihang University and Polytechnic University of Valencia|北京航空航天大学与Universitat Politècnica de València/,
    })
    .click();
  await page.getByRole("link", { name: /^(Sign|签署)$/ }).click();
  await expect(page.getByText("The two universities will exchange graduate students").first()).toBeVisible();
  await page
    .getByLabel(/I sign on behalf of|本人代表/)
    .first()
    .check();
  await page.getByRole("button", { name: /Sign with a passkey|使用通行密钥签署/ }).click();
  await page.waitForURL(/\/accords\/[0-9a-f-]{36}$/);
}

test("two signatories sign with passkeys; the executed PDF verifies on /verify", async ({ browser }) => {
  const beihang = await signedInWithAuthenticator(browser, "beihang.admin@concord.test");
  await registerPasskey(beihang, "Laptop");
  await signAgreement(beihang);
  // Liu Yang reads Concord in Chinese.
  await expect(beihang.getByTestId("party-beihang")).toContainText("通行密钥（WebAuthn）");
  await expect(beihang.getByTestId("accord-status")).toHaveText("等待签署");

  const upv = await signedInWithAuthenticator(browser, "upv.admin@concord.test");
  await registerPasskey(upv, "Phone");
  await signAgreement(upv);
  await expect(upv.getByTestId("accord-status")).toHaveText("Executed");
  await upv.screenshot({ path: "tests/artifacts/accords-executed.png", fullPage: true });

  const download = upv.waitForEvent("download");
  await upv.getByRole("link", { name: "Download the executed PDF" }).click();
  const pdfPath = await (await download).path();
  const bytes = fs.readFileSync(pdfPath!);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");

  await upv.goto("/verify");
  await upv.getByLabel("Or upload the executed PDF").setInputFiles({ name: "accord.pdf", mimeType: "application/pdf", buffer: bytes });
  await upv.getByRole("button", { name: "Verify the PDF" }).click();
  await expect(upv.getByTestId("verify-result")).toContainText("Verified: this accord is executed and every check passes.");
  await expect(upv.getByTestId("verify-result")).toContainText("This PDF is exactly the executed PDF Concord issued.");
  await upv.screenshot({ path: "tests/artifacts/accords-verified.png", fullPage: true });

  // A file that is not a PDF gets a clear message.
  await upv
    .getByLabel("Or upload the executed PDF")
    .setInputFiles({ name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from("not a pdf") });
  await upv.getByRole("button", { name: "Verify the PDF" }).click();
  await expect(upv.getByRole("alert")).toContainText("That file is not a PDF.");
});

test("the ceremony board shows the conference's accords and the seal key is published", async ({ page, request }) => {
  await page.goto("/conferences/icete-2025/ceremony");
  await expect(page.getByRole("heading", { name: /Joint Declaration on Mutual Recognition/ })).toBeVisible();
  // The universities' agreements asked to be shown here and the organizer accepted them (decision 042).
  await expect(page.getByRole("heading", { name: /Cooperation agreement .*Beihang University/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Accords asking to be shown here" })).toHaveCount(0);
  const key = await request.get("/.well-known/concord-seal-key");
  expect(key.status()).toBe(200);
  expect(await key.json()).toMatchObject({ algorithm: "Ed25519" });
});

test("an accord asking to be shown at a conference waits for its organizer, who accepts it on the ceremony page", async ({ browser }) => {
  const title = `Memorandum on joint laboratories ${Date.now()}`;
  const upv = await browser.newPage();
  await signIn(upv, "upv.admin@concord.test");
  await upv.goto("/accords/new");
  await upv.getByLabel("Title (English)").fill(title);
  // By name: the demo also has its next edition, listed first (the latest conference comes first).
  await upv
    .getByLabel("Conference where it is signed")
    .selectOption({ label: "2nd International Conference on Excellent Engineer Training" });
  await upv
    .getByLabel(/\(beihang\)/)
    .first()
    .check();
  await upv.getByRole("button", { name: "Start drafting" }).click();
  await expect(upv).toHaveURL(/\/accords\/[0-9a-f-]{36}/);
  await upv.close();

  const organizer = await browser.newPage();
  await signIn(organizer, "organizer@concord.test");
  await organizer.goto("/conferences/icete-2025/ceremony");
  const request = organizer.getByTestId("ceremony-request").filter({ hasText: title });
  await expect(request).toBeVisible();
  await organizer.screenshot({ path: "tests/artifacts/ceremony-link-request.png", fullPage: true });
  await request.getByRole("button", { name: "Accept" }).click();
  await expect(organizer.getByText("The accord is now shown at this conference.")).toBeVisible();
  await expect(organizer.getByTestId("ceremony-request").filter({ hasText: title })).toHaveCount(0);
  await organizer.close();
});
