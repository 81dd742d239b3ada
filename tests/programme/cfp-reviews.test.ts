import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as cfpAdmin from "~/routes/programme/manage/cfp";
import * as proposalsAdmin from "~/routes/programme/manage/proposals";
import * as proposalPage from "~/routes/programme/proposal";
import * as cfpPublic from "~/routes/programme/proposals";
import * as reviewRoute from "~/routes/programme/review";
import * as reviewQueue from "~/routes/programme/reviews";
import { db } from "~/utils/db.server";
import { serveApp, type Served } from "../hostile/app";
import { callAction, callLoader } from "../support/http";
import { grantConferenceRole, makeUser, type TestUser } from "../support/world";
import { organizerWorld } from "./support";

const DAY = 24 * 3600 * 1000;

/** A published conference with an open call (two criteria, one required question, two tracks) and its people. */
async function callWorld(opts: { closed?: boolean } = {}) {
  const world = await organizerWorld();
  const { conference, organizer } = world;
  const slug = conference.slug;
  const adminPath = { path: `/conferences/${slug}/manage/programme/cfp`, params: { slug }, cookie: organizer.cookie };
  const local = (ms: number) => new Date(Date.now() + ms + 8 * 3600 * 1000).toISOString().slice(0, 16);
  expect(
    (
      await callAction(cfpAdmin, {
        ...adminPath,
        form: {
          intent: "cfp",
          opensAt: local(-10 * DAY),
          closesAt: local(10 * DAY),
          formats: ["PAPER_SESSION", "WORKSHOP"],
          intro: "Send us your work",
        },
      })
    ).status,
  ).toBe(302);
  await callAction(cfpAdmin, { ...adminPath, form: { intent: "question", label: "Why this matters", required: "on" } });
  await callAction(cfpAdmin, { ...adminPath, form: { intent: "criterion", name: "Relevance", maxScore: "5" } });
  await callAction(cfpAdmin, { ...adminPath, form: { intent: "criterion", name: "Clarity", maxScore: "5" } });
  const [t1, t2] = [
    await db().track.create({ data: { conferenceId: conference.id, name: "Quality" } }),
    await db().track.create({ data: { conferenceId: conference.id, name: "AI" } }),
  ];
  const question = await db().cfpQuestion.findFirstOrThrow({ where: { conferenceId: conference.id } });
  const criteria = await db().reviewCriterion.findMany({ where: { conferenceId: conference.id }, orderBy: { position: "asc" } });
  const reviewer = async (name: string, track: { id: string }) => {
    const u = await makeUser({ name });
    await grantConferenceRole(conference.id, u.id, "REVIEWER");
    const res = await callAction(cfpAdmin, { ...adminPath, form: { intent: "assign", email: u.email, trackId: track.id } });
    expect(res.status).toBe(302);
    return u;
  };
  const [alice, bob, carol] = [
    await reviewer("Alice Reviewer", t1),
    await reviewer("Bob Reviewer", t1),
    await reviewer("Carol Reviewer", t2),
  ];
  if (opts.closed)
    await db().callForProposals.update({ where: { conferenceId: conference.id }, data: { closesAt: new Date(Date.now() - 1000) } });
  return { ...world, slug, adminPath, t1, t2, question, criteria, alice, bob, carol };
}

type World = Awaited<ReturnType<typeof callWorld>>;

function propose(w: World, who: TestUser, over: Record<string, string> = {}, id = "new") {
  return callAction(proposalPage, {
    path: `/conferences/${w.slug}/proposals/${id}`,
    params: { slug: w.slug, id },
    cookie: who.cookie,
    form: {
      title: "Outcome-based accreditation",
      abstract: "How it works",
      abstractZh: "如何运作",
      format: "PAPER_SESSION",
      trackId: w.t1.id,
      language: "en",
      "authors[0].name": "Ana Submitter",
      "authors[0].email": "ana@example.org",
      "authors[0].affiliation": "UPV",
      "authors[1].name": "Co Author",
      "authors[1].email": "co@example.org",
      [`answers.${w.question.id}`]: "Because",
      ...over,
    },
  });
}

