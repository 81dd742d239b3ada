// A reviewer who co-authored a proposal could review it (only the submitter was excluded). Conflicts of
// interest now cover the submitter and every co-author (by email), and — as a setting of the call — any
// colleague of an author's organization; the queue, the review page and saving a review agree.
import { describe, expect, it } from "vitest";
import * as cfpAdmin from "~/routes/programme/manage/cfp";
import * as reviewRoute from "~/routes/programme/review";
import * as reviewQueue from "~/routes/programme/reviews";
import { db } from "~/utils/db.server";
import { callAction, callLoader } from "../support/http";
import { addMember, grantConferenceRole, makeOrg, makeUser, type TestUser } from "../support/world";
import { organizerWorld } from "./support";

const DAY = 24 * 3600 * 1000;

async function world() {
  const w = await organizerWorld();
  const { conference } = w;
  await db().callForProposals.create({
    data: {
      conferenceId: conference.id,
      opensAt: new Date(Date.now() - DAY),
      closesAt: new Date(Date.now() + DAY),
      formats: ["PAPER_SESSION"],
    },
  });
  const track = await db().track.create({ data: { conferenceId: conference.id, name: "Quality" } });
  const criterion = await db().reviewCriterion.create({ data: { conferenceId: conference.id, name: "Relevance" } });
  const reviewer = await makeUser({ name: "Rita Reviewer" });
  await grantConferenceRole(conference.id, reviewer.id, "REVIEWER");
  await db().reviewerAssignment.create({ data: { trackId: track.id, userId: reviewer.id } });
  const submitter = await makeUser({ name: "Sam Submitter" });
  const propose = (authors: { name: string; email: string; affiliation?: string }[], by: TestUser = submitter) =>
    db().proposal.create({
      data: {
        conferenceId: conference.id,
        submitterId: by.id,
        title: `Proposal by ${authors.map((a) => a.name).join(", ")}`,
        abstract: "Abstract",
        format: "PAPER_SESSION",
        trackId: track.id,
        authors: { create: authors.map((a, position) => ({ position, ...a })) },
      },
      select: { id: true },
    });
  const slug = conference.slug;
  const queue = async (who: TestUser) =>
    (
      (await callLoader(reviewQueue, { path: `/conferences/${slug}/reviews`, params: { slug }, cookie: who.cookie })).data as {
        proposals: { id: string }[];
      }
    ).proposals.map((p) => p.id);
  const page = (who: TestUser, id: string) =>
    callLoader(reviewRoute, { path: `/conferences/${slug}/reviews/${id}`, params: { slug, id }, cookie: who.cookie });
  const review = (who: TestUser, id: string) =>
    callAction(reviewRoute, {
      path: `/conferences/${slug}/reviews/${id}`,
      params: { slug, id },
      cookie: who.cookie,
      form: { comment: "Great", [`scores.${criterion.id}`]: "4" },
    });
  return { ...w, slug, track, reviewer, submitter, propose, queue, page, review };
}

describe("conflicts of interest in reviewing", () => {
  it("a co-author (listed by email, in any case) can neither see the proposal in the queue, open it nor review it", async () => {
    const w = await world();
    const coAuthored = await w.propose([
      { name: "Sam Submitter", email: "sam@example.org" },
      { name: "Rita Reviewer", email: (await db().user.findUniqueOrThrow({ where: { id: w.reviewer.id } })).email.toUpperCase() },
    ]);
    const other = await w.propose([{ name: "Sam Submitter", email: "sam@example.org" }]);
    expect(await w.queue(w.reviewer)).toEqual([other.id]);
    expect((await w.page(w.reviewer, coAuthored.id)).status).toBe(403);
    const r0 = await w.review(w.reviewer, coAuthored.id);
    expect(r0.status).toBe(403);
    expect(await db().review.count({ where: { proposalId: coAuthored.id } })).toBe(0);
    // The control: the same reviewer reviews the proposal they have no part in.
    expect((await w.page(w.reviewer, other.id)).status).toBe(200);
    expect((await w.review(w.reviewer, other.id)).status).toBe(302);
  });

  it("an organizer who co-authored a proposal does not review it either", async () => {
    const w = await world();
    const organizerEmail = (await db().user.findUniqueOrThrow({ where: { id: w.organizer.id } })).email;
    const p = await w.propose([{ name: "Org Anizer", email: organizerEmail }]);
    expect(await w.queue(w.organizer)).not.toContain(p.id);
    expect((await w.review(w.organizer, p.id)).status).toBe(403);
  });

  it("the submitter who is also a reviewer never gets their own proposal", async () => {
    const w = await world();
    const p = await w.propose([{ name: "Someone Else", email: "else@example.org" }], w.reviewer);
    expect(await w.queue(w.reviewer)).not.toContain(p.id);
    expect((await w.review(w.reviewer, p.id)).status).toBe(403);
  });

  it("with the call's setting, colleagues of an author's organization are conflicted too (off by default)", async () => {
    const w = await world();
    const university = await makeOrg({ nameEn: "Polytechnic University of Valencia" });
    await addMember(university.id, w.reviewer.id);
    const colleague = await makeUser({ name: "Carla Colleague" });
    await addMember(university.id, colleague.id);
    const colleagueEmail = (await db().user.findUniqueOrThrow({ where: { id: colleague.id } })).email;
    const byColleague = await w.propose([{ name: "Carla Colleague", email: colleagueEmail }]);
    const byAffiliation = await w.propose([
      { name: "Pat Stranger", email: "pat@example.org", affiliation: "polytechnic university of valencia" },
    ]);
    const submittedByColleague = await w.propose([{ name: "Sam Submitter", email: "sam@example.org" }], colleague);
    const unrelated = await w.propose([{ name: "Una Related", email: "una@example.org", affiliation: "Tsinghua University" }]);

    const all = [byColleague.id, byAffiliation.id, submittedByColleague.id, unrelated.id];
    expect((await w.queue(w.reviewer)).sort()).toEqual([...all].sort());

    // The organizer turns the setting on through the call's form.
    const local = (ms: number) => new Date(Date.now() + ms + 8 * 3600 * 1000).toISOString().slice(0, 16);
    const saved = await callAction(cfpAdmin, {
      path: `/conferences/${w.slug}/manage/programme/cfp`,
      params: { slug: w.slug },
      cookie: w.organizer.cookie,
      form: { intent: "cfp", opensAt: local(-DAY), closesAt: local(DAY), formats: ["PAPER_SESSION"], sameOrganizationConflicts: "on" },
    });
    expect(saved.status).toBe(302);
    expect(await w.queue(w.reviewer)).toEqual([unrelated.id]);
    for (const id of [byColleague.id, byAffiliation.id, submittedByColleague.id]) expect((await w.review(w.reviewer, id)).status).toBe(403);
    expect((await w.review(w.reviewer, unrelated.id)).status).toBe(302);
  });
});
