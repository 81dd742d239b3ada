import { hashSecret } from "~/utils/crypto.server";
import { db, type Tx } from "~/utils/db.server";
import { AppError, unauthorized } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";

export type RespondInvitationOptions = { actor: SessionUser | null; token: string; accept: boolean };

/** The invitation behind an emailed token, for the page that shows it. */
export async function invitationByToken(tx: Tx, token: string) {
  const speaker = await tx.speaker.findUnique({
    where: { inviteTokenHash: hashSecret(token) },
    select: {
      id: true,
      email: true,
      nameLatin: true,
      invitation: true,
      conference: { select: { slug: true, title: true, titleZh: true } },
    },
  });
  if (!speaker || !speaker.email) throw new AppError("INVITATION_INVALID", "programme.error.invitationInvalid");
  return speaker;
}

/**
 * Accepts or declines a speaker invitation. Like organization invitations, the
 * link alone is not enough: it must be opened by the verified account of the
 * invited address, which then becomes the profile's owner.
 */
export async function respondInvitation({ actor, token, accept }: RespondInvitationOptions) {
  if (!actor) throw unauthorized();
  return db().$transaction(async (tx) => {
    const speaker = await invitationByToken(tx, token);
    if (!actor.emailVerified || actor.email !== speaker.email) throw new AppError("FORBIDDEN", "programme.error.notYourInvitation");
    await tx.speaker.update({
      where: { id: speaker.id },
      data: {
        invitation: accept ? "ACCEPTED" : "DECLINED",
        respondedAt: new Date(),
        userId: accept ? actor.id : undefined,
        inviteTokenHash: accept ? null : undefined,
      },
    });
    await audit(tx, {
      actorId: actor.id,
      action: accept ? "programme.speaker.accept" : "programme.speaker.decline",
      entityType: "Speaker",
      entityId: speaker.id,
    });
    return { speakerId: speaker.id, slug: speaker.conference.slug };
  });
}
