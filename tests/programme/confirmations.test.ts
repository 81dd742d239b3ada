// Destructive actions ask first and say what will happen (docs/decisions/065-confirm-before-destroying.md).
import { describe, expect, it } from "vitest";
import * as cfpRoute from "~/routes/programme/manage/cfp";
import * as sessionsRoute from "~/routes/programme/manage/sessions";
import * as invitationRoute from "~/routes/programme/speaker-portal/invitation";
import { hashSecret } from "~/utils/crypto.server";
import * as speakersRoute from "~/routes/programme/manage/speakers";
import { db } from "~/utils/db.server";
import { callAction } from "../support/http";
import { makeUser } from "../support/world";
import { makeSession, makeSpeaker, organizerWorld } from "./support";

describe("confirming destructive actions", () => {
  it("deleting a session asks first with what goes with it, and deletes only when confirmed", async () => {
    const { conference, organizer } = await organizerWorld();
    const speaker = await makeSpeaker(conference.id, "Ana Souza");
    const s = await makeSession(conference.id, {
      title: "Panel",
      start: "2025-09-27T10:00",
      end: "2025-09-27T11:00",
      speakerIds: [speaker.id],
      released: false, // a released session is never deleted (it is cancelled through a release)
    });
    const fan = await makeUser();
    await db().agendaStar.create({ data: { userId: fan.id, sessionId: s.id } });
    const call = (form: Record<string, string>) =>
      callAction(sessionsRoute, {
        path: `/conferences/${conference.slug}/manage/programme`,
        params: { slug: conference.slug },
        cookie: organizer.cookie,
        form,
      });

    const asked = await call({ intent: "delete-session", id: s.id });
    expect(asked.status).toBe(200);
    expect(asked.data).toEqual({
      confirm: {
        message: "programme.confirm.deleteSession",
        vars: { title: "Panel", speakers: 1, stars: 1, signups: 0 },
        fields: [
          ["intent", "delete-session"],
          ["id", s.id],
        ],
      },
    });
    expect(await db().programmeSession.count({ where: { id: s.id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { entityId: s.id } })).toBe(0);

    // Any other value of `confirm` is not a confirmation.
    expect((await call({ intent: "delete-session", id: s.id, confirm: "0" })).status).toBe(200);
    expect(await db().programmeSession.count({ where: { id: s.id } })).toBe(1);

    const done = await call({ intent: "delete-session", id: s.id, confirm: "1" });
    expect(done.status).toBe(302);
    expect(await db().programmeSession.count({ where: { id: s.id } })).toBe(0);
  });

  it("a released session is refused at once, not after a confirmation it could never honour", async () => {
    const { conference, organizer } = await organizerWorld();
    const s = await makeSession(conference.id, { title: "Keynote", start: "2025-09-27T10:00", end: "2025-09-27T11:00" });
    const asked = await callAction(sessionsRoute, {
      path: `/conferences/${conference.slug}/manage/programme`,
      params: { slug: conference.slug },
      cookie: organizer.cookie,
      form: { intent: "delete-session", id: s.id },
    });
    expect(asked.status).toBe(302); // back to the list with the reason, no confirmation panel
    expect(await db().programmeSession.count({ where: { id: s.id } })).toBe(1);
  });

  it("the question is asked only of someone allowed to do it, and about a thing that exists", async () => {
    const { conference, organizer } = await organizerWorld();
    const speaker = await makeSpeaker(conference.id, "Zhang Wei");
    const path = `/conferences/${conference.slug}/manage/programme/speakers`;
    const params = { slug: conference.slug };
    const stranger = await makeUser();
    const refused = await callAction(speakersRoute, {
      path,
      params,
      cookie: stranger.cookie,
      form: { intent: "delete-speaker", id: speaker.id },
    });
    expect(refused.status).toBe(403);
    const missing = await callAction(speakersRoute, {
      path,
      params,
      cookie: organizer.cookie,
      form: { intent: "delete-speaker", id: "00000000-0000-4000-8000-000000000000" },
    });
    expect(missing.status).toBe(404);
    const asked = await callAction(speakersRoute, {
      path,
      params,
      cookie: organizer.cookie,
      form: { intent: "delete-speaker", id: speaker.id },
    });
    expect(asked.data).toMatchObject({ confirm: { message: "programme.confirm.deleteSpeaker", vars: { name: "Zhang Wei", sessions: 0 } } });
    expect(await db().speaker.count({ where: { id: speaker.id } })).toBe(1);
  });

  it("deleting a CFP question or criterion, or unassigning a reviewer, asks first with what goes, and acts only when confirmed", async () => {
    const { conference, organizer } = await organizerWorld();
    const call = (form: Record<string, string>) =>
      callAction(cfpRoute, {
        path: `/conferences/${conference.slug}/manage/programme/cfp`,
        params: { slug: conference.slug },
        cookie: organizer.cookie,
        form,
      });
    const track = await db().track.create({ data: { conferenceId: conference.id, name: "Quality" } });
    const reviewer = await makeUser({ name: "Li Na" });
    const author = await makeUser();
    await db().reviewerAssignment.create({ data: { trackId: track.id, userId: reviewer.id } });
    const question = await db().cfpQuestion.create({ data: { conferenceId: conference.id, label: "Why this matters" } });
    const criterion = await db().reviewCriterion.create({ data: { conferenceId: conference.id, name: "Relevance" } });
    const proposal = await db().proposal.create({
      data: {
        conferenceId: conference.id,
        submitterId: author.id,
        title: "Faster builds",
        abstract: "How",
        format: "PAPER_SESSION",
        trackId: track.id,
        answers: { create: { questionId: question.id, answer: "Because" } },
      },
    });
    await db().review.create({
      data: { proposalId: proposal.id, reviewerId: reviewer.id, scores: { create: { criterionId: criterion.id, score: 4 } } },
    });

    const cases: { form: Record<string, string>; ask: object; remaining: () => Promise<number> }[] = [
      {
        form: { intent: "delete-question", id: question.id },
        ask: { message: "programme.confirm.deleteCfpQuestion", vars: { label: "Why this matters", answers: 1 } },
        remaining: () => db().cfpQuestion.count({ where: { id: question.id } }),
      },
      {
        form: { intent: "delete-criterion", id: criterion.id },
        ask: { message: "programme.confirm.deleteCriterion", vars: { name: "Relevance", scores: 1 } },
        remaining: () => db().reviewCriterion.count({ where: { id: criterion.id } }),
      },
      {
        form: { intent: "unassign", userId: reviewer.id, trackId: track.id },
        ask: { message: "programme.confirm.unassignReviewer", vars: { name: "Li Na", track: "Quality", reviews: 1 } },
        remaining: () => db().reviewerAssignment.count({ where: { trackId: track.id, userId: reviewer.id } }),
      },
    ];
    for (const c of cases) {
      const asked = await call(c.form);
      expect(asked.status).toBe(200);
      expect(asked.data).toEqual({ confirm: { ...c.ask, fields: Object.entries(c.form) } });
      expect(await c.remaining()).toBe(1);
      const done = await call({ ...c.form, confirm: "1" });
      expect(done.status).toBe(302);
      expect(await c.remaining()).toBe(0);
    }
    // The reviewer's submitted review stays, as the question said.
    expect(await db().review.count({ where: { reviewerId: reviewer.id } })).toBe(1);
  });

  it("declining a speaker invitation asks first, saying who will see it, and declines only when confirmed", async () => {
    const { conference } = await organizerWorld();
    const invitee = await makeUser({ email: "invitee@concord.test" });
    const token = `token-${Math.random().toString(36).slice(2)}`;
    const speaker = await db().speaker.create({
      data: {
        conferenceId: conference.id,
        nameLatin: "Invitee",
        email: invitee.email,
        invitation: "INVITED",
        inviteTokenHash: hashSecret(token),
      },
    });
    const call = (form: Record<string, string>) =>
      callAction(invitationRoute, { path: `/speaker/invitations/${token}`, params: { token }, cookie: invitee.cookie, form });
    const status = async () => (await db().speaker.findUniqueOrThrow({ where: { id: speaker.id } })).invitation;

    const asked = await call({ intent: "decline" });
    expect(asked.status).toBe(200);
    expect(asked.data).toEqual({
      confirm: { message: "programme.confirm.declineInvitation", vars: { conference: conference.title }, fields: [["intent", "decline"]] },
    });
    expect(await status()).toBe("INVITED");

    const done = await call({ intent: "decline", confirm: "1" });
    expect(done.status).toBe(302);
    expect(await status()).toBe("DECLINED");
  });
});
