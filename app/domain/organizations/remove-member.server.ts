import { requireConfirmed } from "~/utils/confirm";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { requirePermission } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { assertAnotherAdmin } from "./change-member-roles.server";
import { lockOrg, orgBySlug } from "./org-by-slug.server";

export type RemoveMemberOptions = {
  actor: SessionUser | null;
  slug: string;
  userId: string;
  /** Refused until true, saying what the person loses (decision 065). */
  confirmed: boolean;
};

/** Removes a member (an admin may remove themselves), never the last admin. */
export async function removeMember({ actor, slug, userId, confirmed }: RemoveMemberOptions) {
  return db().$transaction(async (tx) => {
    const org = await orgBySlug(tx, slug);
    await requirePermission(actor, "org:manage-members", { orgId: org.id }, tx);
    await lockOrg(tx, org.id);
    const member = await tx.membership.findUnique({ where: { orgId_userId: { orgId: org.id, userId } }, select: { roles: true } });
    if (!member) throw notFound("org.members.notMember");
    if (member.roles.includes("ADMIN")) await assertAnotherAdmin(tx, org.id, userId);
    if (!confirmed) {
      const { nameLatin } = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { nameLatin: true } });
      const { nameEn } = await tx.organization.findUniqueOrThrow({ where: { id: org.id }, select: { nameEn: true } });
      requireConfirmed(false, userId === actor!.id ? "org.confirm.leave" : "org.confirm.remove", { name: nameLatin, org: nameEn });
    }
    await tx.membership.delete({ where: { orgId_userId: { orgId: org.id, userId } } });
    await audit(tx, {
      actorId: actor!.id,
      action: "org.member.remove",
      entityType: "Organization",
      entityId: org.id,
      data: { userId, roles: member.roles },
    });
    return { removedSelf: userId === actor!.id };
  });
}
