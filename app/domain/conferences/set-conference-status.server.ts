import type { ConferenceStatus } from "~/generated/prisma/client";
import { pick, type MessageKey } from "~/i18n";
import { requireConfirmed } from "~/utils/confirm";
import { db } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { conferenceBySlug } from "./conference-by-slug.server";

export type SetConferenceStatusOptions = {
  actor: SessionUser | null;
  slug: string;
  status: ConferenceStatus;
  /** Refused until true, saying who will (no longer) see the conference (decision 065). */
  confirmed: boolean;
};

const CONSEQUENCE = {
  PUBLISHED: "conf.confirm.publish",
  DRAFT: "conf.confirm.unpublish",
  ARCHIVED: "conf.confirm.archive",
} as const satisfies Record<ConferenceStatus, MessageKey>;

/** Publishes, unpublishes (back to DRAFT) or archives a conference. */
export async function setConferenceStatus({ actor, slug, status, confirmed }: SetConferenceStatusOptions) {
  return db().$transaction(async (tx) => {
    const conference = await conferenceBySlug(tx, slug);
    await requirePermission(actor, "conference:update", { conferenceId: conference.id }, tx);
    if (conference.status === status) return { slug: conference.slug, status };
    if (!confirmed) {
      const { title, titleZh } = await tx.conference.findUniqueOrThrow({
        where: { id: conference.id },
        select: { title: true, titleZh: true },
      });
      requireConfirmed(false, CONSEQUENCE[status], { title: pick(actor!.locale, title, titleZh) });
    }
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
