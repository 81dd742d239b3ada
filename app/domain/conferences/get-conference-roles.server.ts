import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { requirePermission } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";

export type GetConferenceRolesOptions = { actor: SessionUser | null; slug: string };

/** The conference's team (roles in order of kind, then of grant), for those who may manage it. */
export async function getConferenceRoles({ actor, slug }: GetConferenceRolesOptions) {
  const conference = await db().conference.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, titleZh: true, org: { select: { slug: true, nameEn: true } } },
  });
  if (!conference) throw notFound();
  await requirePermission(actor, "conference:manage-roles", { conferenceId: conference.id });
  const roles = await db().conferenceRole.findMany({
    where: { conferenceId: conference.id },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    select: { role: true, user: { select: { id: true, email: true, nameLatin: true, nameNative: true } } },
  });
  const { id: _id, ...rest } = conference;
  return { conference: rest, roles };
}
