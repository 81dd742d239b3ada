import { db } from "~/utils/db.server";
import { isUuid } from "~/utils/validation";

export type GetSpeakerPhotoOptions = { slug: string; speakerId: string };

/** A speaker's photo bytes and type (public), or null when the speaker of that conference has none. */
export async function getSpeakerPhoto({ slug, speakerId }: GetSpeakerPhotoOptions) {
  if (!isUuid(speakerId)) return null;
  const speaker = await db().speaker.findFirst({
    where: { id: speakerId, conference: { slug } },
    select: { photo: true, photoType: true, updatedAt: true },
  });
  if (!speaker?.photo || !speaker.photoType) return null;
  return { photo: speaker.photo, photoType: speaker.photoType };
}
