import { db, type Tx } from "~/utils/db.server";
import { AppError, notFound } from "~/utils/errors";
import { requirePermission } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { lockOrg, orgBySlug } from "./org-by-slug.server";
import type { OrgRoleValue } from "./schema";

export type ChangeMemberRolesOptions = {
  actor: SessionUser | null;
  slug: string;
  userId: string;
  roles: OrgRoleValue[];
  position?: string;
};

/** Refuses a change that would leave the organization without any admin. */
export async function assertAnotherAdmin(tx: Tx, orgId: string, userId: string) {
  const others = await tx.membership.count({ where: { orgId, userId: { not: userId }, roles: { has: "ADMIN" } } });
  if (others === 0) throw new AppError("LAST_ADMIN", "org.members.lastAdmin");
}

/** Sets a member's roles (and public position); the last admin cannot be demoted. */
export async function changeMemberRoles({ actor, slug, userId, roles, position }: ChangeMemberRolesOptions) {
  return db().$transaction(async (tx) => {
    const org = await orgBySlug(tx, slug);
    await requirePermission(actor, "org:manage-members", { orgId: org.id }, tx);
    await lockOrg(tx, org.id);
    const member = await tx.membership.findUnique({ where: { orgId_userId: { orgId: org.id, userId } }, select: { roles: true } });
    if (!member) throw notFound("org.members.notMember");
    if (member.roles.includes("ADMIN") && !roles.includes("ADMIN")) await assertAnotherAdmin(tx, org.id, userId);
    const unique = [...new Set(roles)];
    await tx.membership.update({
      where: { orgId_userId: { orgId: org.id, userId } },
      data: { roles: unique, position: position ?? null },
    });
    await audit(tx, {
      actorId: actor!.id,
      action: "org.member.update",
      entityType: "Organization",
      entityId: org.id,
      data: { userId, from: member.roles, to: unique, position: position ?? null },
    });
  });
}
