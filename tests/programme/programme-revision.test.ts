// The programme page reuses what it computed from the released sessions until the conference's
// programmeRevision moves (decision 077). The revision is raised by database triggers, so a change made by
// any code path, even plain SQL that bypasses the application, shows on the next page; the control writes
// one change with triggers switched off for its own transaction and sees the page keep the old text,
// which proves the page really is served from what it remembered and that these checks would catch a
// table the triggers missed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { serveApp, type Served } from "../hostile/app";
import { makeUser } from "../support/world";
import { makeRoom, makeSession, makeSpeaker, organizerWorld } from "./support";

let app: Served;
beforeAll(async () => {
  app = await serveApp();
});
afterAll(() => app?.close());

async function world() {
  const { conference } = await organizerWorld();
  const room = await makeRoom(conference.id, "Lotus Hall");
  const track = await db().track.create({ data: { conferenceId: conference.id, name: "Accreditation", colour: "#1e3a8a" } });
  const speaker = await makeSpeaker(conference.id, "Wang Lei");
  const session = await makeSession(conference.id, {
    title: "Mutual recognition of degrees",
    start: "2025-09-27T09:00",
    end: "2025-09-27T10:00",
    roomId: room.id,
    trackId: track.id,
    speakerIds: [speaker.id],
  });
  // Signed in: the anonymous page cache (a few seconds) is not in the way.
  const reader = await makeUser();
  const read = async (view = "track") => {
    const res = await fetch(`${app.base}/conferences/${conference.slug}/programme?view=${view}`, { headers: { cookie: reader.cookie } });
    expect(res.status).toBe(200);
    return res.text();
  };
  const revision = async () =>
    (await db().conference.findUniqueOrThrow({ where: { id: conference.id }, select: { programmeRevision: true } })).programmeRevision;
  return { conference, room, track, speaker, session, read, revision };
}

describe("the programme page follows every change to what it shows", () => {
  it("shows changes written by plain SQL at once: session, speaker, room, track, conference, who speaks, release", async () => {
    const w = await world();
    let html = await w.read();
    expect(html).toContain("Mutual recognition of degrees");
    expect(html).toContain("Wang Lei");

    const before = await w.revision();
    await db()
      .$executeRaw`UPDATE "ProgrammeSession" SET title = 'Mutual recognition of engineering degrees' WHERE id = ${w.session.id}::uuid`;
    expect(await w.revision()).toBeGreaterThan(before);
    expect(await w.read()).toContain("Mutual recognition of engineering degrees");

    await db().$executeRaw`UPDATE "Speaker" SET "nameLatin" = 'Wang Lei (Tsinghua)' WHERE id = ${w.speaker.id}::uuid`;
    expect(await w.read()).toContain("Wang Lei (Tsinghua)");

    await db().$executeRaw`UPDATE "Room" SET name = 'Peony Hall' WHERE id = ${w.room.id}::uuid`;
    expect(await w.read()).toContain("Peony Hall");

    await db().$executeRaw`UPDATE "Track" SET name = 'Quality assurance', colour = '#7c2d12' WHERE id = ${w.track.id}::uuid`;
    html = await w.read();
    expect(html).toContain("Quality assurance");
    expect(html).toContain("--track:#7c2d12");

    const second = await makeSpeaker(w.conference.id, "Amina Otieno");
    await db()
      .$executeRaw`INSERT INTO "SessionSpeaker" ("sessionId", "speakerId", position) VALUES (${w.session.id}::uuid, ${second.id}::uuid, 1)`;
    expect(await w.read()).toContain("Wang Lei (Tsinghua), Amina Otieno");
    await db().$executeRaw`DELETE FROM "SessionSpeaker" WHERE "speakerId" = ${w.speaker.id}::uuid`;
    html = await w.read();
    expect(html).not.toContain("Wang Lei");
    expect(html).toContain("Amina Otieno");

    await db().$executeRaw`UPDATE "Conference" SET title = 'Excellent Engineer Training 2025' WHERE id = ${w.conference.id}::uuid`;
    expect(await w.read()).toContain("Excellent Engineer Training 2025");

    // Taken out of the released programme, then deleted.
    await db()
      .$executeRaw`UPDATE "ProgrammeSession" SET "releasedStartsAt" = NULL, "releasedEndsAt" = NULL WHERE id = ${w.session.id}::uuid`;
    expect(await w.read()).not.toContain("Mutual recognition of engineering degrees");
    const other = await makeSession(w.conference.id, { title: "Closing ceremony", start: "2025-09-28T16:00", end: "2025-09-28T17:00" });
    expect(await w.read("day")).not.toContain("Closing ceremony"); // the first day is shown
    html = await w.read("room");
    expect(html).toContain("Closing ceremony");
    await db().$executeRaw`DELETE FROM "ProgrammeSession" WHERE id = ${other.id}::uuid`;
    expect(await w.read("room")).not.toContain("Closing ceremony");
  });

  it("control: a change the triggers do not see leaves the page as it was remembered", async () => {
    const w = await world();
    expect(await w.read()).toContain("Wang Lei");
    // Triggers off for this one transaction only (other tests' writes still raise revisions).
    await db().$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
      await tx.$executeRaw`UPDATE "Speaker" SET "nameLatin" = 'Li Na' WHERE id = ${w.speaker.id}::uuid`;
    });
    const stale = await w.read();
    expect(stale).toContain("Wang Lei");
    expect(stale).not.toContain("Li Na");
    // Any change the triggers see brings the page up to date, the unseen one included.
    await db().$executeRaw`UPDATE "Room" SET capacity = 120 WHERE id = ${w.room.id}::uuid`;
    expect(await w.read()).toContain("Li Na");
  });
});
