import { pick } from "~/i18n";
import { db } from "~/utils/db.server";
import { FieldError } from "~/utils/errors";
import { absoluteUrl } from "~/utils/http.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { enqueueEmail } from "../email/enqueue.server";
import { guardedConference } from "./programme-conference.server";

export type AssignReviewerOptions = { actor: SessionUser | null; slug: string; email: string; trackId: string };

/**
 * Makes a reviewer of the conference review one track's proposals and tells
 * them by email, in their language. The person must already hold the
 * conference's REVIEWER role (given on the roles page): assigning a track
 * never grants a role by the side door.
 */
export async function assignReviewer({ actor, slug, email, trackId }: AssignReviewerOptions) {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    const track = await tx.track.findFirst({
      where: { id: trackId, conferenceId: conference.id },
      select: { id: true, name: true, nameZh: true },
    });
    if (!track) throw new FieldError("trackId", "programme.validation.trackNotHere");
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, nameLatin: true, locale: true } });
    const role = user
      ? await tx.conferenceRole.findFirst({
          where: { conferenceId: conference.id, userId: user.id, role: "REVIEWER" },
          select: { userId: true },
        })
      : null;
    if (!user || !role) throw new FieldError("email", "programme.validation.notReviewer");
    const created = await tx.reviewerAssignment.createMany({ data: [{ trackId, userId: user.id }], skipDuplicates: true });
    if (created.count === 0) throw new FieldError("email", "programme.validation.alreadyAssigned");
    await enqueueEmail(tx, {
      to: email,
      locale: user.locale,
      template: "reviewAssignment",
      props: {
        name: user.nameLatin,
        conference: pick(user.locale, conference.title, conference.titleZh),
        track: pick(user.locale, track.name, track.nameZh),
        url: absoluteUrl(`/conferences/${conference.slug}/reviews`),
      },
    });
    await audit(tx, {
      actorId: actor!.id,
      action: "programme.reviewer.assign",
      entityType: "Track",
      entityId: trackId,
      data: { userId: user.id },
    });
  });
}
