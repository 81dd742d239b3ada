import crypto from "node:crypto";
import { decodePDFRawStream, PDFArray, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFPage } from "pdf-lib";

/**
 * Whether an uploaded PDF carries the same signed content as the one Concord issued, although its
 * bytes differ (decision 057): a lossless rewrite (qpdf, "save as" in a viewer that keeps the content)
 * moves objects and recompresses streams, which breaks the byte ranges of the PAdES signature and the
 * whole-file hash, but leaves every page's drawing, every font and the document identity as they were.
 *
 * Compared: the number of pages, each page's decoded content, the decoded bytes of every other stream
 * (fonts, images) as a multiset, and the title/subject the accord is identified by.
 */
export type PdfDifference =
  { kind: "pages"; issued: number; uploaded: number } | { kind: "page"; page: number } | { kind: "resources" } | { kind: "metadata" };

export async function compareSignedContent(issued: Uint8Array, uploaded: Uint8Array): Promise<PdfDifference[]> {
  const [a, b] = await Promise.all([load(issued), load(uploaded)]);
  const out: PdfDifference[] = [];
  if (a.getTitle() !== b.getTitle() || a.getSubject() !== b.getSubject()) out.push({ kind: "metadata" });
  const pa = a.getPages();
  const pb = b.getPages();
  if (pa.length !== pb.length) out.push({ kind: "pages", issued: pa.length, uploaded: pb.length });
  const contentRefs = (d: PDFPage[]) => d.flatMap((p) => contentStreams(p).map(([ref]) => ref));
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (!equal(pageContent(pa[i]), pageContent(pb[i]))) out.push({ kind: "page", page: i + 1 });
  }
  const others = (d: PDFDocument, pages: PDFPage[]) => {
    const skip = new Set(contentRefs(pages).map((r) => r?.toString()));
    return d.context
      .enumerateIndirectObjects()
      .filter(([ref, obj]) => obj instanceof PDFRawStream && !skip.has(ref.toString()) && !isStructural(obj))
      .map(([, obj]) => digest(decode(obj as PDFRawStream)))
      .sort()
      .join();
  };
  if (others(a, pa) !== others(b, pb)) out.push({ kind: "resources" });
  return out;
}

function load(bytes: Uint8Array) {
  return PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
}

function isStructural(stream: PDFRawStream) {
  const type = stream.dict.get(PDFName.of("Type"));
  return type === PDFName.of("XRef") || type === PDFName.of("ObjStm") || type === PDFName.of("Metadata");
}

function contentStreams(page: PDFPage): [PDFRef | undefined, PDFRawStream][] {
  const contents = page.node.get(PDFName.of("Contents"));
  const items = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  return items.flatMap((item) => {
    const ref = item instanceof PDFRef ? item : undefined;
    const obj = ref ? page.doc.context.lookup(ref) : item;
    return obj instanceof PDFRawStream ? [[ref, obj] as [PDFRef | undefined, PDFRawStream]] : [];
  });
}

function pageContent(page: PDFPage) {
  return Buffer.concat(contentStreams(page).map(([, s]) => Buffer.from(decode(s))));
}

function decode(stream: PDFRawStream): Uint8Array {
  try {
    return decodePDFRawStream(stream).decode();
  } catch {
    return stream.getContents();
  }
}

const digest = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");
const equal = (x: Uint8Array, y: Uint8Array) => Buffer.compare(Buffer.from(x), Buffer.from(y)) === 0;
