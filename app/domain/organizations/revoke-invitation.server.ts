import { requireConfirmed } from "~/utils/confirm";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { requirePermission } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { orgBySlug } from "./org-by-slug.server";

export type RevokeInvitationOptions = {
  actor: SessionUser | null;
  slug: string;
  invitationId: string;
  /** Refused until true, saying whose link stops working (decision 065). */
  confirmed: boolean;
};

/** Withdraws a pending invitation: its link stops working at once. */
export async function revokeInvitation({ actor, slug, invitationId, confirmed }: RevokeInvitationOptions) {
  return db().$transaction(async (tx) => {
    const org = await orgBySlug(tx, slug);
    await requirePermission(actor, "org:manage-members", { orgId: org.id }, tx);
    // The org in the where clause keeps an admin of one organization away from another's invitations.
    const where = { id: invitationId, orgId: org.id, acceptedAt: null, revokedAt: null };
    if (!confirmed) {
      const pending = await tx.orgInvitation.findFirst({ where, select: { email: true, org: { select: { nameEn: true } } } });
      if (!pending) throw new AppError("NOT_PENDING", "org.invitations.notPending");
      requireConfirmed(false, "org.confirm.revokeInvitation", { email: pending.email, org: pending.org.nameEn });
    }
    const { count } = await tx.orgInvitation.updateMany({ where, data: { revokedAt: new Date() } });
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
