import { PDFDocument, rgb, type PDFPage } from "pdf-lib";
import { A4, PdfWriter } from "~/domain/documents/pdf-writer.server";
import { formatDateTime } from "~/utils/time";
import type { CanonicalDocument } from "./canonical";
import type { VerificationBundle } from "./verification";

/**
 * The executed PDF: the text in every language, a signature page, an audit
 * certificate and a QR code to /verify. Produced once at execution and stored;
 * the document hash and accord id are in its metadata (Subject and Keywords),
 * so an uploaded copy can be matched without extracting its text.
 * Text goes through the documents writer (every script, fonts subset per file).
 */
export const PDF_SUBJECT_PREFIX = "concord-accord";

const MARGIN = 56;

type Flow = { w: PdfWriter; page: PDFPage; y: number };

function newPage(f: Flow) {
  f.page = f.w.addPage(A4);
  f.y = A4[1] - MARGIN;
}

async function write(f: Flow, text: string, opts: { size?: number; gap?: number; color?: [number, number, number]; indent?: number } = {}) {
  const size = opts.size ?? 11;
  const indent = opts.indent ?? 0;
  const style = { size, color: rgb(...(opts.color ?? [0.1, 0.1, 0.1])) };
  for (const line of await f.w.wrap(text, style, A4[0] - 2 * MARGIN - indent)) {
    if (f.y < MARGIN + size) newPage(f);
    await f.w.text(f.page, line, MARGIN + indent, f.y - size, style);
    f.y -= size * 1.45;
  }
  f.y -= opts.gap ?? 4;
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
  const writer = await PdfWriter.create({
    title: d.title.en + (d.title.zh ? ` · ${d.title.zh}` : ""),
    subject: `${PDF_SUBJECT_PREFIX}:${bundle.accordId}:${bundle.document.hash}`,
    keywords: [`concord-accord-id:${bundle.accordId}`, `concord-document-hash:${bundle.document.hash}`],
    date: executedAt,
  });
  const w: Flow = { w: writer, page: writer.addPage(A4), y: A4[1] - MARGIN };

  const [kindEn, kindZh] = KIND[d.kind] ?? [d.kind, d.kind];
  await write(w, d.languages.includes("zh") ? `${kindEn} · ${kindZh}` : kindEn, { size: 10, color: [0.35, 0.35, 0.35] });
  for (const l of d.languages) if (d.title[l]) await write(w, d.title[l], { size: 18, gap: 2 });
  w.y -= 6;
  await write(w, "Parties · 各方", { size: 12 });
  for (const p of d.parties) {
    await write(
      w,
      `${p.position}. ${p.name}${p.nameNative ? ` (${p.nameNative})` : ""} — ${p.country}${p.role === "WITNESS" ? " — witness · 见证方" : ""}`,
      { size: 10, indent: 10, gap: 0 },
    );
  }
  w.y -= 8;
  await write(w, `Document hash (SHA-256) · 文档哈希: ${bundle.document.hash}`, { size: 9, color: [0.3, 0.3, 0.3] });
  if (d.languages.length > 1)
    await write(w, "The texts in all languages are equally authentic. · 各语言文本同等作准。", {
      size: 9,
      color: [0.3, 0.3, 0.3],
      gap: 10,
    });

  for (const l of d.languages) {
    await write(w, LANGUAGE[l] ?? l, { size: 14, gap: 8 });
    for (const c of d.clauses) await write(w, `${c.number}. ${c.text[l] ?? ""}`, { size: 11, gap: 8 });
    w.y -= 10;
  }

  newPage(w);
  await write(w, "Signatures · 签署", { size: 16, gap: 10 });
  const zone = bundle.timeZone ?? "UTC";
  for (const s of bundle.signatures) {
    const at = new Date(s.signedAt);
    await write(w, s.orgName, { size: 12, gap: 0 });
    await write(w, `${s.signerName}${s.signerRole ? `, ${s.signerRole}` : ""}`, { size: 10, indent: 10, gap: 0 });
    await write(
      w,
      `Signed · 签署时间: ${at.toISOString().replace("T", " ").slice(0, 19)} UTC · ${formatDateTime(at, zone, "en")} (${zone})`,
      {
        size: 9,
        indent: 10,
        gap: 0,
      },
    );
    await write(
      w,
      s.method === "PASSKEY"
        ? "Method · 方式: passkey (WebAuthn, user verified) · 通行密钥（WebAuthn，已验证用户）"
        : `Method · 方式: typed name “${s.typedName ?? ""}” + emailed one-time code (weaker) · 输入姓名 + 邮件验证码（较弱）`,
      { size: 9, indent: 10, gap: 10 },
    );
  }

  newPage(w);
  await write(w, "Audit certificate · 审计证书", { size: 16, gap: 10 });
  await write(w, `Accord: ${bundle.accordId}`, { size: 9, gap: 0 });
  await write(w, `Document hash: ${bundle.document.hash}`, { size: 9, gap: 0 });
  await write(w, `Executed: ${executedAt.toISOString()}`, { size: 9, gap: 0 });
  await write(w, `Audit chain: ${seal.chainLength} entries, head ${seal.chainHead}`, { size: 9, gap: 0 });
  await write(w, `Sealed with Ed25519 key ${seal.keyId} (published at /.well-known/concord-seal-key);`, { size: 9, gap: 0 });
  await write(w, "the seal covers this PDF's SHA-256, so it is in the verification bundle, not in this file.", { size: 9, gap: 8 });
  await write(w, `Verify: ${verifyUrl}`, { size: 9, gap: 6 });
  drawQr(w, verifyUrl);
  for (const e of bundle.audit) {
    await write(w, `#${e.seq} ${e.at} ${e.type}${e.actorName ? ` — ${e.actorName}` : ""} — ${e.hash.slice(0, 16)}…`, {
      size: 7,
      gap: 0,
      color: [0.3, 0.3, 0.3],
    });
  }
  return writer.save({ sign: { reason: `Executed accord ${bundle.accordId}, document hash ${bundle.document.hash}` } });
}

/** The QR code to /verify, drawn as vector squares. */
function drawQr(f: Flow, text: string) {
  const size = 120;
  if (f.y < MARGIN + size + 10) newPage(f);
  f.w.qr(f.page, text, MARGIN - 12, f.y - size, size);
  f.y -= size + 8;
}

/** Reads the accord id and document hash from an uploaded PDF's metadata, if it is one of ours. */
export async function readPdfIdentity(bytes: Uint8Array): Promise<{ accordId: string; documentHash: string } | null> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  const subject = doc.getSubject() ?? "";
  const m = subject.match(/^concord-accord:([0-9a-f-]{36}):([0-9a-f]{64})$/);
  return m ? { accordId: m[1], documentHash: m[2] } : null;
}
