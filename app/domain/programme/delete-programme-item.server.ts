import { db } from "~/utils/db.server";
import { AppError, notFound } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { programmeLocks } from "./locks.server";
import { guardedConference } from "./programme-conference.server";

export type ProgrammeItemKind = "room" | "track" | "session" | "speaker";
export type DeleteProgrammeItemOptions = { actor: SessionUser | null; slug: string; kind: ProgrammeItemKind; id: string };

/**
 * Deletes a room, track, session or speaker of this conference. A room or a
 * track is deleted in the DRAFT only (docs/decisions/051-deleting-rooms-and-tracks.md):
 * the draft's sessions in a deleted room lose their room at once (they keep
 * their times), those of a deleted track keep it until the next release, and
 * the released programme is untouched until then; the release removes the row.
 * A deleted session leaves agendas and sign-ups with it; a session in the
 * released programme is not deleted (that would change the public programme
 * without a release and tell nobody): it is first cancelled or taken out of the
 * timetable and released, which emails its speakers and starrers.
 */
export async function deleteProgrammeItem({ actor, slug, kind, id }: DeleteProgrammeItemOptions) {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    const where = { id, conferenceId: conference.id };
    const live = { ...where, deletedAt: null };
    if (kind === "room") await programmeLocks.timetable(tx, conference.id);
    const { count } =
      kind === "room"
        ? await tx.room.updateMany({ where: live, data: { deletedAt: new Date() } })
        : kind === "track"
          ? await tx.track.updateMany({ where: live, data: { deletedAt: new Date() } })
          : kind === "session"
            ? await tx.programmeSession.deleteMany({ where: { ...where, releasedStartsAt: null } })
            : await tx.speaker.deleteMany({ where });
    if (count === 0 && kind === "session" && (await tx.programmeSession.count({ where })))
      throw new AppError("SESSION_RELEASED", "programme.delete.sessionReleased");
    if (count === 0) throw notFound();
    const moved = kind === "room" ? (await tx.programmeSession.updateMany({ where: { roomId: id }, data: { roomId: null } })).count : 0;
    await audit(tx, {
      actorId: actor!.id,
      action: `programme.${kind}.delete`,
      entityType: kind,
      entityId: id,
      data: { draftSessionsMoved: moved },
    });
  });
}
