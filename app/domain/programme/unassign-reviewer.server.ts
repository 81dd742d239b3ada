import { requireConfirmed } from "~/utils/confirm";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { guardedConference } from "./programme-conference.server";

export type UnassignReviewerOptions = { actor: SessionUser | null; slug: string; userId: string; trackId: string; confirmed: boolean };

/**
 * Ends a reviewer's assignment to a track; their submitted reviews stay. Refused until `confirmed`, naming
 * the reviewer and track and how many of their reviews in it stay (decision 065).
 */
export async function unassignReviewer({ actor, slug, userId, trackId, confirmed }: UnassignReviewerOptions) {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    const where = { userId, trackId, track: { conferenceId: conference.id } };
    if (!confirmed) {
      const held = await tx.reviewerAssignment.findFirst({
        where,
        select: { user: { select: { nameLatin: true } }, track: { select: { name: true } } },
      });
      if (!held) throw notFound();
      const reviews = await tx.review.count({ where: { reviewerId: userId, proposal: { trackId } } });
      requireConfirmed(false, "programme.confirm.unassignReviewer", { name: held.user.nameLatin, track: held.track.name, reviews });
    }
    const { count } = await tx.reviewerAssignment.deleteMany({ where });
    if (count === 0) throw notFound();
    await audit(tx, {
      actorId: actor!.id,
      action: "programme.reviewer.unassign",
      entityType: "Track",
      entityId: trackId,
      data: { userId },
    });
  });
}
