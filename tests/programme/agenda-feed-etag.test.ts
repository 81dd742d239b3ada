import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { placeSession } from "~/domain/programme/place-session.server";
import { publishSchedule } from "~/domain/programme/publish-schedule.server";
import { regenerateFeed } from "~/domain/programme/regenerate-feed.server";
import { toggleStar } from "~/domain/programme/toggle-star.server";
import { queryCounter } from "~/utils/db.server";
import * as feedRoute from "~/routes/programme/agenda-feed";
import { callLoader } from "../support/http";
import { makeUser } from "../support/world";
import { sessionUserOf } from "./session-user";
import { makeRoom, makeSession, organizerWorld } from "./support";

const starts = (text: string) =>
  new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((c) => new ICAL.Event(c).startDate.toJSDate().toISOString());

describe("the agenda feed answers conditional requests", () => {
  it("200 with a strong ETag, 304 while nothing released changes, 200 with a new ETag after a release or a new star", async () => {
    const { conference, actor: organizer } = await organizerWorld();
    const room = await makeRoom(conference.id);
    const s = await makeSession(conference.id, {
      title: "Signing ceremony",
      roomId: room.id,
      start: "2025-09-27T16:00",
      end: "2025-09-27T17:00",
    });
    const other = await makeSession(conference.id, {
      title: "Closing",
      roomId: room.id,
      start: "2025-09-27T18:00",
      end: "2025-09-27T19:00",
    });
    const attendee = await sessionUserOf((await makeUser()).id);
    await toggleStar({ actor: attendee, slug: conference.slug, sessionId: s.id, starred: true });
    const { token } = await regenerateFeed({ actor: attendee });
    const get = (etag?: string) =>
      callLoader(feedRoute, {
        path: `/feeds/agenda/${token}.ics`,
        params: { token: `${token}.ics` },
        headers: etag ? { "If-None-Match": etag } : {},
      });

    const first = await get();
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]{20,}"$/); // strong: no W/ prefix
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    expect(starts(first.data as string)).toEqual(["2025-09-27T08:00:00.000Z"]);

    const again = await get(etag);
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.data ?? "").toBe("");
    // A calendar app without If-None-Match gets the same version.
    expect((await get()).headers.get("etag")).toBe(etag);

    // Moving the session in the draft changes nothing the feed shows: still 304.
    await placeSession({
      actor: organizer,
      slug: conference.slug,
      input: { intent: "place", sessionId: s.id, roomId: room.id, start: "2025-09-27T17:00", end: "2025-09-27T18:00" },
    });
    expect((await get(etag)).status).toBe(304);

    // Its release does: 200, a new ETag, the moved time.
    await publishSchedule({ actor: organizer, slug: conference.slug });
    const released = await get(etag);
    expect(released.status).toBe(200);
    const etag2 = released.headers.get("etag")!;
    expect(etag2).not.toBe(etag);
    expect(starts(released.data as string)).toEqual(["2025-09-27T09:00:00.000Z"]);
    expect((await get(etag2)).status).toBe(304);

    // A new star is a new version too, and so is removing it again (back to the released one-event body).
    await toggleStar({ actor: attendee, slug: conference.slug, sessionId: other.id, starred: true });
    const starred = await get(etag2);
    expect(starred.status).toBe(200);
    expect(starts(starred.data as string)).toHaveLength(2);
    await toggleStar({ actor: attendee, slug: conference.slug, sessionId: other.id, starred: false });
    expect((await get(starred.headers.get("etag")!)).status).toBe(200);
    expect((await get(etag2)).status).toBe(304);
  });

  it("writes a new version's body once for polls that arrive together (each of them reads only the version)", async () => {
    const { conference } = await organizerWorld();
    const room = await makeRoom(conference.id);
    const sessions = await Promise.all(
      ["09:00", "10:00", "11:00"].map((start, i) =>
        makeSession(conference.id, {
          title: `Talk ${i}`,
          roomId: room.id,
          start: `2025-09-27T${start}`,
          end: `2025-09-27T${start.replace(":00", ":45")}`,
        }),
      ),
    );
    const attendee = await sessionUserOf((await makeUser()).id);
    const { token } = await regenerateFeed({ actor: attendee });
    const get = () => callLoader(feedRoute, { path: `/feeds/agenda/${token}.ics`, params: { token: `${token}.ics` } });
    const queriesOf = async (poll: () => Promise<unknown>) => {
      const before = queryCounter.count;
      await poll();
      await new Promise((r) => setImmediate(r));
      return queryCounter.count - before;
    };
    // One poll of a new version: its version read and the statements that write its body.
    await toggleStar({ actor: attendee, slug: conference.slug, sessionId: sessions[0].id, starred: true });
    const alone = await queriesOf(get);
    // Eight polls of the next version at once: eight version reads, one body.
    await toggleStar({ actor: attendee, slug: conference.slug, sessionId: sessions[1].id, starred: true });
    let answers: Awaited<ReturnType<typeof get>>[] = [];
    const together = await queriesOf(async () => (answers = await Promise.all(Array.from({ length: 8 }, get))));
    expect(alone).toBeGreaterThan(1);
    expect(together).toBe(alone + 7);
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(starts(a.data as string)).toHaveLength(2);
    }
  });

  it("an unknown token is 404 whatever If-None-Match says", async () => {
    const res = await callLoader(feedRoute, {
      path: "/feeds/agenda/unknown-token-0123456789abcdef.ics",
      params: { token: "unknown-token-0123456789abcdef.ics" },
      headers: { "If-None-Match": "*" },
    });
    expect(res.status).toBe(404);
  });
});
