import { db } from "~/utils/db.server";
import { notFound, FieldError } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { guardedConference } from "./programme-conference.server";
import type { RoomInput } from "./schema";

export type SaveRoomOptions = { actor: SessionUser | null; slug: string; input: RoomInput };

/** Creates a room, or edits one (`input.id`) of this conference. */
export async function saveRoom({ actor, slug, input }: SaveRoomOptions) {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    const data = { name: input.name, nameZh: input.nameZh ?? null, capacity: input.capacity ?? null, notes: input.notes ?? null };
    const clash = await tx.room.findFirst({
      where: { conferenceId: conference.id, name: input.name, id: input.id ? { not: input.id } : undefined },
      select: { id: true },
    });
    if (clash) throw new FieldError("name", "programme.validation.nameTaken");
    let id = input.id;
    if (id) {
      const { count } = await tx.room.updateMany({ where: { id, conferenceId: conference.id }, data });
      if (count === 0) throw notFound();
    } else {
      const position = await tx.room.count({ where: { conferenceId: conference.id } });
      id = (await tx.room.create({ data: { ...data, conferenceId: conference.id, position }, select: { id: true } })).id;
    }
    await audit(tx, {
      actorId: actor!.id,
      action: input.id ? "programme.room.update" : "programme.room.create",
      entityType: "Room",
      entityId: id,
      data,
    });
    return { id };
  });
}