function review(w: World, who: TestUser, proposalId: string, scores: [number, number], comment = "Solid") {
  return callAction(reviewRoute, {
    path: `/conferences/${w.slug}/reviews/${proposalId}`,
    params: { slug: w.slug, id: proposalId },
    cookie: who.cookie,
    form: { [`scores.${w.criteria[0].id}`]: String(scores[0]), [`scores.${w.criteria[1].id}`]: String(scores[1]), comment },
  });
}

const reviewView = (w: World, who: TestUser, id: string) =>
  callLoader(reviewRoute, { path: `/conferences/${w.slug}/reviews/${id}`, params: { slug: w.slug, id }, cookie: who.cookie });

describe("call for proposals", () => {
  it("a submitter proposes with co-authors and answers, gets an email in their language, edits and withdraws", async () => {
    const w = await callWorld();
    const ana = await makeUser({ locale: "zh", name: "Ana Submitter" });
    const created = await propose(w, ana);
    expect(created.status).toBe(302);
    const proposal = await db().proposal.findFirstOrThrow({
      where: { submitterId: ana.id },
      include: { authors: { orderBy: { position: "asc" } }, answers: true },
    });
    expect(proposal).toMatchObject({ abstractZh: "如何运作", status: "SUBMITTED" });
    expect(proposal.authors.map((a) => [a.name, a.affiliation])).toEqual([
      ["Ana Submitter", "UPV"],
      ["Co Author", null],
    ]);
    expect(proposal.answers).toEqual([expect.objectContaining({ answer: "Because" })]);
    const mail = await db().outboxEmail.findFirstOrThrow({ where: { to: ana.email, template: "proposalReceived" } });
    expect(mail.locale).toBe("zh");
    expect((await propose(w, ana, { title: "Renamed" }, proposal.id)).status).toBe(302);
    expect((await db().proposal.findUniqueOrThrow({ where: { id: proposal.id } })).title).toBe("Renamed");
    // Someone else cannot edit it.
    expect((await propose(w, await makeUser(), { title: "Hijack" }, proposal.id)).status).toBe(404);
    const withdrawn = await callAction(proposalPage, {
      path: `/x`,
      params: { slug: w.slug, id: proposal.id },
      cookie: ana.cookie,
      form: { intent: "withdraw", confirm: "1" },
    });
    expect(withdrawn.status).toBe(302);
    expect((await db().proposal.findUniqueOrThrow({ where: { id: proposal.id } })).status).toBe("WITHDRAWN");
  });

  it("bad input: a missing required answer, a format not offered, no author — each a message, nothing written", async () => {
    const w = await callWorld();
    const ana = await makeUser();
    const noAnswer = await propose(w, ana, { [`answers.${w.question.id}`]: "" });
    expect(noAnswer.status).toBe(400);
    expect(JSON.stringify(noAnswer.data)).toContain("validation.required");
    expect(JSON.stringify((await propose(w, ana, { format: "KEYNOTE" })).data)).toContain("programme.validation.formatNotOffered");
    expect(
      JSON.stringify(
        (await propose(w, ana, { "authors[0].name": "", "authors[0].email": "", "authors[1].name": "", "authors[1].email": "" })).data,
      ),
    ).toContain("programme.validation.oneAuthor");
    expect(await db().proposal.count({ where: { conferenceId: w.conference.id } })).toBe(0);
  });

  it("after the deadline: a clear message, nothing is created or changed", async () => {
    const w = await callWorld();
    const ana = await makeUser();
    await propose(w, ana);
    const proposal = await db().proposal.findFirstOrThrow({ where: { submitterId: ana.id } });
    await db().callForProposals.update({ where: { conferenceId: w.conference.id }, data: { closesAt: new Date(Date.now() - 1000) } });
    const late = await propose(w, await makeUser());
    expect(late.status).toBe(409);
    expect(JSON.stringify(late.data)).toContain("programme.cfp.closedError");
    const lateEdit = await propose(w, ana, { title: "Too late" }, proposal.id);
    expect(lateEdit.status).toBe(409);
    expect(await db().proposal.count({ where: { conferenceId: w.conference.id } })).toBe(1);
    expect((await db().proposal.findUniqueOrThrow({ where: { id: proposal.id } })).title).toBe("Outcome-based accreditation");
    const page = await callLoader(cfpPublic, { path: `/conferences/${w.slug}/proposals`, params: { slug: w.slug }, cookie: ana.cookie });
    expect(page.data).toMatchObject({ phase: "closed" });
  });
});

