import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { guardedConference } from "./programme-conference.server";
import { isUuid } from "~/utils/validation";

export type GetSessionForEditOptions = { actor: SessionUser | null; slug: string; sessionId: string | null };

/**
 * A session of the conference for its programme team to edit (null sessionId: a new one) with the rooms,
 * tracks and speakers the form offers, or a 404.
 */
export async function getSessionForEdit({ actor, slug, sessionId }: GetSessionForEditOptions) {
  const conference = await guardedConference(db(), actor, slug);
  const [session, rooms, tracks, speakers] = await Promise.all([
    sessionId === null || !isUuid(sessionId)
      ? null
      : db().programmeSession.findFirst({
          where: { id: sessionId, conferenceId: conference.id },
          include: { speakers: { orderBy: { position: "asc" }, select: { speakerId: true, role: true } } },
        }),
    db().room.findMany({
      where: { conferenceId: conference.id, deletedAt: null },
      orderBy: { position: "asc" },
      select: { id: true, name: true, nameZh: true, capacity: true },
    }),
    db().track.findMany({
      where: { conferenceId: conference.id, deletedAt: null },
      orderBy: { position: "asc" },
      select: { id: true, name: true, nameZh: true },
    }),
    db().speaker.findMany({
      where: { conferenceId: conference.id },
      orderBy: { nameLatin: "asc" },
      select: { id: true, nameLatin: true, nameNative: true },
    }),
  ]);
  if (sessionId !== null && !session) throw notFound();
  return { conference, session, rooms, tracks, speakers };
}
