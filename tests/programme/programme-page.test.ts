// The public programme as a browser receives it (documents rendered by entry.server behind server/http.js):
// its size at 300 sessions, each reader's own stars on the shared markup, and the one star form.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { serveApp, type Served } from "../hostile/app";
import { makeUser } from "../support/world";
import { makeRoom, makeSpeaker, organizerWorld } from "./support";

let app: Served;
beforeAll(async () => {
  app = await serveApp();
});
afterAll(() => app?.close());

/** A released programme like the benchmark's: 300 sessions of two speakers, 6 rooms, 5 tracks, two days. */
async function bigProgramme() {
  const world = await organizerWorld();
  const id = world.conference.id;
  const rooms = await Promise.all(Array.from({ length: 6 }, (_, i) => makeRoom(id, `Room ${i + 1}`)));
  const tracks = await Promise.all(
    Array.from({ length: 5 }, (_, i) => db().track.create({ data: { conferenceId: id, name: `Track ${i + 1}`, position: i } })),
  );
  const speakers = await Promise.all(Array.from({ length: 150 }, (_, i) => makeSpeaker(id, `Speaker ${i + 1}`)));
  await db().programmeSession.createMany({
    data: Array.from({ length: 300 }, (_, i) => {
      // 08:00 Beijing time (00:00Z) onwards, 25 slots a day in 6 rooms.
      const start = new Date(Date.UTC(2025, 8, 27 + Math.floor(i / 150), 0) + (Math.floor(i / 6) % 25) * 30 * 60_000);
      const end = new Date(start.getTime() + 25 * 60_000);
      return {
        conferenceId: id,
        title: `Session ${i + 1}: engineering education and quality`,
        abstract: "An abstract of a few sentences about engineering education, accreditation and cooperation between universities.",
        kind: "PAPER_SESSION" as const,
        status: "PUBLISHED" as const,
        roomId: rooms[i % 6].id,
        trackId: tracks[i % 5].id,
        startsAt: start,
        endsAt: end,
        releasedRoomId: rooms[i % 6].id,
        releasedStartsAt: start,
        releasedEndsAt: end,
        releasedAt: new Date(),
      };
    }),
  });
  const sessions = await db().programmeSession.findMany({ where: { conferenceId: id }, select: { id: true, title: true } });
  await db().sessionSpeaker.createMany({
    data: sessions.flatMap((s, i) => [
      { sessionId: s.id, speakerId: speakers[i % 150].id, position: 0 },
      { sessionId: s.id, speakerId: speakers[(i + 7) % 150].id, position: 1, role: "CO_SPEAKER" as const },
    ]),
  });
  return { ...world, sessions };
}

const page = async (url: string, cookie?: string) => {
  const res = await fetch(`${app.base}${url}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  return { status: res.status, html: await res.text(), location: res.headers.get("location") };
};
const pressed = (html: string) => [...html.matchAll(/<button name="unstar" value="([0-9a-f-]{36})" aria-pressed="true"/g)].map((m) => m[1]);

describe("the programme page at 300 sessions", () => {
  it("stays under 200 KB signed in and out, shows each reader their own stars, and stars with one form", async () => {
    const { conference, sessions } = await bigProgramme();
    const url = `/conferences/${conference.slug}/programme?view=track`;
    const anonymous = await page(url);
    expect(anonymous.status).toBe(200);
    expect(anonymous.html).toContain("Session 300:");
    expect(anonymous.html).not.toContain('name="star"');
    expect(Buffer.byteLength(anonymous.html)).toBeLessThanOrEqual(200_000);
    // Session links are relative to the programme's one address; a trailing slash is sent back to it.
    expect(anonymous.html).toContain(`<a href="sessions/${sessions[0].id}">`);
    const slashed = await page(`/conferences/${conference.slug}/programme/?view=track`);
    expect(slashed.status).toBe(301);
    expect(slashed.location).toBe(url);

    const ada = await makeUser();
    const bo = await makeUser();
    const adaStars = sessions.filter((_, i) => i % 7 === 0).map((s) => s.id);
    await db().agendaStar.createMany({ data: adaStars.map((sessionId) => ({ userId: ada.id, sessionId })) });
    await db().agendaStar.create({ data: { userId: bo.id, sessionId: sessions[1].id } });

    const mine = await page(url, ada.cookie);
    // Signed in adds 300 star buttons (about 36 KB) to the same list (was 631 KB; 230 KB while the page
    // carried the messages of the organizers' and speakers' pages too, decision 039).
    expect(Buffer.byteLength(mine.html)).toBeLessThanOrEqual(200_000);
    expect(pressed(mine.html).sort()).toEqual([...adaStars].sort());
    expect(mine.html.match(/<button name="star" /g)).toHaveLength(300 - adaStars.length);
    // The same markup serves the next reader with their own stars, never the previous reader's.
    expect(pressed((await page(url, bo.cookie)).html)).toEqual([sessions[1].id]);
    expect(pressed((await page(url, ada.cookie)).html).sort()).toEqual([...adaStars].sort());

    // One form for the list: the pressed button names what it does and which session.
    const star = await fetch(`${app.base}${url}`, {
      method: "POST",
      headers: { cookie: bo.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ star: sessions[2].id }),
      redirect: "manual",
    });
    expect([302, 303]).toContain(star.status);
    expect(star.headers.get("location")).toBe(url);
    expect(pressed((await page(url, bo.cookie)).html).sort()).toEqual([sessions[1].id, sessions[2].id].sort());
    const unstar = await fetch(`${app.base}${url}`, {
      method: "POST",
      headers: { cookie: bo.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ unstar: sessions[1].id }),
      redirect: "manual",
    });
    expect([302, 303]).toContain(unstar.status);
    expect(pressed((await page(url, bo.cookie)).html)).toEqual([sessions[2].id]);
  });

  it("shows times in another zone on request, with the date when it is not the venue's day", async () => {
    const { conference } = await organizerWorld();
    const room = await makeRoom(conference.id, "Hall");
    // 09:00 on 27 September in Beijing is 22:00 on 26 September in São Paulo.
    const start = new Date("2025-09-27T01:00:00Z");
    const end = new Date("2025-09-27T02:00:00Z");
    await db().programmeSession.create({
      data: {
        conferenceId: conference.id,
        title: "Opening",
        kind: "PLENARY",
        status: "PUBLISHED",
        roomId: room.id,
        startsAt: start,
        endsAt: end,
        releasedRoomId: room.id,
        releasedStartsAt: start,
        releasedEndsAt: end,
        releasedAt: new Date(),
      },
    });
    const venue = (await page(`/conferences/${conference.slug}/programme`)).html;
    expect(venue).toContain("<time>09:00–10:00</time>");
    expect(venue).toContain("the venue&#x27;s time zone");
    const saoPaulo = (await page(`/conferences/${conference.slug}/programme?tz=America%2FSao_Paulo`)).html;
    expect(saoPaulo).toContain("<time>22:00–23:00, 26 Sept</time>");
    expect(saoPaulo).toContain("Times in America/Sao_Paulo (GMT-3)");
    expect(saoPaulo).toContain("Show the venue&#x27;s time (Asia/Shanghai)");
  });
});
