import { hashSecret } from "~/utils/crypto.server";
import { db } from "~/utils/db.server";
import { AppError, notFound, unauthorized } from "~/utils/errors";
import { can } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";

export type AcceptInvitationOptions = { actor: SessionUser | null; token: string };

/** Why an invitation can no longer be used, or null while it is pending. */
export function invitationState(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()) {
  if (inv.acceptedAt) return "used" as const;
  if (inv.revokedAt) return "revoked" as const;
  if (inv.expiresAt.getTime() <= now.getTime()) return "expired" as const;
  return null;
}

/**
 * Accepts an invitation for the signed-in account. Only the account whose
 * verified email was invited may; the invitation is spent and the membership
 * created (or its roles merged) in one transaction, so a link works once.
 */
export async function acceptInvitation({ actor, token }: AcceptInvitationOptions) {
  if (!actor) throw unauthorized();
  return db().$transaction(async (tx) => {
    const inv = await tx.orgInvitation.findUnique({
      where: { tokenHash: hashSecret(token) },
      select: {
        id: true,
        orgId: true,
        email: true,
        roles: true,
        acceptedAt: true,
        revokedAt: true,
        expiresAt: true,
        org: { select: { slug: true } },
      },
    });
    if (!inv) throw notFound("invite.notFound");
    const state = invitationState(inv);
    if (state) throw new AppError("INVITATION_UNUSABLE", `invite.${state}`);
    if (!(await can(actor, "org:accept-invitation", { invitationEmail: inv.email }, tx))) {
      if (actor.email === inv.email) throw new AppError("UNVERIFIED", "invite.unverified");
      throw new AppError("WRONG_ACCOUNT", "invite.wrongAccount", { email: inv.email });
    }
    // Spend it first, guarded by its state: of two concurrent accepts only one updates the row.
    const spent = await tx.orgInvitation.updateMany({
      where: { id: inv.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date() },
    });
    if (spent.count === 0) throw new AppError("INVITATION_UNUSABLE", "invite.used");
    const existing = await tx.membership.findUnique({
      where: { orgId_userId: { orgId: inv.orgId, userId: actor.id } },
      select: { roles: true },
    });
    const roles = [...new Set([...(existing?.roles ?? []), ...inv.roles])];
    await tx.membership.upsert({
      where: { orgId_userId: { orgId: inv.orgId, userId: actor.id } },
      create: { orgId: inv.orgId, userId: actor.id, roles },
      update: { roles },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "org.invitation.accept",
      entityType: "Organization",
      entityId: inv.orgId,
      data: { invitationId: inv.id, roles, merged: existing !== null },
    });
    return { slug: inv.org.slug };
  });
}
