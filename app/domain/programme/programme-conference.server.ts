import type { Tx } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { requireProgrammePermission, type ProgrammeAction } from "~/utils/permissions/programme.server";

export const conferenceSelect = {
  id: true,
  slug: true,
  title: true,
  titleZh: true,
  status: true,
  timeZone: true,
  startDate: true,
  endDate: true,
} as const;

/** The conference behind a slug with what the programme needs (zone, days), or a 404. */
export async function programmeConference(tx: Tx, slug: string) {
  const conference = await tx.conference.findUnique({ where: { slug }, select: conferenceSelect });
  if (!conference) throw notFound();
  return conference;
}
export type ProgrammeConference = Awaited<ReturnType<typeof programmeConference>>;

/** The conference, after checking the actor may do `action` to its programme (inside the caller's transaction). */
export async function guardedConference(tx: Tx, actor: SessionUser | null, slug: string, action: ProgrammeAction = "programme:manage") {
  const conference = await programmeConference(tx, slug);
  await requireProgrammePermission(actor, action, { conferenceId: conference.id }, tx);
  return conference;
}
