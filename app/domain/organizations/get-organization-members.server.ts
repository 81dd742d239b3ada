import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { requirePermission } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";

export type GetOrganizationMembersOptions = { actor: SessionUser | null; slug: string; now?: Date };

/** The organization's members and its open invitations (newest first), for those who manage its members. */
export async function getOrganizationMembers({ actor, slug, now = new Date() }: GetOrganizationMembersOptions) {
  const org = await db().organization.findUnique({ where: { slug }, select: { id: true, slug: true, nameEn: true } });
  if (!org) throw notFound();
  await requirePermission(actor, "org:manage-members", { orgId: org.id });
  const [members, invitations] = await Promise.all([
    db().membership.findMany({
      where: { orgId: org.id },
      orderBy: { createdAt: "asc" },
      select: { roles: true, position: true, user: { select: { id: true, email: true, nameLatin: true, nameNative: true } } },
    }),
    db().orgInvitation.findMany({
      where: { orgId: org.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, roles: true, expiresAt: true, invitedBy: { select: { nameLatin: true } } },
    }),
  ]);
  return { org, members, invitations };
}
