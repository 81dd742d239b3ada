import type { ConferenceRoleKind } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { conferenceBySlug } from "./conference-by-slug.server";

export type RevokeConferenceRoleOptions = { actor: SessionUser | null; slug: string; userId: string; role: ConferenceRoleKind };

/**
 * Takes a role away. Always allowed, even for the last ORGANIZER: the host
 * organization's admins keep organizer rights, so a conference is never orphaned.
 */
export async function revokeConferenceRole({ actor, slug, userId, role }: RevokeConferenceRoleOptions) {
  return db().$transaction(async (tx) => {
    const conference = await conferenceBySlug(tx, slug);
    await requirePermission(actor, "conference:manage-roles", { conferenceId: conference.id }, tx);
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
