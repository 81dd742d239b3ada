import { db } from "~/utils/db.server";
import { canProgramme } from "~/utils/permissions/programme.server";
import type { SessionUser } from "~/utils/session.server";
import { sessionListSelect } from "./programme-view.server";

export type GetSessionPageOptions = { actor: SessionUser | null; slug: string; sessionId: string };

/**
 * One session of a conference with the reader's star and workshop sign-up; null when there is no such session
 * or it (or its conference) is a draft the reader may not see (drafts do not leak).
 */
export async function getSessionPage({ actor, slug, sessionId }: GetSessionPageOptions) {
  if (!/^[0-9a-f-]{36}$/.test(sessionId)) return null;
  const session = await db().programmeSession.findFirst({
    where: { id: sessionId, conference: { slug } },
    select: {
      ...sessionListSelect,
      conferenceId: true,
      conference: { select: { slug: true, title: true, titleZh: true, timeZone: true, status: true, startDate: true } },
      _count: { select: { signups: true } },
    },
  });
  if (!session) return null;
  const isPublic = session.status === "PUBLISHED" && session.conference.status === "PUBLISHED";
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
