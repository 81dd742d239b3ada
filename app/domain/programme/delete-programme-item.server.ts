import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { guardedConference } from "./programme-conference.server";

export type ProgrammeItemKind = "room" | "track" | "session" | "speaker";
export type DeleteProgrammeItemOptions = { actor: SessionUser | null; slug: string; kind: ProgrammeItemKind; id: string };

/**
 * Deletes a room, track, session or speaker of this conference. Sessions in a
 * deleted room or track stay, without it (the schema's SET NULL); a deleted
 * session leaves agendas and sign-ups with it.
 */
export async function deleteProgrammeItem({ actor, slug, kind, id }: DeleteProgrammeItemOptions) {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    const where = { id, conferenceId: conference.id };
    const { count } =
      kind === "room"
        ? await tx.room.deleteMany({ where })
        : kind === "track"
          ? await tx.track.deleteMany({ where })
          : kind === "session"
            ? await tx.programmeSession.deleteMany({ where })
            : await tx.speaker.deleteMany({ where });
    if (count === 0) throw notFound();
    await audit(tx, { actorId: actor!.id, action: `programme.${kind}.delete`, entityType: kind, entityId: id });
  });
}
