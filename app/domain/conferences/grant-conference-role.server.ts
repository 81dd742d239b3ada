import type { ConferenceRoleKind } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { FieldError } from "~/utils/errors";
import { requirePermission } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { conferenceBySlug } from "./conference-by-slug.server";

export type GrantConferenceRoleOptions = { actor: SessionUser | null; slug: string; email: string; role: ConferenceRoleKind };

/** Gives an existing account a role on the conference's team (granting it twice changes nothing). */
export async function grantConferenceRole({ actor, slug, email, role }: GrantConferenceRoleOptions) {
  return db().$transaction(async (tx) => {
    const conference = await conferenceBySlug(tx, slug);
    await requirePermission(actor, "conference:manage-roles", { conferenceId: conference.id }, tx);
    const user = await tx.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
    if (!user) throw new FieldError("email", "conf.roles.unknownUser");
    const { count } = await tx.conferenceRole.createMany({
      data: [{ conferenceId: conference.id, userId: user.id, role }],
      skipDuplicates: true,
    });
    if (count > 0) {
      await audit(tx, {
        actorId: actor!.id,
        action: "conference.role.grant",
        entityType: "Conference",
        entityId: conference.id,
        data: { userId: user.id, role },
      });
    }
    return { userId: user.id, granted: count > 0 };
  });
}
