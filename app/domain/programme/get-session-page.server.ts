import { db } from "~/utils/db.server";
import { canProgramme } from "~/utils/permissions/programme.server";
import type { SessionUser } from "~/utils/session.server";
import { asReleased, sessionListSelect } from "./programme-view.server";
import { isUuid } from "~/utils/validation";

export type GetSessionPageOptions = { actor: SessionUser | null; slug: string; sessionId: string };

/**
 * One session of a conference with the reader's star and workshop sign-up; null when there is no such session
 * or it (or its conference) is a draft the reader may not see (drafts do not leak).
 */
export async function getSessionPage({ actor, slug, sessionId }: GetSessionPageOptions) {
  if (!isUuid(sessionId)) return null;
  const found = await db().programmeSession.findFirst({
    where: { id: sessionId, conference: { slug } },
    select: {
      ...sessionListSelect,
      releasedStartsAt: true,
      releasedEndsAt: true,
      releasedRoom: { select: { id: true, name: true, nameZh: true } },
      conferenceId: true,
      conference: { select: { slug: true, title: true, titleZh: true, timeZone: true, status: true, startDate: true } },
      _count: { select: { signups: true } },
    },
  });
  if (!found) return null;
  // The public sees the released placement; organizers may preview a session not released yet (its draft placement).
  const released = !!found.releasedStartsAt;
  const isPublic = released && found.conference.status === "PUBLISHED";
  const session = released ? asReleased(found) : found;
  if (!isPublic && !(await canProgramme(actor, "programme:view-draft", { conferenceId: session.conferenceId }))) return null;
  const [star, signup] = actor
    ? await Promise.all([
        db().agendaStar.findUnique({
          where: { userId_sessionId: { userId: actor.id, sessionId: session.id } },
          select: { sessionId: true },
        }),
        db().workshopSignup.findUnique({
          where: { sessionId_userId: { sessionId: session.id, userId: actor.id } },
          select: { sessionId: true },
        }),
      ])
    : [null, null];
  return { session, isPublic, starred: !!star, signedUp: !!signup };
}
