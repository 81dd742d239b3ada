import { requireConfirmed } from "~/utils/confirm";
import { db, type Tx } from "~/utils/db.server";
import { AppError, notFound } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { programmeLocks } from "./locks.server";
import { guardedConference } from "./programme-conference.server";

export type ProgrammeItemKind = "room" | "track" | "session" | "speaker";
export type DeleteProgrammeItemOptions = {
  actor: SessionUser | null;
  slug: string;
  kind: ProgrammeItemKind;
  id: string;
  /** Refused until true; unconfirmed, a session or speaker says what its deletion takes with it (decision 065). */
  confirmed: boolean;
};

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
export async function deleteProgrammeItem({ actor, slug, kind, id, confirmed }: DeleteProgrammeItemOptions) {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    const where = { id, conferenceId: conference.id };
    const live = { ...where, deletedAt: null };
    if (!confirmed) await refuseUnconfirmed(tx, kind, where);
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

/** What deleting would take with it, in the refusal the confirmation panel shows (rooms and tracks have their own page). */
async function refuseUnconfirmed(tx: Tx, kind: ProgrammeItemKind, where: { id: string; conferenceId: string }): Promise<never> {
  if (kind === "session") {
    const s = await tx.programmeSession.findFirst({
      where,
      select: { title: true, releasedStartsAt: true, _count: { select: { stars: true, signups: true, speakers: true } } },
    });
    if (!s) throw notFound();
    // Refused whether confirmed or not: say so now rather than after a confirmation.
    if (s.releasedStartsAt) throw new AppError("SESSION_RELEASED", "programme.delete.sessionReleased");
    requireConfirmed(false, "programme.confirm.deleteSession", {
      title: s.title,
      stars: s._count.stars,
      signups: s._count.signups,
      speakers: s._count.speakers,
    });
  }
  if (kind === "speaker") {
    const s = await tx.speaker.findFirst({ where, select: { nameLatin: true, _count: { select: { sessions: true } } } });
    if (!s) throw notFound();
    requireConfirmed(false, "programme.confirm.deleteSpeaker", { name: s.nameLatin, sessions: s._count.sessions });
  }
  requireConfirmed(false, "programme.confirm.deleteItem");
  throw notFound();
}
