import { describe, expect, it } from "vitest";
import { publishSchedule } from "~/domain/programme/publish-schedule.server";
import * as programmePage from "~/routes/programme/programme";
import * as roomsRoute from "~/routes/programme/manage/rooms";
import { db } from "~/utils/db.server";
import { callAction, callLoader } from "../support/http";
import { makeRoom, makeSession, organizerWorld } from "./support";
import { type PackedRows, unpackRows } from "~/components/programme-list";

describe("rooms and tracks: edit, and delete only after confirming, without touching the released programme", () => {
  it("deleting a room with sessions asks first, says what moves, and changes the public programme only at the release", async () => {
    const { conference, organizer, actor } = await organizerWorld();
    const room = await makeRoom(conference.id, "Hall B");
    const s = await makeSession(conference.id, { title: "Panel", roomId: room.id, start: "2025-09-27T10:00", end: "2025-09-27T11:00" });
    const path = `/conferences/${conference.slug}/manage/programme/rooms`;
    const params = { slug: conference.slug };
    const publicRows = async () =>
      unpackRows(
        ((await callLoader(programmePage, { path: `/conferences/${conference.slug}/programme`, params })).data as { list: PackedRows })
          .list,
      );

    // One click (no confirmation) deletes nothing: it leads to the confirmation page.
    const oneClick = await callAction(roomsRoute, { path, params, cookie: organizer.cookie, form: { intent: "delete-room", id: room.id } });
    expect(oneClick.status).toBe(302);
    expect(oneClick.location).toBe(`${path}?delete-room=${room.id}`);
    expect((await db().room.findUniqueOrThrow({ where: { id: room.id } })).deletedAt).toBeNull();
    const confirm = await callLoader(roomsRoute, { path: `${path}?delete-room=${room.id}`, params, cookie: organizer.cookie });
    expect((confirm.data as { deleting: unknown }).deleting).toMatchObject({
      kind: "room",
      item: { name: "Hall B" },
      sessions: [{ title: "Panel" }],
      released: 1,
    });

    const done = await callAction(roomsRoute, {
      path,
      params,
      cookie: organizer.cookie,
      form: { intent: "delete-room", id: room.id, confirm: "yes" },
    });
    expect(done.status).toBe(302);
    const draft = await db().programmeSession.findUniqueOrThrow({ where: { id: s.id } });
    expect(draft.roomId).toBeNull(); // the draft: no room, same time
    expect(draft.startsAt).not.toBeNull();
    expect((await publicRows()).map((r) => r.room?.name)).toEqual(["Hall B"]); // the public: unchanged
    const list = await callLoader(roomsRoute, { path, params, cookie: organizer.cookie });
    expect((list.data as { rooms: { name: string }[] }).rooms.map((r) => r.name)).not.toContain("Hall B");

    const release = await publishSchedule({ actor, slug: conference.slug });
    expect(release.changes.map((c) => c.kind)).toEqual(["moved"]);
    expect((await publicRows()).map((r) => r.room)).toEqual([null]);
    expect(await db().room.findUnique({ where: { id: room.id } })).toBeNull();
  });

  it("a room and a track can be renamed", async () => {
    const { conference, organizer } = await organizerWorld();
    const room = await makeRoom(conference.id, "Room 1");
    const track = await db().track.create({ data: { conferenceId: conference.id, name: "Quality" } });
    const path = `/conferences/${conference.slug}/manage/programme/rooms`;
    const params = { slug: conference.slug };
    const page = await callLoader(roomsRoute, { path: `${path}?edit=${room.id}`, params, cookie: organizer.cookie });
    expect((page.data as { editRoom: { name: string } }).editRoom.name).toBe("Room 1");
    await callAction(roomsRoute, {
      path,
      params,
      cookie: organizer.cookie,
      form: { intent: "room", id: room.id, name: "Auditorium", capacity: "300" },
    });
    await callAction(roomsRoute, {
      path,
      params,
      cookie: organizer.cookie,
      form: { intent: "track", id: track.id, name: "Quality standards", colour: "#166534" },
    });
    expect(await db().room.findUniqueOrThrow({ where: { id: room.id } })).toMatchObject({ name: "Auditorium", capacity: 300 });
    expect(await db().track.findUniqueOrThrow({ where: { id: track.id } })).toMatchObject({ name: "Quality standards", colour: "#166534" });
  });
});
