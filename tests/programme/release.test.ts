import ICAL from "ical.js";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { conferenceCalendar } from "~/domain/programme/calendar.server";
import { getReleasePreview } from "~/domain/programme/get-release-preview.server";
import { placeSession } from "~/domain/programme/place-session.server";
import { publishSchedule } from "~/domain/programme/publish-schedule.server";
import { toggleStar } from "~/domain/programme/toggle-star.server";
import * as programmePage from "~/routes/programme/programme";
import * as releaseRoute from "~/routes/programme/manage/release";
import * as manageSessions from "~/routes/programme/manage/sessions";
import * as sessionPage from "~/routes/programme/session";
import * as xml from "~/routes/programme/schedule-xml";
import { db } from "~/utils/db.server";
import { callAction, callLoader } from "../support/http";
import { emailText } from "../support/mail";
import { makeUser } from "../support/world";
import { sessionUserOf } from "./session-user";
import { makeRoom, makeSession, makeSpeaker, organizerWorld } from "./support";

type Row = { id: string; title: string; start: string; end: string; room: { name: string } | null };

async function publicView(slug: string) {
  const page = await callLoader(programmePage, { path: `/conferences/${slug}/programme?view=room`, params: { slug } });
  const x = await callLoader(xml, { path: "/x", params: { slug } });
  const ics = (await conferenceCalendar(slug, "en"))!;
  return { rows: (page.data as { rows: Row[] }).rows, xml: x.data as string, ics: ics.replace(/^DTSTAMP:.*$/gm, "") };
}

const starts = (ics: string) =>
  new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent").map((c) => new ICAL.Event(c).startDate.toJSDate().toISOString());

async function moveTo(
  actor: Awaited<ReturnType<typeof organizerWorld>>["actor"],
  slug: string,
  sessionId: string,
  roomId: string,
  start: string,
  end: string,
) {
  await placeSession({ actor, slug, input: { intent: "place", sessionId, roomId, start, end } });
}

