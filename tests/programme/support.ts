// Programme fixtures: rooms, speakers and sessions written directly to the database.
import { zonedToUtc } from "~/utils/zoned-time";
import { db } from "~/utils/db.server";
import { makeOrg, makeUser, makeConference, grantConferenceRole } from "../support/world";
import { sessionUserOf } from "./session-user";

export async function makeRoom(
  conferenceId: string,
  name = `Room ${Math.random().toString(36).slice(2, 7)}`,
  capacity: number | null = 100,
) {
  return db().room.create({ data: { conferenceId, name, capacity } });
}

export async function makeSpeaker(conferenceId: string, nameLatin = `Speaker ${Math.random().toString(36).slice(2, 7)}`, email?: string) {
  return db().speaker.create({ data: { conferenceId, nameLatin, email } });
}

export async function makeSession(
  conferenceId: string,
  opts: {
    title?: string;
    zone?: string;
    start?: string;
    end?: string;
    roomId?: string | null;
    speakerIds?: string[];
    status?: "DRAFT" | "PUBLISHED";
    kind?: "KEYNOTE" | "WORKSHOP" | "PANEL";
    signupCapacity?: number;
    trackId?: string;
    /** Also in the released programme (the default for a published, scheduled session). */
    released?: boolean;
  } = {},
) {
  const zone = opts.zone ?? "Asia/Shanghai";
  const startsAt = opts.start ? zonedToUtc(opts.start, zone) : null;
  const endsAt = opts.end ? zonedToUtc(opts.end, zone) : null;
  const released = (opts.released ?? true) && (opts.status ?? "PUBLISHED") === "PUBLISHED" && !!startsAt && !!endsAt;
  return db().programmeSession.create({
    data: {
      conferenceId,
      title: opts.title ?? `Session ${Math.random().toString(36).slice(2, 7)}`,
      kind: opts.kind ?? "KEYNOTE",
      status: opts.status ?? "PUBLISHED",
      roomId: opts.roomId ?? null,
      trackId: opts.trackId,
      startsAt,
      endsAt,
      ...(released
        ? { releasedStartsAt: startsAt, releasedEndsAt: endsAt, releasedRoomId: opts.roomId ?? null, releasedAt: new Date() }
        : {}),
      signupRequired: opts.signupCapacity !== undefined,
      signupCapacity: opts.signupCapacity,
      speakers: { create: (opts.speakerIds ?? []).map((speakerId, position) => ({ speakerId, position })) },
    },
  });
}

/** A published conference (27–28 Sep 2025 by default) with one organizer. */
export async function organizerWorld(opts: { timeZone?: string; start?: string; end?: string } = {}) {
  const org = await makeOrg();
  const conference = await makeConference(org.id, { status: "PUBLISHED", timeZone: opts.timeZone });
  if (opts.start || opts.end) {
    await db().conference.update({
      where: { id: conference.id },
      data: { startDate: new Date(opts.start ?? "2025-09-27"), endDate: new Date(opts.end ?? "2025-09-28") },
    });
  }
  const organizer = await makeUser();
  await grantConferenceRole(conference.id, organizer.id, "ORGANIZER");
  return { org, conference, organizer, actor: await sessionUserOf(organizer.id) };
}
