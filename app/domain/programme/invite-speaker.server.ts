import { hashSecret, newSecret } from "~/utils/crypto.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { absoluteUrl } from "~/utils/http.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { enqueueEmail } from "../email/enqueue.server";
import { guardedConference } from "./programme-conference.server";

export type InviteSpeakerOptions = { actor: SessionUser | null; slug: string; speakerId: string; email: string };

/**
 * Emails a speaker a link to accept or decline. A new invitation replaces the
 * previous link (only the latest hash is kept); the email is in the invitee's
 * language when they have an account, else the conference's.
 */
export async function inviteSpeaker({ actor, slug, speakerId, email }: InviteSpeakerOptions) {
  const token = newSecret();
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    const speaker = await tx.speaker.findFirst({
      where: { id: speakerId, conferenceId: conference.id },
      select: { id: true, nameLatin: true },
    });
    if (!speaker) throw notFound();
    const address = email.trim().toLowerCase();
    const account = await tx.user.findUnique({ where: { email: address }, select: { locale: true } });
    const { defaultLocale } = await tx.conference.findUniqueOrThrow({ where: { id: conference.id }, select: { defaultLocale: true } });
    const locale = account?.locale ?? defaultLocale;
    await tx.speaker.update({
      where: { id: speaker.id },
      data: { email: address, invitation: "INVITED", inviteTokenHash: hashSecret(token), invitedAt: new Date(), respondedAt: null },
    });
    await enqueueEmail(tx, {
      to: address,
      locale,
      template: "speakerInvitation",
      props: {
        name: speaker.nameLatin,
        conference: locale === "zh" && conference.titleZh ? conference.titleZh : conference.title,
        inviter: actor!.nameLatin,
        url: absoluteUrl(`/speaker/invitations/${token}`),
      },
    });
    await audit(tx, {
      actorId: actor!.id,
      action: "programme.speaker.invite",
      entityType: "Speaker",
      entityId: speaker.id,
      data: { email: address },
    });
  });
}
