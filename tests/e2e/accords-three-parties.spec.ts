import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { signIn } from "./support";

// Issue 13's "Done means", end to end in Chromium: three universities negotiate a new memorandum
// (Valencia drafts: inserts, moves and deletes clauses; Bandung proposes an amendment that then meets
// a conflict, resolved by Valencia; internal and shared comments, the internal one unseen by the
// others), freeze it, and sign with passkeys (Chromium's virtual authenticator) in two signing groups —
// Valencia's signature delegated from Jordi Puig to Elena Torres — then verify it on /verify, offline
// from the bundle with the seal key pinned, and in the executed PDF's certificate.
const TITLE = `Memorandum on joint engineering laboratories ${Date.now()}`;
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

type Person = { page: Page; close: () => Promise<void> };

/** A signed-in person in their own browser context, with a virtual platform authenticator (user verified). */
async function person(browser: Browser, email: string): Promise<Person> {
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
  await signIn(page, email);
  return { page, close: () => context.close() };
}

async function registerPasskey(page: Page, name: string) {
  await page.goto("/account/passkeys");
  await page.getByLabel("Name of this passkey").fill(name);
  await page.getByRole("button", { name: "Register a passkey" }).click();
  await expect(page.getByTestId("passkey-list").getByText(name)).toBeVisible();
}

let accordPath = "";

async function open(page: Page, tab?: "Draft" | "Signatories" | "Sign") {
  await page.goto(accordPath);
  if (tab) await page.getByRole("link", { name: tab, exact: true }).click();
}

/** A clause of the text (not the editor), by its number. */
const clause = (page: Page, n: number): Locator =>
  page.locator("ol > li").filter({ has: page.getByRole("heading", { name: `Clause ${n}`, exact: true }) });
const editor = (page: Page) => page.locator("#editor");
const editorClause = (page: Page, n: number) =>
  editor(page)
    .locator("fieldset")
    .nth(n - 1);

async function saveVersion(page: Page, note: string) {
  await editor(page).getByLabel("Note on this version").fill(note);
  await editor(page)
    .getByRole("button", { name: /^Save as version/ })
    .click();
  await expect(page.getByText(/Version \d+ was saved/)).toBeVisible();
}

/** The local mailbox's rows (/dev/mail) to one person with a subject; the outbox worker delivers within seconds. */
const mailRow = (page: Page, to: string, subject: string) =>
  page.getByTestId("mailbox").locator("tr").filter({ hasText: to }).filter({ hasText: subject });

