import { describe, expect, it } from "vitest";
import { placeSession } from "~/domain/programme/place-session.server";
import * as portalSession from "~/routes/programme/speaker-portal/session";
import { db } from "~/utils/db.server";
import { callAction, callLoader } from "../support/http";
import { makeUser } from "../support/world";
import { makeRoom, makeSession, organizerWorld } from "./support";

describe("speaker availability", () => {
  it("a speaker gives windows on the venue's clock; placing a session outside them is a conflict, inside is fine", async () => {
    const { conference, actor } = await organizerWorld({ timeZone: "America/Sao_Paulo" });
    const user = await makeUser();
    const speaker = await db().speaker.create({ data: { conferenceId: conference.id, nameLatin: "Ana Souza", userId: user.id } });
    const path = `/speaker/${speaker.id}`;
    const saved = await callAction(portalSession, {
      path,
      params: { id: speaker.id },
      cookie: user.cookie,
      form: { intent: "availability", availability: "2025-09-27 09:00-12:00\n2025-09-28 14:00–18:00" },
    });
    expect(saved.status).toBe(302);
    const windows = await db().speakerAvailability.findMany({ where: { speakerId: speaker.id }, orderBy: { startsAt: "asc" } });
    // São Paulo is UTC−3: 09:00 there is 12:00Z.
    expect(windows.map((w) => w.startsAt.toISOString())).toEqual(["2025-09-27T12:00:00.000Z", "2025-09-28T17:00:00.000Z"]);
    const page = await callLoader(portalSession, { path, params: { id: speaker.id }, cookie: user.cookie });
    expect((page.data as { availability: string }).availability).toBe("2025-09-27 09:00-12:00\n2025-09-28 14:00-18:00");

    const room = await makeRoom(conference.id);
    const s = await makeSession(conference.id, { zone: "America/Sao_Paulo", speakerIds: [speaker.id] });
    const at = (start: string, end: string) =>
      placeSession({ actor, slug: conference.slug, input: { intent: "check", sessionId: s.id, roomId: room.id, start, end } });
    expect((await at("2025-09-27T11:30", "2025-09-27T12:30")).conflicts).toEqual([{ rule: "unavailable", speaker: "Ana Souza" }]);
    expect((await at("2025-09-27T13:00", "2025-09-27T14:00")).conflicts).toEqual([{ rule: "unavailable", speaker: "Ana Souza" }]);
    expect((await at("2025-09-27T10:00", "2025-09-27T11:00")).conflicts).toEqual([]);
    expect((await at("2025-09-28T17:00", "2025-09-28T18:00")).conflicts).toEqual([]);
    await expect(
      placeSession({
        actor,
        slug: conference.slug,
        input: { intent: "place", sessionId: s.id, roomId: room.id, start: "2025-09-28T18:00", end: "2025-09-28T19:00" },
      }),
    ).rejects.toMatchObject({ conflicts: [{ rule: "unavailable", speaker: "Ana Souza" }] });

    // Emptied: available at any time again.
    await callAction(portalSession, {
      path,
      params: { id: speaker.id },
      cookie: user.cookie,
      form: { intent: "availability", availability: "" },
    });
    expect((await at("2025-09-27T13:00", "2025-09-27T14:00")).conflicts).toEqual([]);
  });

  it("a line it cannot read is refused with the message on the field, and nothing changes; someone else's profile is a 404", async () => {
    const { conference } = await organizerWorld();
    const user = await makeUser();
    const speaker = await db().speaker.create({ data: { conferenceId: conference.id, nameLatin: "Li Wei", userId: user.id } });
    const bad = await callAction(portalSession, {
      path: `/speaker/${speaker.id}`,
      params: { id: speaker.id },
      cookie: user.cookie,
      form: { intent: "availability", availability: "2025-09-27 09:00-12:00\ntomorrow morning" },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.data)).toContain("programme.availability.badLine");
    const backwards = await callAction(portalSession, {
      path: `/speaker/${speaker.id}`,
      params: { id: speaker.id },
      cookie: user.cookie,
      form: { intent: "availability", availability: "2025-09-27 12:00-09:00" },
    });
    expect(backwards.status).toBe(400);
    expect(await db().speakerAvailability.count({ where: { speakerId: speaker.id } })).toBe(0);
    const other = await makeUser();
    const res = await callAction(portalSession, {
      path: `/speaker/${speaker.id}`,
      params: { id: speaker.id },
      cookie: other.cookie,
      form: { intent: "availability", availability: "2025-09-27 09:00-12:00" },
    });
    expect(res.status).toBe(404);
  });
});
