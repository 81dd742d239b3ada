import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { assertNoConflicts, findConflicts, type Conflict } from "./conflicts.server";
import { programmeLocks, type ProgrammeLocking } from "./locks.server";
import { guardedConference } from "./programme-conference.server";
import type { PlacementInput } from "./schema";
import { instantsFrom } from "./session-times.server";

export type PlaceSessionOptions = {
  actor: SessionUser | null;
  slug: string;
  input: PlacementInput;
  /** The timetable lock; always `programmeLocks`, except in the race tests. */
  locking?: ProgrammeLocking;
};

/**
 * Places (or moves, or resizes) a session in the DRAFT timetable (the public
 * sees it once released: publish-schedule.server.ts). With intent
 * "check" nothing is written and the conflicts are returned for the editor to
 * show; with "place" the same rules are enforced under the timetable lock.
 */
export async function placeSession({
  actor,
  slug,
  input,
  locking = programmeLocks,
}: PlaceSessionOptions): Promise<{ conflicts: Conflict[]; saved: boolean }> {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    if (input.intent === "place") await locking.timetable(tx, conference.id);
    const session = await tx.programmeSession.findFirst({
      where: { id: input.sessionId, conferenceId: conference.id },
      select: {
        id: true,
        kind: true,
        signupRequired: true,
        signupCapacity: true,
        startsAt: true,
        endsAt: true,
        roomId: true,
        speakers: { select: { speakerId: true } },
      },
    });
    if (!session) throw notFound();
    const times = instantsFrom(conference.timeZone, input.start, input.end)!;
    const candidate = {
      conference,
      sessionId: session.id,
      roomId: input.roomId ?? null,
      ...times,
      kind: session.kind,
      signupRequired: session.signupRequired,
      signupCapacity: session.signupCapacity,
      speakerIds: session.speakers.map((s) => s.speakerId),
    };
    if (input.intent === "check") return { conflicts: await findConflicts(tx, candidate), saved: false };
    await assertNoConflicts(tx, candidate);
    await locking.afterCheck();
    await tx.programmeSession.update({
      where: { id: session.id },
      data: { roomId: candidate.roomId, startsAt: times.startsAt, endsAt: times.endsAt },
    });
    await audit(tx, {
      actorId: actor!.id,
      action: "programme.session.place",
      entityType: "ProgrammeSession",
      entityId: session.id,
      data: {
        from: { roomId: session.roomId, startsAt: session.startsAt?.toISOString() ?? null, endsAt: session.endsAt?.toISOString() ?? null },
        to: { roomId: candidate.roomId, startsAt: times.startsAt.toISOString(), endsAt: times.endsAt.toISOString() },
      },
    });
    return { conflicts: [], saved: true };
  });
}
