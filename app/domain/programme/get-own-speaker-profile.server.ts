import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { isUuid } from "~/utils/validation";

export type GetOwnSpeakerProfileOptions = { actor: SessionUser; speakerId: string };

/** The signed-in user's own speaker profile, or null (someone else's profile is not theirs to know about). */
export async function getOwnSpeakerProfile({ actor, speakerId }: GetOwnSpeakerProfileOptions) {
  // A malformed id names no profile (an undefined id would drop the filter and find the user's first one).
  if (!isUuid(speakerId)) return null;
  return db().speaker.findFirst({
    where: { id: speakerId, userId: actor.id },
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
