import { unstable_parseMultipartFormData, type UploadHandlerPart } from "@remix-run/node";
import { AppError } from "~/utils/errors";
import { LOGO_MAX_BYTES, sniffImageType } from "./logo";

const TEXT_FIELD_MAX_BYTES = 64 * 1024;

/** Reads at most `limit` bytes of a part and drains the rest, so the parser can reach the next part. */
async function readCapped(part: UploadHandlerPart, limit: number) {
  const chunks: Uint8Array[] = [];
  let kept = 0;
  let total = 0;
  for await (const chunk of part.data) {
    total += chunk.length;
    if (kept < limit) {
      const slice = chunk.subarray(0, limit - kept);
      chunks.push(slice);
      kept += slice.length;
    }
  }
  const bytes = new Uint8Array(kept);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.length;
  }
  return { bytes, total };
}

/**
 * The organization form's data, with the logo held in memory only up to one
 * byte past the limit (a larger file shows as "too large" without being
 * buffered whole). The logo File's type is the one its first bytes prove
 * (application/octet-stream when they prove none), so the form schema's type
 * check is a magic-byte check on the server.
 */
export async function readOrgFormData(request: Request): Promise<FormData> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) return request.formData();
  try {
    return await unstable_parseMultipartFormData(request, async (part) => {
      if (part.filename === undefined) {
        const { bytes, total } = await readCapped(part, TEXT_FIELD_MAX_BYTES);
        if (total > TEXT_FIELD_MAX_BYTES) throw new AppError("TOO_LARGE", "error.tooLarge");
        return new TextDecoder().decode(bytes);
      }
      if (part.name !== "logo") {
        await readCapped(part, 0);
        return undefined;
      }
      const { bytes, total } = await readCapped(part, LOGO_MAX_BYTES + 1);
      // No file chosen: browsers still send an empty part with an empty name.
      if (total === 0 && !part.filename) return undefined;
      const type = sniffImageType(bytes) ?? "application/octet-stream";
      return new File([bytes], part.filename || "logo", { type });
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("BAD_REQUEST", "error.badRequest");
  }
}
