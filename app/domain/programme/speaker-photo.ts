import { sniffImageType } from "~/domain/organizations/logo";

/**
 * Speaker photos: kept in the database like organization logos, typed by their
 * first bytes (never the file name or the browser's claim).
 */
export const PHOTO_MAX_BYTES = 1024 * 1024;

export type PhotoCheck =
  | { ok: true; bytes: Uint8Array<ArrayBuffer>; type: string }
  | { ok: false; message: "programme.validation.photoTooLarge" | "programme.validation.photoType" };

export async function checkPhoto(file: File): Promise<PhotoCheck> {
  if (file.size > PHOTO_MAX_BYTES) return { ok: false, message: "programme.validation.photoTooLarge" };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, message: "programme.validation.photoType" };
  return { ok: true, bytes, type };
}
