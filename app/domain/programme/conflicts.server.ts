import type { SessionKind } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { AppError, FieldError } from "~/utils/errors";
import type { ProgrammeConference } from "./programme-conference.server";
import { localDay, localDayBounds } from "~/utils/zoned-time";

/** One reason a placement is refused; rendered by the timetable and session forms. */
export type Conflict =
  | { rule: "room"; sessionId: string; title: string }
  | { rule: "speaker"; speaker: string; sessionId: string; title: string }
  | { rule: "outside"; firstDay: string; lastDay: string }
  | { rule: "unavailable"; speaker: string }
  | { rule: "capacity"; room: string; roomCapacity: number; workshopCapacity: number };

/** A save refused because of conflicts (409); `conflicts` says which. */
export class ConflictError extends AppError {
  constructor(readonly conflicts: Conflict[]) {
    super("CONFLICT", "programme.conflict.title");
  }
}

/** The conflicts behind a refused save, for the page to list; none when it was refused for another reason. */
export function conflictsOf(error: AppError): Conflict[] {
  return error instanceof ConflictError ? error.conflicts : [];
}

export type Candidate = {
  conference: ProgrammeConference;
  /** The session being placed (excluded from its own overlaps); none for a new one. */
  sessionId?: string;
  roomId: string | null;
  startsAt: Date;
  endsAt: Date;
  kind: SessionKind;
  signupRequired: boolean;
  signupCapacity: number | null;
  speakerIds: string[];
};

/**
 * Every rule a placement breaks. Overlap is half-open: a session ending at
 * 10:00 and one starting at 10:00 may share a room and a speaker. Five
 * queries whatever the programme's size. Throws a FieldError for bad input
 * (a room of another conference) rather than reporting it as a conflict.
 */
export async function findConflicts(tx: Tx, c: Candidate): Promise<Conflict[]> {
  const conflicts: Conflict[] = [];
  const { conference } = c;
  const firstDay = conference.startDate.toISOString().slice(0, 10);
  const lastDay = conference.endDate.toISOString().slice(0, 10);
  if (localDay(c.startsAt, conference.timeZone) < firstDay || c.endsAt > localDayBounds(lastDay, conference.timeZone).end) {
    conflicts.push({ rule: "outside", firstDay, lastDay });
  }
  const notSelf = c.sessionId ? { not: c.sessionId } : undefined;
  const overlapping = { startsAt: { lt: c.endsAt }, endsAt: { gt: c.startsAt } };
  if (c.roomId) {
    const room = await tx.room.findFirst({
      where: { id: c.roomId, conferenceId: conference.id, deletedAt: null },
      select: { name: true, capacity: true },
    });
    if (!room) throw new FieldError("roomId", "programme.validation.roomNotHere");
    const clashes = await tx.programmeSession.findMany({
      where: { conferenceId: conference.id, roomId: c.roomId, id: notSelf, ...overlapping },
      select: { id: true, title: true },
      orderBy: { startsAt: "asc" },
    });
    for (const s of clashes) conflicts.push({ rule: "room", sessionId: s.id, title: s.title });
    if (c.kind === "WORKSHOP" && c.signupRequired && c.signupCapacity && room.capacity !== null && room.capacity < c.signupCapacity) {
      conflicts.push({ rule: "capacity", room: room.name, roomCapacity: room.capacity, workshopCapacity: c.signupCapacity });
    }
  }
  if (c.speakerIds.length) {
    const busy = await tx.sessionSpeaker.findMany({
      where: { speakerId: { in: c.speakerIds }, session: { conferenceId: conference.id, id: notSelf, ...overlapping } },
      select: { speaker: { select: { nameLatin: true } }, session: { select: { id: true, title: true } } },
    });
    for (const b of busy)
      conflicts.push({ rule: "speaker", speaker: b.speaker.nameLatin, sessionId: b.session.id, title: b.session.title });
    // Speakers who gave their availability must have one window holding the whole session.
    const limited = await tx.speaker.findMany({
      where: { id: { in: c.speakerIds }, availability: { some: {} } },
      select: {
        nameLatin: true,
        availability: { where: { startsAt: { lte: c.startsAt }, endsAt: { gte: c.endsAt } }, select: { id: true }, take: 1 },
      },
      orderBy: { nameLatin: "asc" },
    });
    for (const s of limited) if (!s.availability.length) conflicts.push({ rule: "unavailable", speaker: s.nameLatin });
  }
  return conflicts;
}

export async function assertNoConflicts(tx: Tx, c: Candidate) {
  const conflicts = await findConflicts(tx, c);
  if (conflicts.length) throw new ConflictError(conflicts);
}
