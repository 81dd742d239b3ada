import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { agendaCalendar, conferenceCalendar } from "~/domain/programme/calendar.server";
import { renderCalendar } from "~/utils/ics";
import { placeSession } from "~/domain/programme/place-session.server";
import { publishSchedule } from "~/domain/programme/publish-schedule.server";
import { regenerateFeed } from "~/domain/programme/regenerate-feed.server";
import { toggleStar } from "~/domain/programme/toggle-star.server";
import { localTime } from "~/utils/zoned-time";
import * as sessionIcs from "~/routes/programme/session-ics";
import * as feedRoute from "~/routes/programme/agenda-feed";
import * as programmePage from "~/routes/programme/programme";
import { callLoader } from "../support/http";
import { makeUser } from "../support/world";
import { sessionUserOf } from "./session-user";
import { makeRoom, makeSession, organizerWorld } from "./support";
import { type PackedRows, unpackRows } from "~/components/programme-list";

function events(text: string) {
  const vcal = new ICAL.Component(ICAL.parse(text));
  return vcal.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
}

describe("iCalendar output", () => {
  it("parses with ical.js; escaping and folding survive non-ASCII text", () => {
    const title = "签署研究生层次工程教育国际互认联合宣言, with a comma; a semicolon and a very long title that must be folded";
    const text = renderCalendar({
      name: "Test",
      events: [
        {
          uid: "x@concord",
          sequence: 2,
          start: new Date("2025-09-27T07:00:00Z"),
          end: new Date("2025-09-27T08:00:00Z"),
          summary: title,
          description: "line 1\nline 2",
        },
      ],
    });
    expect(text.split("\r\n").every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const [e] = events(text);
    expect(e.summary).toBe(title);
    expect(e.description).toBe("line 1\nline 2");
    expect(e.uid).toBe("x@concord");
    expect(e.sequence).toBe(2);
  });

  it("Madrid across the October change and a session past midnight: pages and .ics agree and round-trip", async () => {
    const zone = "Europe/Madrid";
    const { conference } = await organizerWorld({ timeZone: zone, start: "2025-10-25", end: "2025-10-26" });
    const room = await makeRoom(conference.id);
    const night = await makeSession(conference.id, {
      title: "Night session",
      zone,
      roomId: room.id,
      start: "2025-10-26T01:30",
      end: "2025-10-26T04:00",
    });
    const late = await makeSession(conference.id, {
      title: "Late panel",
      zone,
      roomId: room.id,
      start: "2025-10-25T23:30",
      end: "2025-10-26T00:30",
    });
    const text = (await conferenceCalendar(conference.slug, "en"))!;
    const byUid = new Map(events(text).map((e) => [e.uid, e]));
    const n = byUid.get(`${night.id}@concord`)!;
    // 01:30 CEST = 23:30Z; 04:00 CET = 03:00Z: three and a half hours, not two and a half.
    expect(n.startDate.toJSDate().toISOString()).toBe("2025-10-25T23:30:00.000Z");
    expect(n.endDate.toJSDate().toISOString()).toBe("2025-10-26T03:00:00.000Z");
    expect(n.duration.toSeconds()).toBe(3.5 * 3600);
    expect(localTime(n.startDate.toJSDate(), zone)).toBe("01:30");
    expect(localTime(n.endDate.toJSDate(), zone)).toBe("04:00");
    const l = byUid.get(`${late.id}@concord`)!;
    expect(l.startDate.toJSDate().toISOString()).toBe(late.startsAt!.toISOString());
    expect(l.endDate.toJSDate().toISOString()).toBe(late.endsAt!.toISOString());
    // The public page shows the same wall-clock times, the late panel marked as ending the next day.
    const page = await callLoader(programmePage, {
      path: `/conferences/${conference.slug}/programme?view=room`,
      params: { slug: conference.slug },
    });
    const rows = unpackRows((page.data as { list: PackedRows }).list);
    expect(rows.find((r) => r.title === "Night session")).toMatchObject({
      day: "2025-10-26",
      start: "01:30",
      end: "04:00",
      endsNextDay: false,
    });
    expect(rows.find((r) => r.title === "Late panel")).toMatchObject({
      day: "2025-10-25",
      start: "23:30",
      end: "00:30",
      endsNextDay: true,
    });
  });

  it("the secret agenda feed carries starred sessions, follows released moves with a stable UID, and dies when regenerated", async () => {
    const { conference, actor: organizer } = await organizerWorld();
    const room = await makeRoom(conference.id);
    const s = await makeSession(conference.id, {
      title: "Signing ceremony",
      roomId: room.id,
      start: "2025-09-27T16:00",
      end: "2025-09-27T17:00",
    });
    const attendee = await sessionUserOf((await makeUser()).id);
    await toggleStar({ actor: attendee, slug: conference.slug, sessionId: s.id, starred: true });
    const { token } = await regenerateFeed({ actor: attendee });
    const first = events((await agendaCalendar(token))!);
    expect(first).toHaveLength(1);
    expect(first[0].startDate.toJSDate().toISOString()).toBe("2025-09-27T08:00:00.000Z");
    await placeSession({
      actor: organizer,
      slug: conference.slug,
      input: { intent: "place", sessionId: s.id, roomId: room.id, start: "2025-09-27T17:00", end: "2025-09-27T18:00" },
    });
    await publishSchedule({ actor: organizer, slug: conference.slug }); // feeds follow the released programme
    const res = await callLoader(feedRoute, { path: `/feeds/agenda/${token}.ics`, params: { token: `${token}.ics` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    const moved = events(res.data as string);
    expect(moved[0].uid).toBe(first[0].uid);
    expect(moved[0].sequence).toBeGreaterThan(first[0].sequence);
    expect(moved[0].startDate.toJSDate().toISOString()).toBe("2025-09-27T09:00:00.000Z");
    const { token: fresh } = await regenerateFeed({ actor: attendee });
    expect(await agendaCalendar(token)).toBeNull();
    expect(await agendaCalendar(fresh)).not.toBeNull();
    const gone = await callLoader(feedRoute, { path: `/feeds/agenda/${token}`, params: { token } });
    expect(gone.status).toBe(404);
  });

  it("a session's .ics download: published only", async () => {
    const { conference } = await organizerWorld();
    const pub = await makeSession(conference.id, { start: "2025-09-27T09:00", end: "2025-09-27T10:00" });
    const draft = await makeSession(conference.id, { status: "DRAFT", start: "2025-09-27T09:00", end: "2025-09-27T10:00" });
    const ok = await callLoader(sessionIcs, { path: "/x", params: { slug: conference.slug, id: pub.id } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-disposition")).toContain(".ics");
    expect(events(ok.data as string)).toHaveLength(1);
    expect((await callLoader(sessionIcs, { path: "/x", params: { slug: conference.slug, id: draft.id } })).status).toBe(404);
  });
});
