import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { guardedConference } from "./programme-conference.server";
import { isUuid } from "~/utils/validation";

export type GetSpeakerForEditOptions = { actor: SessionUser | null; slug: string; speakerId: string | null };

/** A speaker of the conference for its programme team to edit (null speakerId: a new one), or a 404. */
export async function getSpeakerForEdit({ actor, slug, speakerId }: GetSpeakerForEditOptions) {
  const conference = await guardedConference(db(), actor, slug);
  if (speakerId === null) return { conference, speaker: null };
  if (!isUuid(speakerId)) throw notFound();
  const speaker = await db().speaker.findFirst({
    where: { id: speakerId, conferenceId: conference.id },
    select: {
      id: true,
      nameLatin: true,
      nameNative: true,
      position: true,
      organization: true,
      bio: true,
      bioZh: true,
      email: true,
      photoType: true,
      updatedAt: true,
      userId: true,
    },
  });
  if (!speaker) throw notFound();
  return { conference, speaker };
}
