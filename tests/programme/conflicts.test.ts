import { describe, expect, it } from "vitest";
import { ConflictError } from "~/domain/programme/conflicts.server";
import { placeSession } from "~/domain/programme/place-session.server";
import { saveSession } from "~/domain/programme/save-session.server";
import { sessionSchema } from "~/domain/programme/schema";
import { db } from "~/utils/db.server";
import { FieldError } from "~/utils/errors";
import { makeConference, makeOrg } from "../support/world";
import { makeRoom, makeSession, makeSpeaker, organizerWorld } from "./support";
import { lockedWith, meetingAfterCheck, unlockedWith } from "./unlocked";

const input = (over: Record<string, unknown> = {}) => sessionSchema.parse({ title: "A talk", kind: "KEYNOTE", speakers: [], ...over });

async function conflictsOf(p: Promise<unknown>) {
  const error = await p.then(
    () => null,
    (e) => e,
  );
  expect(error).toBeInstanceOf(ConflictError);
  return (error as ConflictError).conflicts;
}

describe("timetable conflicts", () => {
  it("refuses two sessions in one room at once, and allows back-to-back ones", async () => {
    const { conference, actor } = await organizerWorld();
    const room = await makeRoom(conference.id);
    await makeSession(conference.id, { title: "Opening", roomId: room.id, start: "2025-09-27T09:00", end: "2025-09-27T10:00" });
    const conflicts = await conflictsOf(
      saveSession({ actor, slug: conference.slug, input: input({ roomId: room.id, start: "2025-09-27T09:30", end: "2025-09-27T10:30" }) }),
    );
    expect(conflicts).toEqual([expect.objectContaining({ rule: "room", title: "Opening" })]);
    await expect(
      saveSession({ actor, slug: conference.slug, input: input({ roomId: room.id, start: "2025-09-27T10:00", end: "2025-09-27T11:00" }) }),
    ).resolves.toHaveProperty("id");
  });

  it("refuses a speaker in two overlapping sessions, in different rooms", async () => {
    const { conference, actor } = await organizerWorld();
    const [a, b] = [await makeRoom(conference.id), await makeRoom(conference.id)];
    const speaker = await makeSpeaker(conference.id, "Huai Jinpeng");
    await makeSession(conference.id, {
      title: "Keynote",
      roomId: a.id,
      speakerIds: [speaker.id],
      start: "2025-09-27T09:00",
      end: "2025-09-27T10:00",
    });
    const conflicts = await conflictsOf(
      saveSession({
        actor,
        slug: conference.slug,
        input: input({
          roomId: b.id,
          start: "2025-09-27T09:45",
          end: "2025-09-27T10:30",
          speakers: [{ speakerId: speaker.id, role: "PANELIST" }],
        }),
      }),
    );
    expect(conflicts).toEqual([expect.objectContaining({ rule: "speaker", speaker: "Huai Jinpeng", title: "Keynote" })]);
  });

  it("refuses a session outside the conference days (in the venue's zone)", async () => {
    const { conference, actor } = await organizerWorld();
    // 28 Sep 23:30 → 29 Sep 00:30 Beijing time runs past the last day.
    const conflicts = await conflictsOf(
      saveSession({ actor, slug: conference.slug, input: input({ start: "2025-09-28T23:30", end: "2025-09-29T00:30" }) }),
    );
    expect(conflicts).toEqual([{ rule: "outside", firstDay: "2025-09-27", lastDay: "2025-09-28" }]);
    await expect(
      conflictsOf(saveSession({ actor, slug: conference.slug, input: input({ start: "2025-09-26T23:00", end: "2025-09-27T01:00" }) })),
    ).resolves.toHaveLength(1);
    // Ending exactly at local midnight after the last day is inside.
    await expect(
      saveSession({ actor, slug: conference.slug, input: input({ start: "2025-09-28T23:00", end: "2025-09-29T00:00" }) }),
    ).resolves.toHaveProperty("id");
  });

  it("refuses a workshop with more places than its room has seats", async () => {
    const { conference, actor } = await organizerWorld();
    const room = await makeRoom(conference.id, "Seminar room 3", 20);
    const conflicts = await conflictsOf(
      saveSession({
        actor,
        slug: conference.slug,
        input: input({
          kind: "WORKSHOP",
          signupRequired: true,
          signupCapacity: 30,
          roomId: room.id,
          start: "2025-09-27T14:00",
          end: "2025-09-27T16:00",
        }),
      }),
    );
    expect(conflicts).toEqual([{ rule: "capacity", room: "Seminar room 3", roomCapacity: 20, workshopCapacity: 30 }]);
  });

  it("bad input: end before start, a room of another conference, a skipped local time — nothing is written", async () => {
    const { conference, actor } = await organizerWorld({ timeZone: "Europe/Madrid", start: "2025-03-29", end: "2025-03-30" });
    expect(
      sessionSchema.safeParse({ title: "x", kind: "KEYNOTE", start: "2025-03-29T10:00", end: "2025-03-29T09:00" }).error?.issues[0].message,
    ).toBe("programme.validation.endBeforeStart");
    const other = await makeConference((await makeOrg()).id);
    const foreignRoom = await makeRoom(other.id);
    const e1 = await saveSession({
      actor,
      slug: conference.slug,
      input: input({ roomId: foreignRoom.id, start: "2025-03-29T10:00", end: "2025-03-29T11:00" }),
    }).catch((e) => e);
    expect(e1).toBeInstanceOf(FieldError);
    expect(e1.userMessage).toBe("programme.validation.roomNotHere");
    const e2 = await saveSession({
      actor,
      slug: conference.slug,
      input: input({ start: "2025-03-30T02:30", end: "2025-03-30T04:00" }),
    }).catch((e) => e);
    expect(e2).toBeInstanceOf(FieldError);
    expect(e2.userMessage).toBe("programme.validation.skippedTime");
    expect(await db().programmeSession.count({ where: { conferenceId: conference.id } })).toBe(0);
  });

  it("the timetable's check reports conflicts without saving; place saves when free", async () => {
    const { conference, actor } = await organizerWorld();
    const room = await makeRoom(conference.id);
    await makeSession(conference.id, { title: "Opening", roomId: room.id, start: "2025-09-27T09:00", end: "2025-09-27T10:00" });
    const s = await makeSession(conference.id, { title: "Panel" });
    const check = await placeSession({
      actor,
      slug: conference.slug,
      input: { intent: "check", sessionId: s.id, roomId: room.id, start: "2025-09-27T09:00", end: "2025-09-27T09:30" },
    });
    expect(check).toEqual({ saved: false, conflicts: [expect.objectContaining({ rule: "room" })] });
    expect((await db().programmeSession.findUniqueOrThrow({ where: { id: s.id } })).startsAt).toBeNull();
    const placed = await placeSession({
      actor,
      slug: conference.slug,
      input: { intent: "place", sessionId: s.id, roomId: room.id, start: "2025-09-27T10:00", end: "2025-09-27T11:00" },
    });
    expect(placed.saved).toBe(true);
    const after = await db().programmeSession.findUniqueOrThrow({ where: { id: s.id } });
    expect(after.startsAt?.toISOString()).toBe("2025-09-27T02:00:00.000Z");
    expect(after.sequence).toBe(0); // the draft moved; calendars follow at the release
  });
});

