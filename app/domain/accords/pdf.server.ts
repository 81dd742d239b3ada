import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import QRCode from "qrcode";
import { formatDateTime } from "~/utils/time";
import type { CanonicalDocument } from "./canonical";
import type { VerificationBundle } from "./verification";

/**
 * The executed PDF: the text in every language, a signature page, an audit
 * certificate and a QR code to /verify. Produced once at execution and stored;
 * the document hash and accord id are in its metadata (Subject and Keywords),
 * so an uploaded copy can be matched without extracting its text.
 * Chinese needs a CJK font: Noto Sans SC (also covers Latin) is embedded as a
 * subset of the glyphs used, which keeps the file small.
 */
let fontBytes: Uint8Array | undefined;
function notoSansSc(): Uint8Array {
  if (!fontBytes) {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve("@expo-google-fonts/noto-sans-sc/package.json"));
    fontBytes = fs.readFileSync(path.join(dir, "400Regular", "NotoSansSC_400Regular.ttf"));
  }
  return fontBytes;
}

export const PDF_SUBJECT_PREFIX = "concord-accord";

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

type Writer = { doc: PDFDocument; font: PDFFont; page: PDFPage; y: number };

function newPage(w: Writer) {
  w.page = w.doc.addPage(A4);
  w.y = A4[1] - MARGIN;
}

/**
 * Text width from per-character advances, cached. pdf-lib measures a custom
 * font by running full OpenType shaping (fontkit layout), which on a CJK font
 * costs milliseconds per call; line breaking needs thousands of calls.
 * Ignoring kerning here only makes lines break a hair early.
 */
const advanceCache = new WeakMap<PDFFont, Map<string, number>>();
function measure(font: PDFFont, text: string, size: number) {
  let cache = advanceCache.get(font);
  if (!cache) advanceCache.set(font, (cache = new Map()));
  let total = 0;
  for (const ch of text) {
    let w = cache.get(ch);
    if (w === undefined) cache.set(ch, (w = font.widthOfTextAtSize(ch, 1000)));
    total += w;
  }
  return (total * size) / 1000;
}

/** Breaks text into lines that fit: at spaces for Latin words, anywhere between CJK characters. */
function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    const tokens = paragraph.match(/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+|\s+/g) ?? [""];
    let line = "";
    for (const token of tokens) {
      const candidate = line + token;
      if (measure(font, candidate, size) <= width || line === "") {
        line = candidate;
        // A single token wider than the line (a long hash): cut it by characters.
        while (measure(font, line, size) > width && line.length > 1) {
          let cut = line.length - 1;
          while (cut > 1 && measure(font, line.slice(0, cut), size) > width) cut--;
          out.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      } else {
        out.push(line.trimEnd());
        line = token.trimStart();
      }
    }
    out.push(line.trimEnd());
  }
  return out;
}

function write(w: Writer, text: string, opts: { size?: number; gap?: number; color?: [number, number, number]; indent?: number } = {}) {
  const size = opts.size ?? 11;
  const indent = opts.indent ?? 0;
  for (const line of wrap(w.font, text, size, A4[0] - 2 * MARGIN - indent)) {
    if (w.y < MARGIN + size) newPage(w);
    w.page.drawText(line, { x: MARGIN + indent, y: w.y - size, size, font: w.font, color: rgb(...(opts.color ?? [0.1, 0.1, 0.1])) });
    w.y -= size * 1.45;
  }
  w.y -= opts.gap ?? 4;
}

const KIND: Record<string, [string, string]> = {
  JOINT_DECLARATION: ["Joint declaration", "联合宣言"],
  BILATERAL_AGREEMENT: ["Bilateral agreement", "双边协议"],
  MEMORANDUM_OF_UNDERSTANDING: ["Memorandum of understanding", "谅解备忘录"],
};
const LANGUAGE: Record<string, string> = { en: "English text", zh: "中文文本" };

/** What the seal will cover besides this PDF: the PDF is rendered first, then sealed with its hash. */
export type PdfSealInfo = { keyId: string; chainHead: string; chainLength: number };
export type PdfInput = { bundle: VerificationBundle; document: CanonicalDocument; verifyUrl: string; executedAt: Date; seal: PdfSealInfo };

