import type { ConferenceRoleKind } from "~/generated/prisma/client";
import type { MessageKey } from "~/i18n";
import { requireConfirmed } from "~/utils/confirm";
import { db } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { conferenceBySlug } from "./conference-by-slug.server";

export type RevokeConferenceRoleOptions = {
  actor: SessionUser | null;
  slug: string;
  userId: string;
  role: ConferenceRoleKind;
  /** Refused until true, saying what the person loses (decision 065). */
  confirmed: boolean;
};

const CONSEQUENCE = {
  ORGANIZER: "conf.confirm.revokeORGANIZER",
  REVIEWER: "conf.confirm.revokeREVIEWER",
  CHECKIN: "conf.confirm.revokeCHECKIN",
} as const satisfies Record<ConferenceRoleKind, MessageKey>;

/**
 * Takes a role away. Always allowed, even for the last ORGANIZER: the host
 * organization's admins keep organizer rights, so a conference is never orphaned.
 */
export async function revokeConferenceRole({ actor, slug, userId, role, confirmed }: RevokeConferenceRoleOptions) {
  return db().$transaction(async (tx) => {
    const conference = await conferenceBySlug(tx, slug);
    await requirePermission(actor, "conference:manage-roles", { conferenceId: conference.id }, tx);
    if (!confirmed) {
      const held = await tx.conferenceRole.findFirst({
        where: { conferenceId: conference.id, userId, role },
        select: { user: { select: { nameLatin: true } } },
      });
      if (held) requireConfirmed(false, CONSEQUENCE[role], { name: held.user.nameLatin });
    }
    const { count } = await tx.conferenceRole.deleteMany({ where: { conferenceId: conference.id, userId, role } });
    if (count > 0) {
      await audit(tx, {
        actorId: actor!.id,
        action: "conference.role.revoke",
        entityType: "Conference",
        entityId: conference.id,
        data: { userId, role },
      });
    }
    return { revoked: count > 0 };
  });
}