describe("reviews", () => {
  it("a reviewer sees other reviews only after sending their own, never who wrote them, and nothing of other tracks", async () => {
    const w = await callWorld();
    const ana = await makeUser();
    await propose(w, ana);
    const p = await db().proposal.findFirstOrThrow({ where: { submitterId: ana.id } });
    // Carol reviews the AI track only: the Quality proposal is neither listed nor readable nor reviewable.
    const carolQueue = await callLoader(reviewQueue, {
      path: `/conferences/${w.slug}/reviews`,
      params: { slug: w.slug },
      cookie: w.carol.cookie,
    });
    expect((carolQueue.data as { proposals: unknown[] }).proposals).toEqual([]);
    expect((await reviewView(w, w.carol, p.id)).status).toBe(403);
    const carolReview = await review(w, w.carol, p.id, [1, 1]);
    expect(carolReview.status, JSON.stringify(carolReview.data)).toBe(403);
    // Bob reviews first; Alice cannot see Bob's review before sending hers.
    expect((await review(w, w.bob, p.id, [5, 3], "Bob's secret opinion")).status).toBe(302);
    const before = await reviewView(w, w.alice, p.id);
    expect(before.data).toMatchObject({ others: null, hiddenCount: 1, mine: null });
    expect(JSON.stringify(before.data)).not.toContain("Bob's secret opinion");
    expect((await review(w, w.alice, p.id, [4, 4])).status).toBe(302);
    const after = await reviewView(w, w.alice, p.id);
    expect(after.data).toMatchObject({ others: [{ label: 1, comment: "Bob's secret opinion" }], mine: { comment: "Solid" } });
    const text = JSON.stringify(after.data);
    expect(text).not.toContain("Bob Reviewer");
    expect(text).not.toContain(w.bob.email);
    expect(text).not.toContain(w.bob.id);
    // Scores outside the criterion's range are refused.
    const wrong = await review(w, w.alice, p.id, [9, 1]);
    expect(wrong.status).toBe(400);
    // The submitter never sees reviewers or reviews.
    const mine = await callLoader(proposalPage, {
      path: `/conferences/${w.slug}/proposals/${p.id}`,
      params: { slug: w.slug, id: p.id },
      cookie: ana.cookie,
    });
    const list = await callLoader(cfpPublic, { path: `/conferences/${w.slug}/proposals`, params: { slug: w.slug }, cookie: ana.cookie });
    for (const page of [mine, list]) {
      const s = JSON.stringify(page.data);
      for (const leak of ["Alice Reviewer", "Bob Reviewer", w.alice.email, w.bob.email, "secret opinion"]) expect(s).not.toContain(leak);
    }
    // Nor may the submitter open the review page.
    expect((await reviewView(w, ana, p.id)).status).toBe(403);
  });

  it("a proposal without a track is for organizers only", async () => {
    const w = await callWorld();
    const ana = await makeUser();
    await propose(w, ana, { trackId: "" });
    const p = await db().proposal.findFirstOrThrow({ where: { submitterId: ana.id } });
    expect((await reviewView(w, w.alice, p.id)).status).toBe(403);
    expect((await reviewView(w, w.organizer, p.id)).status).toBe(200);
  });

  it("organizers see aggregated scores, decide with emails in the submitter's language, and make a session with the authors as speakers", async () => {
    const w = await callWorld();
    const ana = await makeUser({ locale: "zh", email: "ana@example.org", name: "Ana Submitter" });
    const ben = await makeUser({ name: "Ben" });
    await propose(w, ana);
    await propose(w, ben, { title: "Second", "authors[0].email": "ben@example.org" });
    const [p, q] = await db().proposal.findMany({ where: { conferenceId: w.conference.id }, orderBy: { createdAt: "asc" } });
    await review(w, w.alice, p.id, [4, 2]);
    await review(w, w.bob, p.id, [5, 3]);
    const overview = await callLoader(proposalsAdmin, { path: `/x`, params: { slug: w.slug }, cookie: w.organizer.cookie });
    const row = (
      overview.data as { proposals: { id: string; average: number; reviewCount: number; perCriterion: Record<string, number> }[] }
    ).proposals.find((x) => x.id === p.id)!;
    expect(row).toMatchObject({ reviewCount: 2, average: 7, perCriterion: { [w.criteria[0].id]: 4.5, [w.criteria[1].id]: 2.5 } });
    const decide = (intent: string, proposalId: string) =>
      callAction(proposalsAdmin, { path: `/x`, params: { slug: w.slug }, cookie: w.organizer.cookie, form: { intent, proposalId } });
    expect((await decide("accept", p.id)).status).toBe(302);
    expect((await decide("reject", q.id)).status).toBe(302);
    expect((await decide("reject", p.id)).status).toBe(409);
    const accepted = await db().outboxEmail.findFirstOrThrow({ where: { to: ana.email, template: "proposalAccepted" } });
    expect(accepted.locale).toBe("zh");
    expect(accepted.subject).toContain("稿件已录用");
    expect(await db().outboxEmail.count({ where: { to: ben.email, template: "proposalRejected", locale: "en" } })).toBe(1);
    // Reviewers may not decide.
    expect(
      (
        await callAction(proposalsAdmin, {
          path: `/x`,
          params: { slug: w.slug },
          cookie: w.alice.cookie,
          form: { intent: "accept", proposalId: q.id },
        })
      ).status,
    ).toBe(403);
    const made = await decide("to-session", p.id);
    expect(made.status).toBe(302);
    const session = await db().programmeSession.findFirstOrThrow({
      where: { conferenceId: w.conference.id },
      include: { speakers: { orderBy: { position: "asc" }, include: { speaker: true } } },
    });
    expect(made.location).toBe(`/conferences/${w.slug}/manage/programme/sessions/${session.id}`);
    expect(session).toMatchObject({
      title: "Outcome-based accreditation",
      abstractZh: "如何运作",
      kind: "PAPER_SESSION",
      status: "DRAFT",
      trackId: w.t1.id,
      startsAt: null,
    });
    expect(session.speakers.map((s) => [s.speaker.nameLatin, s.role, s.speaker.organization, s.speaker.userId])).toEqual([
      ["Ana Submitter", "SPEAKER", "UPV", ana.id],
      ["Co Author", "CO_SPEAKER", null, null],
    ]);
    expect((await decide("to-session", p.id)).status).toBe(409);
  });

  it("the review-assignment email goes to the reviewer in their language; a non-reviewer cannot be assigned", async () => {
    const w = await callWorld();
    expect(await db().outboxEmail.count({ where: { to: w.alice.email, template: "reviewAssignment" } })).toBe(1);
    const stranger = await makeUser();
    const res = await callAction(cfpAdmin, { ...w.adminPath, form: { intent: "assign", email: stranger.email, trackId: w.t1.id } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.data)).toContain("programme.validation.notReviewer");
    expect(await db().reviewerAssignment.count({ where: { userId: stranger.id } })).toBe(0);
  });
});