describe("draft and release", () => {
  it("moving a session to 16:20 without releasing leaves the public page, XML and ICS unchanged", async () => {
    const { conference, actor } = await organizerWorld();
    const room = await makeRoom(conference.id, "Main hall");
    const s = await makeSession(conference.id, { title: "Keynote", roomId: room.id, start: "2025-09-27T09:00", end: "2025-09-27T10:00" });
    const before = await publicView(conference.slug);
    expect(before.rows.map((r) => r.start)).toEqual(["09:00"]);

    await moveTo(actor, conference.slug, s.id, room.id, "2025-09-27T16:20", "2025-09-27T17:20");
    const draft = await db().programmeSession.findUniqueOrThrow({ where: { id: s.id } });
    expect(draft.startsAt!.toISOString()).toBe("2025-09-27T08:20:00.000Z"); // the draft did move
    const after = await publicView(conference.slug);
    expect(after.rows).toEqual(before.rows);
    expect(after.xml).toBe(before.xml);
    expect(after.ics).toBe(before.ics);
    const page = await callLoader(sessionPage, { path: "/x", params: { slug: conference.slug, id: s.id } });
    expect((page.data as { session: { start: string } }).session.start).toBe("09:00");

    // Control: the same move, released, changes all three.
    await publishSchedule({ actor, slug: conference.slug });
    const released = await publicView(conference.slug);
    expect(released.rows.map((r) => r.start)).toEqual(["16:20"]);
    const parsed = new XMLParser().parse(released.xml);
    expect(parsed.schedule.day[0].room.event.start).toBe("16:20");
    expect(starts(released.ics)).toEqual(["2025-09-27T08:20:00.000Z"]);
  });

  it("a new or unpublished session reaches the public only by a release", async () => {
    const { conference, actor } = await organizerWorld();
    const room = await makeRoom(conference.id);
    const kept = await makeSession(conference.id, { title: "Kept", roomId: room.id, start: "2025-09-27T09:00", end: "2025-09-27T10:00" });
    const fresh = await makeSession(conference.id, {
      title: "Fresh",
      roomId: room.id,
      start: "2025-09-27T11:00",
      end: "2025-09-27T12:00",
      released: false,
    });
    await db().programmeSession.update({ where: { id: kept.id }, data: { status: "DRAFT" } });
    expect((await publicView(conference.slug)).rows.map((r) => r.title)).toEqual(["Kept"]);
    const preview = await getReleasePreview({ actor, slug: conference.slug });
    expect(preview.plan.changes.map((c) => [c.kind, "session" in c ? c.session.title : c.after.title])).toEqual([
      ["added", "Fresh"],
      ["cancelled", "Kept"],
    ]);
    await publishSchedule({ actor, slug: conference.slug, fingerprint: preview.plan.fingerprint });
    expect((await publicView(conference.slug)).rows.map((r) => r.title)).toEqual(["Fresh"]);
    expect(fresh.id).toBeTruthy();
  });

  it("the preview names who will be told; the release emails them in their language, once, and bumps only moved sessions' SEQUENCE", async () => {
    const { conference, actor, organizer } = await organizerWorld();
    const room = await makeRoom(conference.id, "Hall A");
    const speakerUser = await makeUser({ locale: "zh" });
    const sp = await makeSpeaker(conference.id, "Chen Hua", speakerUser.email);
    const moved = await makeSession(conference.id, {
      title: "Panel",
      roomId: room.id,
      speakerIds: [sp.id],
      start: "2025-09-27T10:00",
      end: "2025-09-27T11:00",
    });
    const still = await makeSession(conference.id, { title: "Still", roomId: room.id, start: "2025-09-27T12:00", end: "2025-09-27T13:00" });
    const fan = await makeUser();
    await toggleStar({ actor: await sessionUserOf(fan.id), slug: conference.slug, sessionId: moved.id, starred: true });
    await moveTo(actor, conference.slug, moved.id, room.id, "2025-09-27T14:00", "2025-09-27T15:00");

    const page = await callLoader(releaseRoute, { path: "/x", params: { slug: conference.slug }, cookie: organizer.cookie });
    const preview = page.data as {
      changes: { kind: string; speakers: string[]; attendees: number; from: string; to: string }[];
      emails: number;
      fingerprint: string;
    };
    expect(preview.changes).toEqual([
      expect.objectContaining({
        kind: "moved",
        speakers: ["Chen Hua"],
        attendees: 1,
        from: "2025-09-27 10:00–11:00, Hall A",
        to: "2025-09-27 14:00–15:00, Hall A",
      }),
    ]);
    expect(preview.emails).toBe(2);
    expect(await db().outboxEmail.count({ where: { template: "sessionMoved" } })).toBe(0); // a preview writes nothing

    const res = await callAction(releaseRoute, {
      path: "/x",
      params: { slug: conference.slug },
      cookie: organizer.cookie,
      form: { fingerprint: preview.fingerprint },
    });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/conferences/${conference.slug}/manage/timetable`);
    const mails = await db().outboxEmail.findMany({ where: { template: "sessionMoved" } });
    expect(mails.map((m) => [m.to, m.locale]).sort()).toEqual(
      [
        [fan.email, "en"],
        [speakerUser.email, "zh"],
      ].sort(),
    );
    const [m, s] = await Promise.all([moved, still].map((x) => db().programmeSession.findUniqueOrThrow({ where: { id: x.id } })));
    expect([m.sequence, s.sequence]).toEqual([1, 0]);
    const audit = await db().auditEvent.findFirst({ where: { action: "programme.schedule.release", entityId: conference.id } });
    expect(audit?.data).toMatchObject({ number: 1, moved: 1, emails: 2 });

    // Releasing again changes nothing and tells no one.
    const again = await publishSchedule({ actor, slug: conference.slug });
    expect(again).toMatchObject({ number: 2, changes: [], emails: 0 });
  });

  it("a release confirms the preview it showed: a draft changed since is refused and shown again", async () => {
    const { conference, actor, organizer } = await organizerWorld();
    const room = await makeRoom(conference.id);
    const s = await makeSession(conference.id, { roomId: room.id, start: "2025-09-27T10:00", end: "2025-09-27T11:00" });
    const { plan } = await getReleasePreview({ actor, slug: conference.slug });
    await moveTo(actor, conference.slug, s.id, room.id, "2025-09-27T15:00", "2025-09-27T16:00");
    const res = await callAction(releaseRoute, {
      path: "/x",
      params: { slug: conference.slug },
      cookie: organizer.cookie,
      form: { fingerprint: plan.fingerprint },
    });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/conferences/${conference.slug}/manage/timetable/release`);
    expect(await db().scheduleVersion.count({ where: { conferenceId: conference.id } })).toBe(0);
    expect((await publicView(conference.slug)).rows.map((r) => r.start)).toEqual(["10:00"]);
  });

  it("a released session that is cancelled or taken out of the timetable is announced by the release to its speakers and starrers", async () => {
    const { conference, organizer } = await organizerWorld();
    const room = await makeRoom(conference.id, "Hall A");
    const speakerUser = await makeUser({ locale: "zh" });
    const sp = await makeSpeaker(conference.id, "Chen Hua", speakerUser.email);
    const cancelled = await makeSession(conference.id, {
      title: "Cancelled talk",
      roomId: room.id,
      speakerIds: [sp.id],
      start: "2025-09-27T10:00",
      end: "2025-09-27T11:00",
    });
    await db().programmeSession.update({ where: { id: cancelled.id }, data: { titleZh: "取消的报告" } });
    const removed = await makeSession(conference.id, {
      title: "Removed talk",
      roomId: room.id,
      start: "2025-09-27T14:00",
      end: "2025-09-27T15:00",
    });
    const added = await makeSession(conference.id, {
      title: "New talk",
      roomId: room.id,
      start: "2025-09-27T16:00",
      end: "2025-09-27T17:00",
      released: false,
    });
    const fan = await makeUser();
    for (const s of [cancelled, removed, added])
      await toggleStar({ actor: await sessionUserOf(fan.id), slug: conference.slug, sessionId: s.id, starred: true });
    // The draft: one set back to draft (cancelled), one unscheduled (removed).
    await db().programmeSession.update({ where: { id: cancelled.id }, data: { status: "DRAFT" } });
    await db().programmeSession.update({ where: { id: removed.id }, data: { startsAt: null, endsAt: null, roomId: null } });

    const page = await callLoader(releaseRoute, { path: "/x", params: { slug: conference.slug }, cookie: organizer.cookie });
    const preview = page.data as {
      changes: { kind: string; title: string; told: boolean; speakers: string[]; attendees: number }[];
      emails: number;
      fingerprint: string;
    };
    expect(
      preview.changes
        .map(({ kind, title, told, speakers, attendees }) => ({ kind, title, told, speakers, attendees }))
        .sort((a, b) => a.title.localeCompare(b.title)),
    ).toEqual([
      { kind: "cancelled", title: "Cancelled talk", told: true, speakers: ["Chen Hua"], attendees: 1 },
      { kind: "added", title: "New talk", told: false, speakers: [], attendees: 0 },
      { kind: "removed", title: "Removed talk", told: true, speakers: [], attendees: 1 },
    ]);
    expect(preview.emails).toBe(3); // the added session tells no one, though the fan starred it

    await callAction(releaseRoute, {
      path: "/x",
      params: { slug: conference.slug },
      cookie: organizer.cookie,
      form: { fingerprint: preview.fingerprint },
    });
    const mails = await db().outboxEmail.findMany({ where: { template: "sessionCancelled" } });
    expect(mails.map((m) => [m.to, m.locale, m.subject]).sort()).toEqual(
      [
        [fan.email, "en", "Session cancelled: Cancelled talk"],
        [fan.email, "en", "Session taken out of the programme: Removed talk"],
        [speakerUser.email, "zh", "议程取消：取消的报告"],
      ].sort(),
    );
    const zh = await emailText(mails.find((m) => m.to === speakerUser.email)!);
    expect(zh).toContain("原安排：2025-09-27 10:00–11:00 (Asia/Shanghai), Hall A");
    expect(zh).toContain(`/conferences/${conference.slug}/programme/changes`);
    expect(await db().outboxEmail.count({ where: { template: "sessionMoved", to: { in: [fan.email, speakerUser.email] } } })).toBe(0);
  });

  it("a released session is not deleted at once (the public programme would change untold); an unreleased one is", async () => {
    const { conference, organizer } = await organizerWorld();
    const released = await makeSession(conference.id, { title: "Released", start: "2025-09-27T10:00", end: "2025-09-27T11:00" });
    const draft = await makeSession(conference.id, {
      title: "Draft only",
      start: "2025-09-27T12:00",
      end: "2025-09-27T13:00",
      released: false,
    });
    const del = (id: string) =>
      callAction(manageSessions, {
        path: `/conferences/${conference.slug}/manage/programme`,
        params: { slug: conference.slug },
        cookie: organizer.cookie,
        form: { intent: "delete-session", id },
      });
    const refused = await del(released.id);
    expect(refused.status).toBe(302);
    expect(refused.headers.get("set-cookie")).toBeTruthy();
    expect(await db().programmeSession.count({ where: { id: released.id } })).toBe(1);
    expect((await publicView(conference.slug)).rows.map((r) => r.title)).toEqual(["Released"]);
    // Control: the unreleased one goes.
    expect((await del(draft.id)).status).toBe(302);
    expect(await db().programmeSession.count({ where: { id: draft.id } })).toBe(0);
  });
});
