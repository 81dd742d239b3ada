import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { guardedConference } from "./programme-conference.server";

export type GetDeletionImpactOptions = { actor: SessionUser | null; slug: string; kind: "room" | "track"; id: string };

/** What deleting a room or a track would change, for the confirmation page: the draft's sessions in it and how many are released. */
export async function getDeletionImpact({ actor, slug, kind, id }: GetDeletionImpactOptions) {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    const where = { id, conferenceId: conference.id, deletedAt: null };
    const item =
      kind === "room"
        ? await tx.room.findFirst({ where, select: { id: true, name: true, nameZh: true } })
        : await tx.track.findFirst({ where, select: { id: true, name: true, nameZh: true } });
    if (!item) throw notFound();
    const inIt = kind === "room" ? { roomId: id } : { trackId: id };
    const [sessions, released] = await Promise.all([
      tx.programmeSession.findMany({
        where: { conferenceId: conference.id, ...inIt },
        orderBy: [{ startsAt: { sort: "asc", nulls: "last" } }, { title: "asc" }],
        select: { id: true, title: true, titleZh: true },
      }),
      tx.programmeSession.count({
        where: {
          conferenceId: conference.id,
          releasedStartsAt: { not: null },
          ...(kind === "room" ? { releasedRoomId: id } : { trackId: id }),
        },
      }),
    ]);
    return { item, sessions, released };
  });
}
