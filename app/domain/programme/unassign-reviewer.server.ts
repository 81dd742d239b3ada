import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { guardedConference } from "./programme-conference.server";

export type UnassignReviewerOptions = { actor: SessionUser | null; slug: string; userId: string; trackId: string };

/** Ends a reviewer's assignment to a track; their submitted reviews stay. */
export async function unassignReviewer({ actor, slug, userId, trackId }: UnassignReviewerOptions) {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    const { count } = await tx.reviewerAssignment.deleteMany({ where: { userId, trackId, track: { conferenceId: conference.id } } });
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