export async function renderExecutedPdf({ bundle, document: d, verifyUrl, executedAt, seal }: PdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(notoSansSc(), { subset: true });
  const title = d.title.en + (d.title.zh ? ` · ${d.title.zh}` : "");
  doc.setTitle(title);
  doc.setSubject(`${PDF_SUBJECT_PREFIX}:${bundle.accordId}:${bundle.document.hash}`);
  doc.setKeywords([`concord-accord-id:${bundle.accordId}`, `concord-document-hash:${bundle.document.hash}`]);
  doc.setProducer("Concord");
  doc.setCreator("Concord");
  // Fixed dates keep the file a pure function of the accord.
  doc.setCreationDate(executedAt);
  doc.setModificationDate(executedAt);
  const w: Writer = { doc, font, page: doc.addPage(A4), y: A4[1] - MARGIN };

  const [kindEn, kindZh] = KIND[d.kind] ?? [d.kind, d.kind];
  write(w, d.languages.includes("zh") ? `${kindEn} · ${kindZh}` : kindEn, { size: 10, color: [0.35, 0.35, 0.35] });
  for (const l of d.languages) if (d.title[l]) write(w, d.title[l], { size: 18, gap: 2 });
  w.y -= 6;
  write(w, "Parties · 各方", { size: 12 });
  for (const p of d.parties) {
    write(
      w,
      `${p.position}. ${p.name}${p.nameNative ? ` (${p.nameNative})` : ""} — ${p.country}${p.role === "WITNESS" ? " — witness · 见证方" : ""}`,
      { size: 10, indent: 10, gap: 0 },
    );
  }
  w.y -= 8;
  write(w, `Document hash (SHA-256) · 文档哈希: ${bundle.document.hash}`, { size: 9, color: [0.3, 0.3, 0.3] });
  if (d.languages.length > 1)
    write(w, "The texts in all languages are equally authentic. · 各语言文本同等作准。", { size: 9, color: [0.3, 0.3, 0.3], gap: 10 });

  for (const l of d.languages) {
    write(w, LANGUAGE[l] ?? l, { size: 14, gap: 8 });
    for (const c of d.clauses) write(w, `${c.number}. ${c.text[l] ?? ""}`, { size: 11, gap: 8 });
    w.y -= 10;
  }

  newPage(w);
  write(w, "Signatures · 签署", { size: 16, gap: 10 });
  const zone = bundle.timeZone ?? "UTC";
  for (const s of bundle.signatures) {
    const at = new Date(s.signedAt);
    write(w, s.orgName, { size: 12, gap: 0 });
    write(w, `${s.signerName}${s.signerRole ? `, ${s.signerRole}` : ""}`, { size: 10, indent: 10, gap: 0 });
    write(w, `Signed · 签署时间: ${at.toISOString().replace("T", " ").slice(0, 19)} UTC · ${formatDateTime(at, zone, "en")} (${zone})`, {
      size: 9,
      indent: 10,
      gap: 0,
    });
    write(
      w,
      s.method === "PASSKEY"
        ? "Method · 方式: passkey (WebAuthn, user verified) · 通行密钥（WebAuthn，已验证用户）"
        : `Method · 方式: typed name “${s.typedName ?? ""}” + emailed one-time code (weaker) · 输入姓名 + 邮件验证码（较弱）`,
      { size: 9, indent: 10, gap: 10 },
    );
  }

  newPage(w);
  write(w, "Audit certificate · 审计证书", { size: 16, gap: 10 });
  write(w, `Accord: ${bundle.accordId}`, { size: 9, gap: 0 });
  write(w, `Document hash: ${bundle.document.hash}`, { size: 9, gap: 0 });
  write(w, `Executed: ${executedAt.toISOString()}`, { size: 9, gap: 0 });
  write(w, `Audit chain: ${seal.chainLength} entries, head ${seal.chainHead}`, { size: 9, gap: 0 });
  write(w, `Sealed with Ed25519 key ${seal.keyId} (published at /.well-known/concord-seal-key);`, { size: 9, gap: 0 });
  write(w, "the seal covers this PDF's SHA-256, so it is in the verification bundle, not in this file.", { size: 9, gap: 8 });
  write(w, `Verify: ${verifyUrl}`, { size: 9, gap: 6 });
  drawQr(w, verifyUrl);
  for (const e of bundle.audit) {
    write(w, `#${e.seq} ${e.at} ${e.type}${e.actorName ? ` — ${e.actorName}` : ""} — ${e.hash.slice(0, 16)}…`, {
      size: 7,
      gap: 0,
      color: [0.3, 0.3, 0.3],
    });
  }
  return doc.save({ useObjectStreams: false });
}

/** The QR code drawn as vector squares (sharp at any zoom, no image library). */
function drawQr(w: Writer, text: string) {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const cell = 3;
  if (w.y < MARGIN + n * cell + 10) newPage(w);
  const top = w.y;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c))
        w.page.drawRectangle({ x: MARGIN + c * cell, y: top - (r + 1) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
    }
  }
  w.y = top - n * cell - 14;
}

/** Reads the accord id and document hash from an uploaded PDF's metadata, if it is one of ours. */
export async function readPdfIdentity(bytes: Uint8Array): Promise<{ accordId: string; documentHash: string } | null> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  const subject = doc.getSubject() ?? "";
  const m = subject.match(/^concord-accord:([0-9a-f-]{36}):([0-9a-f]{64})$/);
  return m ? { accordId: m[1], documentHash: m[2] } : null;
}
