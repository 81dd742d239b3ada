import { compareSignedContent, type PdfDifference } from "~/domain/documents/compare-pdf.server";
import { db } from "~/utils/db.server";
import { sha256Hex } from "./canonical";
import { loadAccordForVerification } from "./bundle.server";
import { readPdfIdentity } from "./pdf.server";
import { publishedSealKey } from "./seal.server";
import { verifyBundle, type VerificationReport } from "./verification";

export type AccordVerification = {
  accordId: string;
  documentHash: string;
  title: string;
  titleZh: string | null;
  report: VerificationReport;
  /**
   * For an uploaded PDF: its bytes are exactly the issued PDF ("matches"); or they differ but the signed
   * content is the same, as after a lossless re-save ("equivalent"); or the content differs ("modified",
   * with what differs).
   */
  pdf?: "matches" | "equivalent" | "modified";
  pdfDifferences?: PdfDifference[];
};

/** Finds an accord by document hash (64 hex) or by a link/id containing its id. */
export async function findAccordId(query: string): Promise<string | null> {
  const q = query.trim().toLowerCase();
  const hash = q.match(/\b[0-9a-f]{64}\b/)?.[0];
  if (hash) {
    const a = await db().accord.findFirst({ where: { documentHash: hash }, select: { id: true } });
    return a?.id ?? null;
  }
  const id = q.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/)?.[0];
  if (!id) return null;
  const a = await db().accord.findFirst({ where: { id, documentHash: { not: null } }, select: { id: true } });
  return a?.id ?? null;
}

/**
 * Re-verifies an accord from what is in the database right now, through the
 * same pure verifier the offline script uses, with Concord's own published
 * seal key pinned as the trusted one.
 */
export async function verifyAccord(accordId: string): Promise<AccordVerification | null> {
  const loaded = await loadAccordForVerification(db(), accordId);
  if (!loaded) return null;
  const { bundle, title, titleZh } = loaded;
  const report = await verifyBundle(bundle, { trustedSealKey: publishedSealKey().publicKey });
  return { accordId, documentHash: bundle.document.hash, title, titleZh, report };
}

export type PdfCheck = { kind: "not-pdf" } | { kind: "unknown" } | ({ kind: "found" } & AccordVerification);

/** An uploaded PDF: matched by the whole-file hash, else by the accord id and hash in its metadata. */
export async function verifyUploadedPdf(bytes: Uint8Array): Promise<PdfCheck> {
  if (Buffer.from(bytes.subarray(0, 5)).toString("latin1") !== "%PDF-") return { kind: "not-pdf" };
  const fileHash = sha256Hex(bytes);
  const exact = await db().accord.findUnique({ where: { pdfHash: fileHash }, select: { id: true } });
  if (exact) {
    const v = await verifyAccord(exact.id);
    return v ? { kind: "found", ...v, pdf: "matches" } : { kind: "unknown" };
  }
  let identity: Awaited<ReturnType<typeof readPdfIdentity>> = null;
  try {
    identity = await readPdfIdentity(bytes);
  } catch {
    return { kind: "not-pdf" };
  }
  if (!identity) return { kind: "unknown" };
  const accord = await db().accord.findFirst({
    where: { id: identity.accordId, documentHash: identity.documentHash, status: "EXECUTED" },
    select: { id: true, pdf: true },
  });
  if (!accord) return { kind: "unknown" };
  const v = await verifyAccord(accord.id);
  if (!v) return { kind: "unknown" };
  let differences: PdfDifference[] = [{ kind: "resources" }];
  if (accord.pdf) {
    try {
      differences = await compareSignedContent(new Uint8Array(accord.pdf), bytes);
    } catch {
      // An upload pdf-lib cannot read as a whole is not the issued content.
    }
  }
  return differences.length === 0
    ? { kind: "found", ...v, pdf: "equivalent" }
    : { kind: "found", ...v, pdf: "modified", pdfDifferences: differences };
}