/**
 * Two organizers place two different sessions in the same room at the same
 * time, at the same moment. Each transaction waits after its check (up to
 * 300 ms) for the other: without the lock both pass the check and both write.
 */
async function raceTwoPlacements(locking: typeof lockedWith) {
  const { conference, actor } = await organizerWorld();
  const room = await makeRoom(conference.id);
  const [a, b] = [await makeSession(conference.id, { title: "A" }), await makeSession(conference.id, { title: "B" })];
  const afterCheck = meetingAfterCheck(2);
  const place = (sessionId: string) =>
    placeSession({
      actor,
      slug: conference.slug,
      input: { intent: "place", sessionId, roomId: room.id, start: "2025-09-27T09:00", end: "2025-09-27T10:00" },
      locking: locking(afterCheck),
    });
  const results = await Promise.allSettled([place(a.id), place(b.id)]);
  const inRoom = await db().programmeSession.count({ where: { roomId: room.id, startsAt: { not: null } } });
  return { results, inRoom };
}

describe("concurrent timetable edits", () => {
  it("two conflicting saves at once: exactly one wins (transaction-level lock)", async () => {
    const { results, inRoom } = await raceTwoPlacements(lockedWith);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    expect(inRoom).toBe(1);
  });

  it("control: with the lock disabled the same race double-books the room", async () => {
    const { results, inRoom } = await raceTwoPlacements(unlockedWith);
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    expect(inRoom).toBe(2);
  });
});
