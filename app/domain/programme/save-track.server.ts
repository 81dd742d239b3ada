import { db } from "~/utils/db.server";
import { notFound, FieldError } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { guardedConference } from "./programme-conference.server";
import type { TrackInput } from "./schema";

export type SaveTrackOptions = { actor: SessionUser | null; slug: string; input: TrackInput };

/** Creates a track, or edits one (`input.id`) of this conference. */
export async function saveTrack({ actor, slug, input }: SaveTrackOptions) {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    const data = { name: input.name, nameZh: input.nameZh ?? null, colour: input.colour.toLowerCase() };
    const clash = await tx.track.findFirst({
      where: { conferenceId: conference.id, name: input.name, id: input.id ? { not: input.id } : undefined },
      select: { id: true },
    });
    if (clash) throw new FieldError("name", "programme.validation.nameTaken");
    let id = input.id;
    if (id) {
      const { count } = await tx.track.updateMany({ where: { id, conferenceId: conference.id }, data });
      if (count === 0) throw notFound();
    } else {
      const position = await tx.track.count({ where: { conferenceId: conference.id } });
      id = (await tx.track.create({ data: { ...data, conferenceId: conference.id, position }, select: { id: true } })).id;
    }
    await audit(tx, {
      actorId: actor!.id,
      action: input.id ? "programme.track.update" : "programme.track.create",
      entityType: "Track",
      entityId: id,
      data,
    });
    return { id };
  });
}