async function expectMail(page: Page, to: string, subject: string) {
  await expect(async () => {
    await page.goto("/dev/mail");
    await expect(mailRow(page, to, subject).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
}

async function signWithPasskey(page: Page) {
  await open(page, "Sign");
  await page
    .getByLabel(/I sign on behalf of/)
    .first()
    .check();
  await page.getByRole("button", { name: "Sign with a passkey" }).click();
}

test("three parties negotiate, freeze, sign in two groups with a delegation, and verify", async ({ browser }) => {
  test.setTimeout(600_000);

  // ── Valencia starts the memorandum with Bandung and Nairobi as parties. ──
  const upv = await person(browser, "upv.admin@concord.test");
  await upv.page.goto("/accords/new");
  await upv.page.getByLabel("Title (English)").fill(TITLE);
  await upv.page.getByLabel("Title (Chinese)").fill("联合工程实验室备忘录");
  await upv.page
    .getByLabel(/\(itb\)/)
    .first()
    .check();
  await upv.page
    .getByLabel(/\(uon\)/)
    .first()
    .check();
  await upv.page.getByRole("button", { name: "Start drafting" }).click();
  await expect(upv.page).toHaveURL(/\/accords\/[0-9a-f-]{36}\/draft/);
  accordPath = new URL(upv.page.url()).pathname.replace(/\/draft$/, "");
  const accordId = accordPath.split("/").pop()!;

  // Valencia drafts three clauses in both languages.
  const texts = [
    ["The three universities set up joint engineering laboratories.", "三所大学共建联合工程实验室。"],
    ["Each university hosts one laboratory and opens it to the others' students.", "每所大学承建一个实验室，并向其他大学的学生开放。"],
    ["The laboratories publish their results openly.", "各实验室公开发表研究成果。"],
  ];
  await editor(upv.page).getByRole("button", { name: "Insert a clause at the start" }).click();
  for (let i = 0; i < texts.length; i++) {
    if (i > 0)
      await editor(upv.page)
        .getByRole("button", { name: `Insert a clause after clause ${i}` })
        .click();
    await editorClause(upv.page, i + 1)
      .getByLabel("English")
      .fill(texts[i][0]);
    await editorClause(upv.page, i + 1)
      .getByLabel("Chinese")
      .fill(texts[i][1]);
  }
  await saveVersion(upv.page, "First draft.");
  await expect(clause(upv.page, 3)).toContainText("publish their results openly");

  // Then reworks it: deletes clause 3, inserts a funding clause, moves it to the top.
  await editor(upv.page).getByRole("button", { name: "Delete clause 3" }).click();
  await expect(editor(upv.page).getByRole("button", { name: "Delete clause 3" })).toHaveCount(0);
  await editor(upv.page).getByRole("button", { name: "Insert a clause after clause 2" }).click();
  await editorClause(upv.page, 3).getByLabel("English").fill("Each university funds its own laboratory.");
  await editorClause(upv.page, 3).getByLabel("Chinese").fill("各大学自行承担其实验室的经费。");
  await editor(upv.page).getByRole("button", { name: "Move clause 3 up" }).click();
  await saveVersion(upv.page, "Results clause moves to the annex; funding added.");
  // The version history says what this version changed (the first one inserted clauses 1 to 3).
  await expect(upv.page.getByText("deleted clause 3")).toBeVisible();
  await expect(upv.page.getByText("inserted clause 2")).toHaveCount(2);
  await expect(clause(upv.page, 2)).toContainText("funds its own laboratory");
  await expect(clause(upv.page, 3)).toContainText("hosts one laboratory");

  // ── Bandung comments (one note internal to Bandung, one shared) and proposes new wording for clause 3. ──
  const itb = await person(browser, "itb.admin@concord.test");
  await open(itb.page, "Draft");
  await clause(itb.page, 1).getByLabel("Your comment").fill("Internal: our senate must approve any new laboratory.");
  await clause(itb.page, 1).getByLabel("Only my organization").check();
  await clause(itb.page, 1).getByRole("button", { name: "Comment", exact: true }).click();
  await expect(itb.page.getByText("Your comment was added.")).toBeVisible();
  await clause(itb.page, 1).getByLabel("Your comment").fill("Could clause 1 name the three laboratories?");
  await clause(itb.page, 1).getByRole("button", { name: "Comment", exact: true }).click();
  await expect(clause(itb.page, 1).getByText("Could clause 1 name the three laboratories?")).toBeVisible();
  await expect(clause(itb.page, 1).getByText("Internal note")).toBeVisible();
  const hosting = clause(itb.page, 3);
  await hosting.getByText("Propose new wording").click();
  await hosting
    .getByLabel("Proposed wording (English)")
    .fill("Each university hosts one laboratory and opens it to the others' students and staff.");
  await hosting.getByLabel("Proposed wording (Chinese)").fill("每所大学承建一个实验室，并向其他大学的学生和教职员工开放。");
  await hosting.getByLabel("Why").fill("Staff need access too.");
  await hosting.getByRole("button", { name: "Propose" }).click();
  await expect(itb.page.getByText("Your amendment was proposed.")).toBeVisible();

  // ── Nairobi sees the shared comment, not Bandung's internal note, and answers with a shared comment. ──
  const uon = await person(browser, "uon.admin@concord.test");
  await open(uon.page, "Draft");
  await expect(uon.page.getByText("Could clause 1 name the three laboratories?")).toBeVisible();
  await expect(uon.page.getByText("Internal: our senate")).toHaveCount(0);
  await clause(uon.page, 1).getByLabel("Your comment").fill("Nairobi's laboratory will be the structures laboratory.");
  await clause(uon.page, 1).getByRole("button", { name: "Comment", exact: true }).click();
  await expect(uon.page.getByText("Your comment was added.")).toBeVisible();

  // ── Valencia edits the clause the amendment names: the amendment then shows its conflict. ──
  await open(upv.page, "Draft");
  await expect(upv.page.getByText("Internal: our senate")).toHaveCount(0);
  await expect(upv.page.getByText("Nairobi's laboratory will be the structures laboratory.")).toBeVisible();
  await editorClause(upv.page, 3)
    .getByLabel("English")
    .fill("Each university hosts one laboratory and opens it to the others' students for at least four weeks a year.");
  await editorClause(upv.page, 3).getByLabel("Chinese").fill("每所大学承建一个实验室，并每年向其他大学的学生开放至少四周。");
  await saveVersion(upv.page, "Access period stated.");
  const conflicted = clause(upv.page, 3);
  await expect(conflicted.getByText("This clause changed after the amendment was written")).toBeVisible();
  await expect(conflicted.getByText("Current text", { exact: true }).first()).toBeVisible();
  await conflicted.getByRole("button", { name: "Accept (new version)" }).click();
  await expect(clause(upv.page, 3).getByRole("alert")).toContainText("changed since this amendment was written");
  await clause(upv.page, 3)
    .getByLabel(/I compared it with the current text/)
    .check();
  await clause(upv.page, 3).getByRole("button", { name: "Accept (new version)" }).click();
  await expect(upv.page.getByText("The amendment was decided.")).toBeVisible();
  await expect(clause(upv.page, 3)).toContainText("students and staff");
  await expect(clause(upv.page, 3)).toContainText("学生和教职员工");

  // ── Signing order: Nairobi signs in a later group. Signatories: Valencia delegates to Elena Torres. ──
  await open(upv.page, "Signatories");
  await upv.page.getByRole("button", { name: "University of Nairobi signs in a later group" }).click();
  await expect(upv.page.getByText("The parties were changed; approvals given so far were withdrawn.")).toBeVisible();
  await expect(upv.page.getByRole("heading", { name: "Signing group 2" })).toBeVisible();

  /** The party's admin designates themself (they hold the organization's SIGNATORY role). */
  async function designateSelf(p: Page, org: string, member: string) {
    await open(p, "Signatories");
    const section = p.locator("section").filter({ has: p.getByRole("heading", { name: org, exact: true }) });
    await section.getByLabel("Member").selectOption({ label: `${member} — has the organization's signatory role` });
    await section.getByRole("button", { name: "Designate" }).click();
    await expect(p.getByText("The signatory was designated.")).toBeVisible();
  }
  await designateSelf(upv.page, "Polytechnic University of Valencia", "Jordi Puig (upv.admin@concord.test)");
  await designateSelf(itb.page, "Bandung Institute of Technology", "Budi Santoso (itb.admin@concord.test)");
  await designateSelf(uon.page, "University of Nairobi", "Peter Otieno (uon.admin@concord.test)");
  const valencia = upv.page
    .locator("section")
    .filter({ has: upv.page.getByRole("heading", { name: "Polytechnic University of Valencia" }) });
  await valencia.getByLabel("Delegate to").selectOption({ label: "Elena Torres (reviewer@concord.test)" });
  await valencia.getByLabel("Reason for delegating").fill("The Vice-Rector travels during the signing week.");
  await valencia.getByRole("button", { name: "Delegate authority" }).click();
  await expect(upv.page.getByText("Authority was delegated.")).toBeVisible();

  // ── Every party approves the same version: the text freezes. ──
  for (const [p, org] of [
    [upv.page, "Polytechnic University of Valencia"],
    [itb.page, "Bandung Institute of Technology"],
    [uon.page, "University of Nairobi"],
  ] as const) {
    await open(p);
    await p.getByRole("button", { name: new RegExp(`^Approve version \\d+ as final for ${org}`) }).click();
    await expect(p.getByText(/Approved\. The text freezes|the text is frozen and ready for signature/)).toBeVisible();
  }
  await expect(uon.page.getByText("Every party approved: the text is frozen and ready for signature.")).toBeVisible();

  // ── Told in turn: group 1's signatories (Elena Torres as the delegate) now; Nairobi only once group 1 has signed. ──
  const yourTurn = `It is your turn to sign “${TITLE}”`;
  await expectMail(uon.page, "itb.admin@concord.test", yourTurn);
  await expectMail(uon.page, "reviewer@concord.test", yourTurn);
  await expect(mailRow(uon.page, "uon.admin@concord.test", yourTurn)).toHaveCount(0);
  await expect(mailRow(uon.page, "upv.admin@concord.test", yourTurn)).toHaveCount(0);

  // ── Signing. Jordi Puig delegated his authority away: nothing for him to sign. ──
  await open(upv.page);
  await expect(upv.page.getByRole("link", { name: "Sign", exact: true })).toHaveCount(0);
  await upv.page.goto(`${accordPath}/sign`);
  await expect(upv.page.getByText("There is nothing for you to sign here right now.")).toBeVisible();

  // Nairobi (group 2) cannot sign before group 1 has.
  await registerPasskey(uon.page, "Nairobi laptop");
  await signWithPasskey(uon.page);
  await expect(uon.page.getByText("Earlier signing groups have not all signed yet")).toBeVisible();

  // Group 1: Bandung, and Elena Torres for Valencia.
  await registerPasskey(itb.page, "Bandung laptop");
  await signWithPasskey(itb.page);
  await itb.page.waitForURL(/\/accords\/[0-9a-f-]{36}$/);
  const elena = await person(browser, "reviewer@concord.test");
  await registerPasskey(elena.page, "Elena's phone");
  await signWithPasskey(elena.page);
  await elena.page.waitForURL(/\/accords\/[0-9a-f-]{36}$/);
  await expect(elena.page.getByTestId("accord-status")).toHaveText("Awaiting signatures");

  // Group 2: Nairobi is told, signs now, and the accord is executed.
  await expectMail(uon.page, "uon.admin@concord.test", yourTurn);
  await signWithPasskey(uon.page);
  await uon.page.waitForURL(/\/accords\/[0-9a-f-]{36}$/);
  await expect(uon.page.getByTestId("accord-status")).toHaveText("Executed");
  await uon.page.screenshot({ path: "tests/artifacts/accords-three-parties-executed.png", fullPage: true });
  // The audit trail reads as sentences, the signing order and the delegation included.
  await expect(uon.page.getByText("Jordi Puig put University of Nairobi in signing group 2")).toBeVisible();
  await expect(
    uon.page.getByText("Jordi Puig delegated the signature for Polytechnic University of Valencia to Elena Torres"),
  ).toBeVisible();

  // Everyone is told, with the executed PDF attached (decision 068).
  await expectMail(uon.page, "uon.admin@concord.test", `“${TITLE}” has been executed`);
  await mailRow(uon.page, "uon.admin@concord.test", `“${TITLE}” has been executed`).getByRole("link").first().click();
  await expect(uon.page.getByTestId("mail-attachments")).toContainText(`accord-${accordId}.pdf (application/pdf`);

  // ── Verify on /verify by document hash. ──
  const bundleResponse = await uon.page.request.get(`${accordPath}/bundle?view=public`);
  expect(bundleResponse.status()).toBe(200);
  const bundleText = await bundleResponse.text();
  const bundle = JSON.parse(bundleText) as {
    document: { hash: string };
    audit: { type: string; data: Record<string, unknown> }[];
    signatures: { orgName: string; signerName: string }[];
  };
  const visitor = await browser.newPage();
  await visitor.goto(`/verify?hash=${bundle.document.hash}`);
  await expect(visitor.getByTestId("verify-result")).toContainText("Verified: this accord is executed and every check passes.");
  await expect(visitor.getByTestId("verify-result")).toContainText("Elena Torres");
  await visitor.screenshot({ path: "tests/artifacts/accords-three-parties-verified.png", fullPage: true });

  // The public bundle: the delegation and both groups are in the chain; no comment text, internal or shared.
  const types = bundle.audit.map((e) => e.type);
  expect(types.filter((t) => t === "signatory.delegated")).toHaveLength(1);
  expect(types.filter((t) => t === "signed")).toHaveLength(3);
  expect(bundle.signatures.map((s) => s.signerName)).toContain("Elena Torres");
  expect(bundleText).not.toContain("our senate must approve");
  expect(bundleText).not.toContain("name the three laboratories");

  // ── Offline: `npm run verify` with Concord's published seal key pinned says VERIFIED; unpinned it does not. ──
  const key = (await (await visitor.request.get("/.well-known/concord-seal-key")).json()) as { publicKey: string };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-e2e-bundle-"));
  const file = path.join(dir, `accord-${accordId}.bundle.json`);
  fs.writeFileSync(file, bundleText);
  const verify = (...args: string[]) => {
    try {
      return execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/verify-bundle.ts", file, ...args], {
        cwd: ROOT,
        encoding: "utf8",
      });
    } catch (error) {
      return String((error as { stdout?: string }).stdout ?? error);
    }
  };
  const pinned = verify("--key", key.publicKey);
  expect(pinned).toContain("VERIFIED (seal key pinned)");
  expect(pinned).not.toContain("FAIL ");
  expect(verify()).toContain("NOT VERIFIED: seal valid under an UNKNOWN key");

  // ── The executed PDF names the delegation on its certificate page. ──
  const pdf = Buffer.from(await (await visitor.request.get(`${accordPath}/pdf`)).body());
  const pdfFile = path.join(dir, "accord.pdf");
  fs.writeFileSync(pdfFile, pdf);
  const text = execFileSync("pdftotext", [pdfFile, "-"], { encoding: "utf8" });
  expect(text).toContain("Signature delegated from Jordi Puig to Elena Torres");
  expect(text).toContain("Signed as delegate of Jordi Puig");

  for (const p of [upv, itb, uon, elena]) await p.close();
  await visitor.close();
});
