import type { ConferenceStatus } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { conferenceBySlug } from "./conference-by-slug.server";

export type SetConferenceStatusOptions = { actor: SessionUser | null; slug: string; status: ConferenceStatus };

/** Publishes, unpublishes (back to DRAFT) or archives a conference. */
export async function setConferenceStatus({ actor, slug, status }: SetConferenceStatusOptions) {
  return db().$transaction(async (tx) => {
    const conference = await conferenceBySlug(tx, slug);
    await requirePermission(actor, "conference:update", { conferenceId: conference.id }, tx);
    if (conference.status === status) return { slug: conference.slug, status };
    await tx.conference.update({ where: { id: conference.id }, data: { status } });
    await audit(tx, {
      actorId: actor!.id,
      action: "conference.status",
      entityType: "Conference",
      entityId: conference.id,
      data: { from: conference.status, to: status },
    });
    return { slug: conference.slug, status };
  });
}
