import { audit } from "~/domain/audit.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { requirePermission } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";

export type DecideConferenceLinkOptions = {
  actor: SessionUser | null;
  /** The conference whose organizer decides (from the URL): the accord must have asked to be shown there. */
  conferenceId: string;
  accordId: string;
  accept: boolean;
};

/**
 * An organizer of the conference accepts an accord's request to be shown at it (it then appears on the
 * ceremony board), or declines it (the accord is no longer linked and may ask again only by a new accord).
 * See docs/decisions/042-safe-redirects-and-conference-links.md.
 */
export async function decideConferenceLink(o: DecideConferenceLinkOptions) {
  return db().$transaction(async (tx) => {
    await requirePermission(o.actor, "conference:update", { conferenceId: o.conferenceId }, tx);
    // The state is in the where clause: a second decision, or one for another conference, changes nothing.
    const where = { id: o.accordId, conferenceId: o.conferenceId, conferenceLinkStatus: "REQUESTED" as const };
    const { count } = await tx.accord.updateMany({
      where,
      data: o.accept ? { conferenceLinkStatus: "ACCEPTED" } : { conferenceId: null, conferenceLinkStatus: null },
    });
    if (count === 0) throw new AppError("ALREADY_DECIDED", "accords.conferenceLink.gone");
    await audit(tx, {
      actorId: o.actor!.id,
      action: o.accept ? "accord.conference-link.accepted" : "accord.conference-link.declined",
      entityType: "Accord",
      entityId: o.accordId,
      data: { conferenceId: o.conferenceId },
    });
  });
}
