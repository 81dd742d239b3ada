import { db } from "~/utils/db.server";
import { canProgramme } from "~/utils/permissions/programme.server";
import type { SessionUser } from "~/utils/session.server";

export type ListScheduleVersionsOptions = { actor: SessionUser | null; slug: string };

/**
 * Every published version of a conference's schedule, oldest first, with its snapshot; null when the conference
 * does not exist or is a draft the actor may not see (drafts do not leak).
 */
export async function listScheduleVersions({ actor, slug }: ListScheduleVersionsOptions) {
  const conference = await db().conference.findUnique({ where: { slug }, select: { id: true, slug: true, status: true, timeZone: true } });
  if (!conference) return null;
  if (conference.status !== "PUBLISHED" && !(await canProgramme(actor, "programme:view-draft", { conferenceId: conference.id })))
    return null;
  const versions = await db().scheduleVersion.findMany({
    where: { conferenceId: conference.id },
    orderBy: { number: "asc" },
    select: { number: true, publishedAt: true, snapshot: true },
  });
  return { conference: { slug: conference.slug, timeZone: conference.timeZone }, versions };
}
