import { db } from "~/utils/db.server";
import { isUuid } from "~/utils/validation";

export type GetExecutedPdfOptions = { accordId: string };

/** The PDF of an executed accord exactly as produced at execution, with its hash (public once executed), or null. */
export async function getExecutedPdf({ accordId }: GetExecutedPdfOptions) {
  if (!isUuid(accordId)) return null;
  const accord = await db().accord.findFirst({ where: { id: accordId, status: "EXECUTED" }, select: { pdf: true, pdfHash: true } });
  if (!accord?.pdf) return null;
  return { pdf: accord.pdf, pdfHash: accord.pdfHash };
}
