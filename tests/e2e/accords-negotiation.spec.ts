import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./support";

// Negotiating the demo's Beijing Jiaotong – Ponta Grossa agreement (issue 13 §1–§2): Ponta Grossa
// proposes new wording for clause 4 and leaves notes, Beijing Jiaotong deletes clause 2, inserts and
// moves clauses (once without JavaScript), accepts the amendment on the clause it named, meets a
// conflict, and sees the other language marked to be updated.
const TITLE = /Beijing Jiaotong University and State University of Ponta Grossa/;

async function person(browser: Browser, email: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

async function openDraft(page: Page) {
  await page.goto("/accords");
  await page.getByRole("link", { name: TITLE }).first().click();
  await page.getByRole("link", { name: "Draft", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Clause 1", exact: true }).first()).toBeVisible();
}

/** A clause of the text (not the editor), by its number. */
const clause = (page: Page, n: number) =>
  page.locator("ol > li").filter({ has: page.getByRole("heading", { name: `Clause ${n}`, exact: true }) });

test("two parties negotiate: amendment follows its clause, conflicts are shown, internal notes stay internal", async ({ browser }) => {
  test.setTimeout(240_000);
  const uepg = await person(browser, "uepg.admin@concord.test");
  await openDraft(uepg);

  // Ponta Grossa proposes new wording for clause 4, in both languages.
  const c4 = clause(uepg, 4);
  await c4.getByText("Propose new wording").click();
  await c4
    .getByLabel("Proposed wording (English)")
    .fill("Each university names a coordinator; the coordinators review the cooperation every six months.");
  await c4.getByLabel("Proposed wording (Chinese)").fill("双方各指定一名协调人，每六个月共同评估合作进展。");
  await c4.getByLabel("Why").fill("A yearly review is too slow for the first exchange.");
  await c4.getByRole("button", { name: "Propose" }).click();
  await expect(uepg.getByText("Your amendment was proposed.")).toBeVisible();

  // An internal note and a shared comment on clause 1.
  const c1 = clause(uepg, 1);
  await c1.getByLabel("Your comment").fill("Internal: our rector wants the word 'closely' kept.");
  await c1.getByLabel("Only my organization").check();
  await c1.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(uepg.getByText("Your comment was added.")).toBeVisible();
  await clause(uepg, 1).getByLabel("Your comment").fill("Could clause 1 name the engineering faculties?");
  await clause(uepg, 1).getByRole("button", { name: "Comment", exact: true }).click();
  await expect(clause(uepg, 1).getByText("Could clause 1 name the engineering faculties?")).toBeVisible();
  await expect(clause(uepg, 1).getByText("Internal note")).toBeVisible();

  // Beijing Jiaotong edits without JavaScript: delete clause 2, move the last clause up, save.
  const bjtuNoJs = await person(browser, "bjtu.admin@concord.test", false);
  await openDraft(bjtuNoJs);
  await expect(bjtuNoJs.getByText("Internal: our rector")).toHaveCount(0);
  await expect(bjtuNoJs.getByText("Could clause 1 name the engineering faculties?")).toBeVisible();
  const editor = bjtuNoJs.locator("#editor");
  await editor.getByRole("button", { name: "Delete clause 2" }).click();
  await expect(bjtuNoJs.locator("#editor").getByRole("button", { name: "Delete clause 5" })).toHaveCount(0);
  await bjtuNoJs.locator("#editor").getByRole("button", { name: "Move clause 4 up" }).click();
  await bjtuNoJs.locator("#editor").getByRole("button", { name: "Insert a clause after clause 4" }).click();
  const fifth = bjtuNoJs.locator("#editor fieldset").nth(4);
  await fifth.getByLabel("English").fill("Either university may end this agreement with six months' written notice.");
  await fifth.getByLabel("Chinese").fill("任何一方可提前六个月书面通知终止本协议。");
  await bjtuNoJs.locator("#editor").getByLabel("Note on this version").fill("Clause 2 moves to an annex; notice period added.");
  await bjtuNoJs
    .locator("#editor")
    .getByRole("button", { name: /^Save as version/ })
    .click();
  await expect(bjtuNoJs.getByText(/Version \d+ was saved/)).toBeVisible();
  await expect(bjtuNoJs.getByText("deleted clause 2")).toBeVisible();
  await expect(bjtuNoJs.getByText("moved clause 5 to 3")).toBeVisible();

  // With JavaScript: the amendment now sits on clause 4 (the coordinators' clause), shown as tracked changes.
  const bjtu = await person(browser, "bjtu.admin@concord.test");
  await openDraft(bjtu);
  const coordinators = bjtu.locator("ol > li").filter({ hasText: "names a coordinator" });
  await expect(coordinators.getByRole("article", { name: "Tracked changes" })).toBeVisible();
  await expect(coordinators.locator("ins").first()).toBeVisible();
  await bjtu.screenshot({ path: "tests/artifacts/accords-negotiation-redline.png", fullPage: true });
  await coordinators.screenshot({ path: "tests/artifacts/accords-negotiation-redline-clause.png" });
  await coordinators.getByLabel("Why (required to reject)").fill("Agreed for the first two years.");
  await coordinators.getByRole("button", { name: "Accept (new version)" }).click();
  await expect(bjtu.getByText("The amendment was decided.")).toBeVisible();
  const accepted = bjtu.locator("ol > li").filter({ hasText: "every six months" });
  await expect(accepted).toContainText("每六个月共同评估合作进展");
  await expect(bjtu.locator("ol > li").filter({ hasText: "takes effect when both universities" })).toContainText("有效期五年");

  // A one-language amendment to the first clause, then the editor changes that clause: a conflict.
  await openDraft(uepg);
  const first = clause(uepg, 1);
  await first.getByText("Propose new wording").click();
  await first
    .getByLabel("Proposed wording (English)")
    .fill("Beijing Jiaotong University and State University of Ponta Grossa agree to cooperate in the training of excellent engineers.");
  await first.getByRole("button", { name: "Propose" }).click();
  await expect(uepg.getByText("Your amendment was proposed.")).toBeVisible();

  await openDraft(bjtu);
  const ed = bjtu.locator("#editor fieldset").first();
  await ed
    .getByLabel("English")
    .fill("Beijing Jiaotong University and State University of Ponta Grossa agree to cooperate closely in engineering education.");
  await bjtu
    .locator("#editor")
    .getByRole("button", { name: /^Save as version/ })
    .click();
  await expect(bjtu.getByText(/Version \d+ was saved/)).toBeVisible();
  const conflicted = clause(bjtu, 1);
  await expect(conflicted.getByText("This clause changed after the amendment was written")).toBeVisible();
  await expect(conflicted.getByText("Current text", { exact: true })).toBeVisible();
  await conflicted.screenshot({ path: "tests/artifacts/accords-negotiation-conflict.png" });
  await conflicted.getByRole("button", { name: "Accept (new version)" }).click();
  await expect(clause(bjtu, 1).getByRole("alert")).toContainText("changed since this amendment was written");
  await clause(bjtu, 1)
    .getByLabel(/I compared it with the current text/)
    .check();
  await clause(bjtu, 1).getByRole("button", { name: "Accept (new version)" }).click();
  await expect(bjtu.getByText("The amendment was decided.")).toBeVisible();
  await expect(clause(bjtu, 1).getByText("Chinese: to be updated to match the other language")).toBeVisible();
  // The editor shows the accepted text (not the text it held before), with the Chinese marked.
  await expect(bjtu.locator("#editor fieldset").first().getByLabel("English")).toHaveValue(
    /agree to cooperate in the training of excellent engineers/,
  );
  await expect(bjtu.locator("#editor fieldset").first().getByText("The Chinese text already matches")).toBeVisible();
  await clause(bjtu, 1).screenshot({ path: "tests/artifacts/accords-negotiation-clause-out-of-step.png" });
  await bjtu.screenshot({ path: "tests/artifacts/accords-negotiation-out-of-step.png", fullPage: true });

  // Compare versions: matched by identity.
  await bjtu.getByRole("link", { name: "Compare versions" }).click();
  await bjtu.getByLabel("From version").selectOption("1");
  await bjtu.getByRole("button", { name: "Compare" }).click();
  await expect(bjtu.getByText("Clause 2 · Deleted")).toBeVisible();
  await bjtu.screenshot({ path: "tests/artifacts/accords-negotiation-diff.png", fullPage: true });

  // Parties and signing order until the text is frozen: Ponta Grossa signs after Beijing Jiaotong, a witness joins.
  await bjtu.getByRole("link", { name: "Signatories", exact: true }).click();
  await bjtu.getByRole("button", { name: "State University of Ponta Grossa signs in a later group" }).click();
  await expect(bjtu.getByText("The parties were changed; approvals given so far were withdrawn.")).toBeVisible();
  await expect(bjtu.getByRole("heading", { name: "Signing group 2" })).toBeVisible();
  await bjtu.getByLabel("Add an organization").selectOption({ label: "Tongji University" });
  await bjtu.getByLabel("As a witness").check();
  await bjtu.getByRole("button", { name: "Add", exact: true }).click();
  await expect(bjtu.getByText("(Witness)")).toBeVisible();
  await bjtu.screenshot({ path: "tests/artifacts/accords-negotiation-parties.png", fullPage: true });
});
