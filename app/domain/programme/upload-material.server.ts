import { sniffImageType } from "~/domain/organizations/logo";
import { db } from "~/utils/db.server";
import { notFound, unauthorized, FieldError } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";

export const MATERIAL_MAX_BYTES = 1024 * 1024;

/** PDF, Office Open XML (a ZIP) or an image, decided by the first bytes. */
function sniffMaterial(bytes: Uint8Array): string | null {
  const image = sniffImageType(bytes);
  if (image) return image;
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return "application/pdf";
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
  return null;
}

export type UploadMaterialOptions = { actor: SessionUser | null; speakerId: string; file: File };

/** A speaker uploads slides or another file to their own profile. */
export async function uploadMaterial({ actor, speakerId, file }: UploadMaterialOptions) {
  if (!actor) throw unauthorized();
  if (file.size === 0 || file.size > MATERIAL_MAX_BYTES) throw new FieldError("file", "programme.portal.fileType");
  const bytes = new Uint8Array(await file.arrayBuffer());
  const contentType = sniffMaterial(bytes);
  if (!contentType) throw new FieldError("file", "programme.portal.fileType");
  return db().$transaction(async (tx) => {
    const speaker = await tx.speaker.findFirst({ where: { id: speakerId, userId: actor.id }, select: { id: true } });
    if (!speaker) throw notFound();
    const fileName = file.name.replace(/[^\w.\- ]+/g, "_").slice(0, 120) || "file";
    const m = await tx.speakerMaterial.create({ data: { speakerId, fileName, contentType, bytes }, select: { id: true } });
    await audit(tx, {
      actorId: actor.id,
      action: "programme.material.upload",
      entityType: "Speaker",
      entityId: speakerId,
      data: { fileName, contentType, size: bytes.length },
    });
    return m;
  });
}
