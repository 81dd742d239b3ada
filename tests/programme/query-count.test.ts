import { describe, expect, it } from "vitest";
import * as manageList from "~/routes/programme/manage/sessions";
import * as programmePage from "~/routes/programme/programme";
import { db, queryCounter } from "~/utils/db.server";
import { callLoader } from "../support/http";
import { makeUser } from "../support/world";
import { makeRoom, makeSpeaker, organizerWorld } from "./support";

/** A conference with `n` published sessions, each with two speakers, in four rooms over two days. */
async function programmeOf(n: number) {
  const world = await organizerWorld();
  const rooms = await Promise.all([0, 1, 2, 3].map((i) => makeRoom(world.conference.id, `Room ${i}`)));
  const speakers = await Promise.all(
    Array.from({ length: Math.ceil(n / 2) + 1 }, (_, i) => makeSpeaker(world.conference.id, `Speaker ${i}`)),
  );
  const track = await db().track.create({ data: { conferenceId: world.conference.id, name: "Quality standards" } });
  await db().programmeSession.createMany({
    data: Array.from({ length: n }, (_, i) => {
      const start = new Date(Date.UTC(2025, 8, 26, 23) + (i % 150) * 10 * 60_000 + Math.floor(i / 150) * 86400_000);
      return {
        conferenceId: world.conference.id,
        title: `Session ${i}`,
        kind: "PAPER_SESSION" as const,
        status: "PUBLISHED" as const,
        roomId: rooms[i % 4].id,
        trackId: track.id,
        startsAt: start,
        endsAt: new Date(start.getTime() + 30 * 60_000),
      };
    }),
  });
  const sessions = await db().programmeSession.findMany({ where: { conferenceId: world.conference.id }, select: { id: true } });
  await db().sessionSpeaker.createMany({
    data: sessions.flatMap((s, i) => [
      { sessionId: s.id, speakerId: speakers[i % speakers.length].id, position: 0 },
      { sessionId: s.id, speakerId: speakers[(i + 1) % speakers.length].id, position: 1, role: "CO_SPEAKER" as const },
    ]),
  });
  return world;
}

async function countQueries(run: () => Promise<unknown>) {
  const before = queryCounter.count;
  await run();
  return queryCounter.count - before;
}

describe("query counts do not grow with the programme", () => {
  it("public programme page (signed in, every view) and organizer list: same count at 10 and 300 sessions", async () => {
    const attendee = await makeUser();
    const counts: Record<string, number[]> = {};
    for (const n of [10, 300]) {
      const { conference, organizer } = await programmeOf(n);
      for (const view of ["day", "track", "room"]) {
        const c = await countQueries(() =>
          callLoader(programmePage, {
            path: `/conferences/${conference.slug}/programme?view=${view}`,
            params: { slug: conference.slug },
            cookie: attendee.cookie,
          }),
        );
        (counts[`public-${view}`] ??= []).push(c);
      }
      const m = await countQueries(async () => {
        const r = await callLoader(manageList, {
          path: `/conferences/${conference.slug}/manage/programme`,
          params: { slug: conference.slug },
          cookie: organizer.cookie,
        });
        expect(r.status).toBe(200);
        expect((r.data as { sessions: unknown[] }).sessions).toHaveLength(n);
      });
      (counts.manage ??= []).push(m);
    }
    for (const [name, [small, large]] of Object.entries(counts)) {
      expect(large, name).toBe(small);
      expect(small, name).toBeLessThanOrEqual(12);
    }
  });
});