describe("authors, formats and blind review (decision 072)", () => {
  it("every proposal email goes to the submitter and each co-author once, each in their language", async () => {
    const w = await callWorld();
    const since = new Date();
    const ana = await makeUser({ locale: "zh", name: "Ana Submitter" });
    // One co-author has an account read in English; the other has none (written to in the submitter's language).
    const coWithAccount = await makeUser({ locale: "en", name: "Co Author" });
    const created = await propose(w, ana, {
      "authors[0].email": ana.email,
      "authors[1].email": coWithAccount.email.toUpperCase(),
      "authors[2].name": "No Account",
      "authors[2].email": "no-account@example.org",
      "authors[3].name": "Ana Again",
      "authors[3].email": ana.email,
    });
    expect(created.status).toBe(302);
    const p = await db().proposal.findFirstOrThrow({ where: { submitterId: ana.id } });
    const received = await db().outboxEmail.findMany({ where: { template: "proposalReceived", createdAt: { gte: since } } });
    expect(received.map((m) => [m.to.toLowerCase(), m.locale]).sort()).toEqual(
      [
        [ana.email, "zh"],
        [coWithAccount.email, "en"],
        ["no-account@example.org", "zh"],
      ].sort(),
    );
    const decide = await callAction(proposalsAdmin, {
      path: `/conferences/${w.slug}/manage/programme/proposals`,
      params: { slug: w.slug },
      cookie: w.organizer.cookie,
      form: { intent: "accept", proposalId: p.id },
    });
    expect(decide.status).toBe(302);
    const accepted = await db().outboxEmail.findMany({ where: { template: "proposalAccepted", createdAt: { gte: since } } });
    expect(accepted.map((m) => m.to.toLowerCase()).sort()).toEqual([ana.email, coWithAccount.email, "no-account@example.org"].sort());
    expect(accepted.find((m) => m.to.toLowerCase() === coWithAccount.email)!.subject).toContain("Proposal accepted");
  });

  it("a break is not a proposal format: the call cannot offer it and a proposal cannot ask for it", async () => {
    const w = await callWorld();
    const local = (ms: number) => new Date(Date.now() + ms + 8 * 3600 * 1000).toISOString().slice(0, 16);
    const offerBreak = await callAction(cfpAdmin, {
      ...w.adminPath,
      form: { intent: "cfp", opensAt: local(-DAY), closesAt: local(DAY), formats: ["PAPER_SESSION", "BREAK"] },
    });
    expect(offerBreak.status).toBe(400);
    expect((await db().callForProposals.findUniqueOrThrow({ where: { conferenceId: w.conference.id } })).formats).not.toContain("BREAK");
    const form = await callLoader(cfpAdmin, w.adminPath);
    expect(JSON.stringify(form.data)).not.toContain('"BREAK"');
    // Even a call stored with it (before this rule) does not offer it, and the proposal form refuses it.
    await db().callForProposals.update({ where: { conferenceId: w.conference.id }, data: { formats: ["PAPER_SESSION", "BREAK"] } });
    const page = await callLoader(proposalPage, {
      path: `/conferences/${w.slug}/proposals/new`,
      params: { slug: w.slug, id: "new" },
      cookie: (await makeUser()).cookie,
    });
    expect(JSON.stringify((page.data as { call: unknown }).call)).not.toContain("BREAK");
    const ana = await makeUser();
    expect((await propose(w, ana, { format: "BREAK" })).status).toBe(400);
    expect(await db().proposal.count({ where: { submitterId: ana.id } })).toBe(0);
  });

  it("blind review withholds authors' names and organizations from reviewers, not from organizers", async () => {
    const w = await callWorld();
    const ana = await makeUser({ name: "Ana Submitter" });
    await propose(w, ana);
    const p = await db().proposal.findFirstOrThrow({ where: { submitterId: ana.id } });
    // Control: without the setting the reviewer reads the authors.
    const open = await reviewView(w, w.alice, p.id);
    expect(JSON.stringify(open.data)).toContain("Ana Submitter");
    const local = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16);
    const call = await db().callForProposals.findUniqueOrThrow({ where: { conferenceId: w.conference.id } });
    const saved = await callAction(cfpAdmin, {
      ...w.adminPath,
      form: { intent: "cfp", opensAt: local(call.opensAt), closesAt: local(call.closesAt), formats: ["PAPER_SESSION"], blindReview: "on" },
    });
    expect(saved.status).toBe(302);
    for (const view of [
      await reviewView(w, w.alice, p.id),
      await callLoader(reviewQueue, { path: `/conferences/${w.slug}/reviews`, params: { slug: w.slug }, cookie: w.alice.cookie }),
    ]) {
      const text = JSON.stringify(view.data);
      expect(view.status).toBe(200);
      for (const secret of ["Ana Submitter", "ana@example.org", "UPV", "Co Author", "co@example.org", ana.email])
        expect(text).not.toContain(secret);
    }
    expect((await reviewView(w, w.alice, p.id)).data).toMatchObject({ blind: true });
    // Organizers still see who wrote it.
    expect(JSON.stringify((await reviewView(w, w.organizer, p.id)).data)).toContain("Ana Submitter");
  });
});

