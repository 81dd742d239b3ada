import { pick } from "~/i18n";
import { requireConfirmed } from "~/utils/confirm";
import { hashSecret } from "~/utils/crypto.server";
import { db, type Tx } from "~/utils/db.server";
import { AppError, unauthorized } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";

export type RespondInvitationOptions = {
  actor: SessionUser | null;
  token: string;
  accept: boolean;
  /** A decline is refused until true, saying who will see it (decision 065); accepting never asks. */
  confirmed: boolean;
};

/** The invitation behind an emailed token, for the page that shows it. */
export async function invitationByToken(tx: Tx, token: string) {
  const speaker = await tx.speaker.findUnique({
    where: { inviteTokenHash: hashSecret(token) },
    select: {
      id: true,
      conferenceId: true,
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
 *
 * An account has at most one speaker profile per conference. When it already has one (a proposal of
 * theirs became a session, which made a profile), accepting links the invitation to that profile: the
 * invited profile's sessions and materials move to it and the invited profile goes away, instead of a
 * unique-constraint failure (a 500 before).
 */
export async function respondInvitation({ actor, token, accept, confirmed }: RespondInvitationOptions) {
  if (!actor) throw unauthorized();
  return db().$transaction(async (tx) => {
    const speaker = await invitationByToken(tx, token);
    if (!actor.emailVerified || actor.email !== speaker.email) throw new AppError("FORBIDDEN", "programme.error.notYourInvitation");
    if (!accept)
      requireConfirmed(confirmed, "programme.confirm.declineInvitation", {
        conference: pick(actor.locale, speaker.conference.title, speaker.conference.titleZh),
      });
    const existing = accept
      ? await tx.speaker.findFirst({
          where: { conferenceId: speaker.conferenceId, userId: actor.id, id: { not: speaker.id } },
          select: { id: true },
        })
      : null;
    if (existing) {
      const links = await tx.sessionSpeaker.findMany({ where: { speakerId: speaker.id } });
      const already = new Set(
        (await tx.sessionSpeaker.findMany({ where: { speakerId: existing.id }, select: { sessionId: true } })).map((l) => l.sessionId),
      );
      for (const link of links.filter((l) => !already.has(l.sessionId))) {
        await tx.sessionSpeaker.create({
          data: { sessionId: link.sessionId, speakerId: existing.id, role: link.role, position: link.position },
        });
      }
      await tx.speakerMaterial.updateMany({ where: { speakerId: speaker.id }, data: { speakerId: existing.id } });
      await tx.speaker.delete({ where: { id: speaker.id } });
      await tx.speaker.update({ where: { id: existing.id }, data: { invitation: "ACCEPTED", respondedAt: new Date() } });
      await audit(tx, {
        actorId: actor.id,
        action: "programme.speaker.accept",
        entityType: "Speaker",
        entityId: existing.id,
        data: { linkedInvitation: speaker.id },
      });
      return { speakerId: existing.id, slug: speaker.conference.slug };
    }
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
