import { db } from "~/utils/db.server";
import { notFound, FieldError } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { assertNoConflicts } from "./conflicts.server";
import { programmeLocks, type ProgrammeLocking } from "./locks.server";
import { guardedConference } from "./programme-conference.server";
import type { SessionInput } from "./schema";
import { instantsFrom } from "./session-times.server";

export type SaveSessionOptions = {
  actor: SessionUser | null;
  slug: string;
  sessionId?: string;
  input: SessionInput;
  /** The timetable lock; always `programmeLocks`, except in the race tests. */
  locking?: ProgrammeLocking;
};

/**
 * Creates or edits a session with its ordered speakers and, when times are
 * given, its place in the timetable. The conflict rules are checked under the
 * conference's timetable lock, so two organizers saving at once cannot both
 * pass the check (docs/decisions/021-programme-conflicts.md).
 */
export async function saveSession({ actor, slug, sessionId, input, locking = programmeLocks }: SaveSessionOptions) {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    await locking.timetable(tx, conference.id);
    const existing = sessionId
      ? await tx.programmeSession.findFirst({
          where: { id: sessionId, conferenceId: conference.id },
          select: { id: true, startsAt: true, endsAt: true, roomId: true },
        })
      : null;
    if (sessionId && !existing) throw notFound();
    if (input.trackId && !(await tx.track.findFirst({ where: { id: input.trackId, conferenceId: conference.id }, select: { id: true } }))) {
      throw new FieldError("trackId", "programme.validation.trackNotHere");
    }
    const speakerIds = input.speakers.map((s) => s.speakerId);
    if (
      speakerIds.length &&
      (await tx.speaker.count({ where: { id: { in: speakerIds }, conferenceId: conference.id } })) !== speakerIds.length
    ) {
      throw new FieldError("speakers", "programme.validation.speakerNotHere");
    }
    const times = instantsFrom(conference.timeZone, input.start, input.end);
    if (!times && input.roomId) {
      // A room without times is fine (planned but not yet placed); it still must be this conference's.
      if (!(await tx.room.findFirst({ where: { id: input.roomId, conferenceId: conference.id }, select: { id: true } }))) {
        throw new FieldError("roomId", "programme.validation.roomNotHere");
      }
    }
    const signupRequired = input.kind === "WORKSHOP" && input.signupRequired;
    const signupCapacity = signupRequired ? (input.signupCapacity ?? null) : null;
    if (times) {
      await assertNoConflicts(tx, {
        conference,
        sessionId: existing?.id,
        roomId: input.roomId ?? null,
        ...times,
        kind: input.kind,
        signupRequired,
        signupCapacity,
        speakerIds,
      });
    }
    await locking.afterCheck();
    const data = {
      title: input.title,
      titleZh: input.titleZh ?? null,
      abstract: input.abstract ?? "",
      abstractZh: input.abstractZh ?? null,
      kind: input.kind,
      trackId: input.trackId ?? null,
      roomId: input.roomId ?? null,
      startsAt: times?.startsAt ?? null,
      endsAt: times?.endsAt ?? null,
      language: input.language,
      status: input.status,
      signupRequired,
      signupCapacity,
    };
    const speakers = input.speakers.map((s, position) => ({ speakerId: s.speakerId, role: s.role, position }));
    let id: string;
    if (existing) {
      id = existing.id;
      // The draft only: calendars (SEQUENCE) change when a release moves the session.
      await tx.programmeSession.update({ where: { id }, data });
      await tx.sessionSpeaker.deleteMany({ where: { sessionId: id } });
      if (speakers.length) await tx.sessionSpeaker.createMany({ data: speakers.map((s) => ({ ...s, sessionId: id })) });
    } else {
      id = (
        await tx.programmeSession.create({
          data: { ...data, conferenceId: conference.id, speakers: { create: speakers } },
          select: { id: true },
        })
      ).id;
    }
    await audit(tx, {
      actorId: actor!.id,
      action: existing ? "programme.session.update" : "programme.session.create",
      entityType: "ProgrammeSession",
      entityId: id,
      data: { ...data, startsAt: data.startsAt?.toISOString() ?? null, endsAt: data.endsAt?.toISOString() ?? null, speakers },
    });
    return { id };
  });
}
