import { db } from "~/utils/db.server";
import { canProgramme } from "~/utils/permissions/programme.server";
import type { SessionUser } from "~/utils/session.server";
import { publishedSessions } from "./programme-view.server";

export type GetPublicProgrammeOptions = { actor: SessionUser | null; slug: string };

/**
 * A conference's published sessions and which of them the reader starred, in a constant number of queries;
 * null when the conference does not exist or is a draft the reader may not see (drafts do not leak).
 */
export async function getPublicProgramme({ actor, slug }: GetPublicProgrammeOptions) {
  const conference = await db().conference.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, titleZh: true, status: true, timeZone: true, startDate: true, endDate: true },
  });
  if (!conference) return null;
  if (conference.status !== "PUBLISHED" && !(await canProgramme(actor, "programme:view-draft", { conferenceId: conference.id })))
    return null;
  const [sessions, stars] = await Promise.all([
    publishedSessions(conference.id),
    actor
      ? db().agendaStar.findMany({ where: { userId: actor.id, session: { conferenceId: conference.id } }, select: { sessionId: true } })
      : [],
  ]);
  return { conference, sessions, starred: stars.map((s) => s.sessionId) };
}
