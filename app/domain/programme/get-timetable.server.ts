import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { guardedConference } from "./programme-conference.server";

export type GetTimetableOptions = { actor: SessionUser | null; slug: string };

/** What the organizers' timetable shows: rooms, every session (placed first) and how many versions were published. */
export async function getTimetable({ actor, slug }: GetTimetableOptions) {
  const conference = await guardedConference(db(), actor, slug);
  const [rooms, sessions, versions] = await Promise.all([
    db().room.findMany({
      where: { conferenceId: conference.id, deletedAt: null },
      orderBy: { position: "asc" },
      select: { id: true, name: true, nameZh: true, capacity: true },
    }),
    db().programmeSession.findMany({
      where: { conferenceId: conference.id },
      orderBy: [{ startsAt: { sort: "asc", nulls: "last" } }, { title: "asc" }],
      select: { id: true, title: true, titleZh: true, kind: true, roomId: true, startsAt: true, endsAt: true, status: true },
    }),
    db().scheduleVersion.count({ where: { conferenceId: conference.id } }),
  ]);
  return { conference, rooms, sessions, versions };
}