describe("blind review and the call's own questions (decision 072)", () => {
  let app: Served;
  beforeAll(async () => {
    app = await serveApp();
  });
  afterAll(() => app?.close());

  /** The document a browser receives: visible markup and the hydration data in its scripts. */
  const html = async (path: string, who: TestUser) => {
    const res = await fetch(`${app.base}${path}`, { headers: { cookie: who.cookie }, redirect: "manual" });
    expect(res.status).toBe(200);
    return res.text();
  };
  const scripts = (doc: string) => [...doc.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join("\n");
  /** What the reader sees: the markup without scripts (whose hydration data holds every message of the page). */
  const visible = (doc: string) => doc.replace(/<script[^>]*>[\s\S]*?<\/script>/g, "").replace(/<!-- -->/g, "");
  const local = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16);

  it("an organizer marks which questions blind reviewers read; the setting is saved, shown again and can be changed", async () => {
    const w = await callWorld();
    const page = () => html(`/conferences/${w.slug}/manage/programme/cfp`, w.organizer);
    // A new question is hidden unless the box is ticked.
    expect(visible(await page())).toContain("Shown to reviewers in blind review");
    const added = await callAction(cfpAdmin, {
      ...w.adminPath,
      form: { intent: "question", label: "Your methods", shownInBlindReview: "on" },
    });
    expect(added.status).toBe(302);
    await callAction(cfpAdmin, { ...w.adminPath, form: { intent: "question", label: "Your institution" } });
    const stored = await db().cfpQuestion.findMany({ where: { conferenceId: w.conference.id }, orderBy: { position: "asc" } });
    expect(stored.map((q) => [q.label, q.shownInBlindReview])).toEqual([
      ["Why this matters", false],
      ["Your methods", true],
      ["Your institution", false],
    ]);
    const item = (doc: string, label: string) =>
      visible(doc)
        .split("<li")
        .map((li) => li.slice(0, li.indexOf("</li>")))
        .find((li) => li.includes(label));
    let doc = await page();
    expect(item(doc, "Your methods")).toContain("shown in blind review");
    expect(item(doc, "Your methods")).toContain("Hide from reviewers");
    expect(item(doc, "Your institution")).toContain("hidden in blind review");
    expect(item(doc, "Your institution")).toContain("Show to reviewers");
    // Each question's button changes only that question, and is recorded.
    const show = await callAction(cfpAdmin, {
      ...w.adminPath,
      form: { intent: "question-visibility", id: w.question.id, shownInBlindReview: "on" },
    });
    expect(show.status).toBe(302);
    const hide = await callAction(cfpAdmin, { ...w.adminPath, form: { intent: "question-visibility", id: stored[1].id } });
    expect(hide.status).toBe(302);
    doc = await page();
    expect(item(doc, "Why this matters")).toContain("shown in blind review");
    expect(item(doc, "Your methods")).toContain("hidden in blind review");
    expect(item(doc, "Your institution")).toContain("hidden in blind review");
    expect(await db().auditEvent.count({ where: { action: "programme.cfp.question.visibility", entityId: w.question.id } })).toBe(1);
    // A question of another conference is not found, and nothing changes.
    const other = await callWorld();
    const foreign = await callAction(cfpAdmin, {
      ...w.adminPath,
      form: { intent: "question-visibility", id: other.question.id, shownInBlindReview: "on" },
    });
    expect(foreign.status).toBe(404);
    expect((await db().cfpQuestion.findUniqueOrThrow({ where: { id: other.question.id } })).shownInBlindReview).toBe(false);
  });

  it("a blind reviewer's page (markup and hydration data) carries the shown answers only, says what is withheld; organizers read all", async () => {
    const w = await callWorld();
    await callAction(cfpAdmin, { ...w.adminPath, form: { intent: "question", label: "Your institution" } });
    const institution = await db().cfpQuestion.findFirstOrThrow({ where: { conferenceId: w.conference.id, label: "Your institution" } });
    await callAction(cfpAdmin, {
      ...w.adminPath,
      form: { intent: "question-visibility", id: w.question.id, shownInBlindReview: "on" },
    });
    const ana = await makeUser({ name: "Ana Submitter" });
    const SHOWN = "Outcomes need evidence from graduates";
    const HIDDEN = "Instituto Zeta de Ingenieria";
    await propose(w, ana, { [`answers.${w.question.id}`]: SHOWN, [`answers.${institution.id}`]: HIDDEN });
    const p = await db().proposal.findFirstOrThrow({ where: { submitterId: ana.id } });
    const path = `/conferences/${w.slug}/reviews/${p.id}`;
    // Without blind review the reviewer reads every answer.
    expect(await html(path, w.alice)).toContain(HIDDEN);
    const call = await db().callForProposals.findUniqueOrThrow({ where: { conferenceId: w.conference.id } });
    const saved = await callAction(cfpAdmin, {
      ...w.adminPath,
      form: { intent: "cfp", opensAt: local(call.opensAt), closesAt: local(call.closesAt), formats: ["PAPER_SESSION"], blindReview: "on" },
    });
    expect(saved.status).toBe(302);

    const blind = await html(path, w.alice);
    for (const secret of [HIDDEN, "Ana Submitter", "ana@example.org", "UPV"]) expect(blind).not.toContain(secret);
    expect(blind).toContain(SHOWN);
    expect(scripts(blind)).toContain(SHOWN); // the hydration data is part of what was checked
    expect(visible(blind)).toContain("Your institution");
    expect(visible(blind)).toContain("Hidden in blind review");
    // The data a client-side navigation fetches withholds it too.
    const data = await fetch(`${app.base}${path}.data`, { headers: { cookie: w.alice.cookie } });
    expect(data.status).toBe(200);
    const payload = await data.text();
    expect(payload).toContain(SHOWN);
    expect(payload).not.toContain(HIDDEN);

    // Submitters of a blind call are told which of their answers reviewers read.
    const form = visible(await html(`/conferences/${w.slug}/proposals/new`, await makeUser()));
    const hintOf = (label: string) => form.slice(form.indexOf(label)).match(/id="[^"]*-hint"[^>]*>([^<]*)</)?.[1];
    expect(hintOf("Why this matters")).toContain("Reviewers read this answer (blind review)");
    expect(hintOf("Your institution")).toContain("Only the organizers read this answer");

    const organizer = await html(path, w.organizer);
    expect(organizer).toContain(SHOWN);
    expect(organizer).toContain(HIDDEN);
    expect(organizer).toContain("Ana Submitter");
    expect(visible(organizer)).not.toContain("Hidden in blind review");
  });
});
