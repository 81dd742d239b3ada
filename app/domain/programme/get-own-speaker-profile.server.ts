import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";

export type GetOwnSpeakerProfileOptions = { actor: SessionUser; speakerId: string };

/** The signed-in user's own speaker profile, or null (someone else's profile is not theirs to know about). */
export async function getOwnSpeakerProfile({ actor, speakerId }: GetOwnSpeakerProfileOptions) {
  return db().speaker.findFirst({
    where: { id: /^[0-9a-f-]{36}$/.test(speakerId) ? speakerId : undefined, userId: actor.id },
    select: {
      id: true,
      nameLatin: true,
      nameNative: true,
      position: true,
      organization: true,
      bio: true,
      bioZh: true,
      photoType: true,
      updatedAt: true,
      conference: { select: { slug: true, title: true, titleZh: true, timeZone: true, startDate: true } },
      availability: { orderBy: { startsAt: "asc" }, select: { startsAt: true, endsAt: true } },
      materials: { orderBy: { createdAt: "asc" }, select: { id: true, fileName: true } },
    },
  });
}
