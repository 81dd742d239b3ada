import { expect, test } from "@playwright/test";
import { signIn } from "./support";

// Blind review and the call's own questions (decision 072), in the browser on the demo's next edition, whose call
// is blind: the organizer adds a question hidden from reviewers and one shown to them, a submitter answers both,
// and the reviewer reads only the shown answer, with a note where the other one is withheld.
const SLUG = "icete-next";
const HIDDEN = "Instituto Zeta de Ingenieria, Valencia";
const SHOWN = "Participants leave with a checklist for joint supervision";

test("an organizer hides a question's answers from blind reviewers; the reviewer sees the note, not the answer", async ({ browser }) => {
  const organizer = await (await browser.newContext()).newPage();
  await signIn(organizer, "organizer@concord.test");
  await organizer.goto(`/conferences/${SLUG}/manage/programme/cfp`);
  const questions = organizer.getByRole("region", { name: "Custom questions" });
  await questions.getByLabel("Question", { exact: true }).fill("Your institution");
  await questions.getByRole("button", { name: "Add the question" }).click();
  await expect(questions.getByRole("listitem").filter({ hasText: "Your institution" })).toContainText("hidden in blind review");
  // The second one is shown from the start: the box on the form.
  await questions.getByLabel("Question", { exact: true }).fill("What will participants take away?");
  await questions.getByLabel("Shown to reviewers in blind review").check();
  await questions.getByRole("button", { name: "Add the question" }).click();
  const takeaway = questions.getByRole("listitem").filter({ hasText: "What will participants take away?" });
  await expect(takeaway).toContainText("shown in blind review");
  // Changed afterwards by the button beside it, and back.
  await takeaway
    .getByRole("button", { name: "Hide the answers to “What will participants take away?” from reviewers in blind review" })
    .click();
  await expect(takeaway).toContainText("hidden in blind review");
  await takeaway
    .getByRole("button", { name: "Show the answers to “What will participants take away?” to reviewers in blind review" })
    .click();
  await expect(takeaway).toContainText("shown in blind review");

  const submitter = await (await browser.newContext()).newPage();
  await signIn(submitter, "bjtu.admin@concord.test"); // a demo account no other browser test sends proposals with
  await submitter.goto(`/conferences/${SLUG}/proposals/new`);
  await submitter.getByLabel("Title", { exact: true }).fill("Joint supervision across borders, a year on");
  await submitter.getByLabel("Abstract", { exact: true }).fill("What two universities learned supervising doctoral students together.");
  await submitter.getByLabel("Track").selectOption({ label: "Recognition in practice" });
  await submitter.getByLabel("Name of author 1").fill("Ana Zeta");
  await submitter.getByLabel("Email of author 1").fill("ana.zeta@example.org");
  await expect(submitter.getByText("Only the organizers read this answer; reviewers do not (blind review).")).toBeVisible();
  await submitter.getByLabel("Your institution").fill(HIDDEN);
  await submitter.getByLabel("What will participants take away?").fill(SHOWN);
  await submitter.getByRole("button", { name: "Submit the proposal" }).click();
  await expect(submitter.getByText("Your proposal was received")).toBeVisible();

  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "reviewer@concord.test");
  await reviewer.goto(`/conferences/${SLUG}/reviews`);
  await reviewer.getByRole("link", { name: "Joint supervision across borders, a year on" }).click();
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText("Joint supervision across borders, a year on");
  await expect(reviewer.getByText(SHOWN)).toBeVisible();
  await expect(reviewer.getByTestId("answer-withheld")).toHaveText(/Hidden in blind review/);
  expect(await reviewer.content()).not.toContain(HIDDEN);
  expect(await reviewer.content()).not.toContain("Ana Zeta");

  // The organizer, who decides, reads both.
  await organizer.goto(reviewer.url());
  await expect(organizer.getByText(HIDDEN)).toBeVisible();
  await expect(organizer.getByText(SHOWN)).toBeVisible();
});
