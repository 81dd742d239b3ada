import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { requirePermission } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { orgBySlug } from "./org-by-slug.server";

export type RevokeInvitationOptions = { actor: SessionUser | null; slug: string; invitationId: string };

/** Withdraws a pending invitation: its link stops working at once. */
export async function revokeInvitation({ actor, slug, invitationId }: RevokeInvitationOptions) {
  return db().$transaction(async (tx) => {
    const org = await orgBySlug(tx, slug);
    await requirePermission(actor, "org:manage-members", { orgId: org.id }, tx);
    // The org in the where clause keeps an admin of one organization away from another's invitations.
    const { count } = await tx.orgInvitation.updateMany({
      where: { id: invitationId, orgId: org.id, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new AppError("NOT_PENDING", "org.invitations.notPending");
    await audit(tx, {
      actorId: actor!.id,
      action: "org.invitation.revoke",
      entityType: "Organization",
      entityId: org.id,
      data: { invitationId },
    });
  });
}
