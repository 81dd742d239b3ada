import { db } from "~/utils/db.server";
import { requireProgrammePermission } from "~/utils/permissions/programme.server";
import type { SessionUser } from "~/utils/session.server";
import { isUuid } from "~/utils/validation";

export type GetSpeakerMaterialOptions = { actor: SessionUser; materialId: string };

/** A speaker's uploaded file, for the speaker and the conference's organizers (403 for others); null when there is none. */
export async function getSpeakerMaterial({ actor, materialId }: GetSpeakerMaterialOptions) {
  if (!isUuid(materialId)) return null;
  const material = await db().speakerMaterial.findUnique({
    where: { id: materialId },
    select: { fileName: true, contentType: true, bytes: true, speaker: { select: { userId: true, conferenceId: true } } },
  });
  if (!material) return null;
  if (material.speaker.userId !== actor.id)
    await requireProgrammePermission(actor, "programme:manage", { conferenceId: material.speaker.conferenceId });
  return { fileName: material.fileName, contentType: material.contentType, bytes: material.bytes };
}
