import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { diffSnapshots } from "~/domain/programme/schedule-snapshot";
import { publishSchedule } from "~/domain/programme/publish-schedule.server";
import { placeSession } from "~/domain/programme/place-session.server";
import { toggleStar } from "~/domain/programme/toggle-star.server";
import * as api from "~/routes/programme/programme-api";
import * as json from "~/routes/programme/schedule-json";
import * as xml from "~/routes/programme/schedule-xml";
import { db } from "~/utils/db.server";
import { callLoader } from "../support/http";
import { makeUser } from "../support/world";
import { sessionUserOf } from "./session-user";
import { makeRoom, makeSession, makeSpeaker, organizerWorld } from "./support";
import { emailText } from "../support/mail";

describe("schedule exports and versions", () => {
  it("frab XML and JSON and the API carry published sessions in venue time", async () => {
    const { conference } = await organizerWorld();
    const room = await makeRoom(conference.id, "Main hall");
    const sp = await makeSpeaker(conference.id, "Margaret Hughes");
    const s = await makeSession(conference.id, {
      title: "Joint declaration",
      roomId: room.id,
      speakerIds: [sp.id],
      start: "2025-09-27T16:00",
      end: "2025-09-27T17:30",
    });
    await makeSession(conference.id, { title: "Hidden draft", status: "DRAFT", start: "2025-09-27T09:00", end: "2025-09-27T10:00" });
    const j = (await callLoader(json, { path: "/x", params: { slug: conference.slug } })).data as {
      schedule: {
        conference: {
          days: {
            rooms: Record<string, { title: string; start: string; duration: string; date: string; persons: { public_name: string }[] }[]>;
          }[];
        };
      };
    };
    const event = j.schedule.conference.days[0].rooms["Main hall"][0];
    expect(event).toMatchObject({
      title: "Joint declaration",
      start: "16:00",
      duration: "01:30",
      date: "2025-09-27T16:00:00+08:00",
      persons: [{ public_name: "Margaret Hughes" }],
    });
    const x = await callLoader(xml, { path: "/x", params: { slug: conference.slug } });
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(x.data as string);
    expect(parsed.schedule.conference.time_zone_name).toBe("Asia/Shanghai");
    expect(parsed.schedule.day[0]?.room?.event?.title ?? parsed.schedule.day.room.event.title).toBe("Joint declaration");
    const a = (await callLoader(api, { path: "/x", params: { slug: conference.slug } })).data as {
      sessions: { id: string; startsAt: string }[];
    };
    expect(a.sessions).toEqual([expect.objectContaining({ id: s.id, startsAt: "2025-09-27T08:00:00.000Z" })]);
  });

  it("publishing numbers versions, lists what changed and emails speakers and starrers of moved sessions", async () => {
    const { conference, actor } = await organizerWorld();
    const room = await makeRoom(conference.id);
    const speakerUser = await makeUser({ locale: "zh" });
    const sp = await makeSpeaker(conference.id, "Chen Hua", speakerUser.email);
    const s = await makeSession(conference.id, {
      title: "Panel",
      roomId: room.id,
      speakerIds: [sp.id],
      start: "2025-09-27T10:00",
      end: "2025-09-27T11:00",
    });
    const fan = await sessionUserOf((await makeUser()).id);
    await toggleStar({ actor: fan, slug: conference.slug, sessionId: s.id, starred: true });
    expect((await publishSchedule({ actor, slug: conference.slug })).number).toBe(1);
    await placeSession({
      actor,
      slug: conference.slug,
      input: { intent: "place", sessionId: s.id, roomId: room.id, start: "2025-09-27T14:00", end: "2025-09-27T15:00" },
    });
    const v2 = await publishSchedule({ actor, slug: conference.slug });
    expect(v2.number).toBe(2);
    expect(v2.changes.map((c) => c.kind)).toEqual(["moved"]);
    const mails = await db().outboxEmail.findMany({ where: { template: "sessionMoved" } });
    expect(mails.map((m) => m.to).sort()).toEqual([speakerUser.email, fan.email].sort());
    expect(mails.find((m) => m.to === speakerUser.email)?.locale).toBe("zh");
    expect(await emailText(mails.find((m) => m.to === fan.email)!)).toContain("14:00");
  });

  it("a break without a room is left out of the frab exports instead of sitting in an empty-named room", async () => {
    const { conference } = await organizerWorld();
    const room = await makeRoom(conference.id, "Main hall");
    await makeSession(conference.id, { title: "Talk", roomId: room.id, start: "2025-09-27T09:00", end: "2025-09-27T10:00" });
    await makeSession(conference.id, { title: "Coffee break", start: "2025-09-27T10:00", end: "2025-09-27T10:30" });
    const x = (await callLoader(xml, { path: "/x", params: { slug: conference.slug } })).data as string;
    expect(x).not.toContain('<room name="">');
    expect(x).toContain('<room name="Main hall">');
    expect(x).not.toContain("Coffee break");
    const j = (await callLoader(json, { path: "/x", params: { slug: conference.slug } })).data as {
      schedule: { conference: { days: { rooms: Record<string, unknown[]> }[] } };
    };
    expect(Object.keys(j.schedule.conference.days[0].rooms)).toEqual(["Main hall"]);
  });

  it("diffs snapshots: added, removed, moved, renamed", () => {
    const a = { id: "a", title: "A", titleZh: null, startsAt: "1", endsAt: "2", roomId: "r", room: "R" };
    const b = { ...a, id: "b", title: "B" };
    const changes = diffSnapshots(
      { sessions: [a, b] },
      {
        sessions: [
          { ...a, startsAt: "3", title: "A2" },
          { ...b, id: "c" },
        ],
      },
    );
    expect(changes.map((c) => c.kind).sort()).toEqual(["added", "moved", "removed", "retitled"]);
  });
});
