import { translator } from "~/i18n/dictionaries.server";
import { hashSecret, newSecret } from "~/utils/crypto.server";
import { db } from "~/utils/db.server";
import { absoluteUrl } from "~/utils/http.server";
import { requirePermission } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { enqueueEmail } from "../email/enqueue.server";
import { orgBySlug } from "./org-by-slug.server";
import { rolesText } from "./roles-text";
import type { OrgRoleValue } from "./schema";

export const INVITATION_DAYS = 14;

export type InviteMemberOptions = { actor: SessionUser | null; slug: string; email: string; roles: OrgRoleValue[] };

/**
 * Invites an email address to the organization with the given roles (none =
 * plain member). Only the secret's hash is stored; the link goes out through
 * the outbox in the same transaction, in the recipient's language when they
 * already have an account, else in the inviter's. A new invitation to the same
 * address replaces any pending one, so only the latest link works.
 */
export async function inviteMember({ actor, slug, email, roles }: InviteMemberOptions) {
  const token = newSecret();
  return db().$transaction(async (tx) => {
    const org = await orgBySlug(tx, slug);
    await requirePermission(actor, "org:manage-members", { orgId: org.id }, tx);
    const address = email.trim().toLowerCase();
    const now = new Date();
    await tx.orgInvitation.updateMany({
      where: { orgId: org.id, email: address, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const invitation = await tx.orgInvitation.create({
      data: {
        orgId: org.id,
        email: address,
        roles,
        tokenHash: hashSecret(token),
        invitedById: actor!.id,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 24 * 3600 * 1000),
      },
      select: { id: true },
    });
    const existing = await tx.user.findUnique({ where: { email: address }, select: { locale: true } });
    const locale = existing?.locale ?? actor!.locale;
    await enqueueEmail(tx, {
      to: address,
      locale,
      template: "orgInvitation",
      props: {
        orgName: locale === "zh" && org.nameNative ? org.nameNative : org.nameEn,
        inviter: actor!.nameLatin,
        roles: rolesText(translator(locale), roles),
        url: absoluteUrl(`/invitations/${token}`),
      },
    });
    await audit(tx, {
      actorId: actor!.id,
      action: "org.invite",
      entityType: "Organization",
      entityId: org.id,
      data: { invitationId: invitation.id, email: address, roles },
    });
    return { invitationId: invitation.id };
  });
}
