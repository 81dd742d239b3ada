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

/** A signing authority moved from one signatory to another before the signature, as the audit trail records it. */
export type Delegation = { partyId: string; orgName: string; from: string; to: string; toRef: string; by: string | null; at: string };

/**
 * The delegations in the (public) audit trail, with names: a signatory's name comes from the entry that
 * designated or delegated to them (their pseudonymous ref is the same in both), the organization's from
 * the party's approval or signature entry and the text's parties. Reasons are private and not shown.
 */
export function delegationsOf(bundle: VerificationBundle, d: CanonicalDocument): Delegation[] {
  const names = new Map<string, string>();
  const orgOfParty = new Map<string, string>();
  const orgName = new Map(d.parties.map((p) => [p.orgId, p.nameNative ? `${p.name} (${p.nameNative})` : p.name]));
  for (const s of bundle.signatures) orgOfParty.set(s.partyId, s.orgName);
  const out: Delegation[] = [];
  for (const e of bundle.audit) {
    const data = e.data as Record<string, unknown>;
    const party = String(data.partyId ?? "");
    if ((e.type === "version.approved" || e.type === "signed") && typeof data.orgId === "string" && orgName.has(data.orgId))
      orgOfParty.set(party, orgName.get(data.orgId)!);
    if (e.type === "signatory.designated" && typeof data.userRef === "string") names.set(data.userRef, String(data.name ?? ""));
    if (e.type === "signatory.delegated" && typeof data.toUserRef === "string") {
      names.set(data.toUserRef, String(data.name ?? ""));
      out.push({
        partyId: party,
        orgName: "",
        from: names.get(String(data.fromUserRef)) || "a former signatory · 原签署人",
        to: String(data.name ?? ""),
        toRef: data.toUserRef,
        by: e.actorName,
        at: e.at,
      });
    }
  }
  // Organization names are known once the whole trail is read (a party may approve after a delegation).
  return out.map((x) => ({ ...x, orgName: orgOfParty.get(x.partyId) ?? x.partyId }));
}

/** "2027-02-20 03:00:00 UTC · 20 Feb 2027, 11:00 (Asia/Shanghai)": the instant and the venue's wall clock. */
function when(iso: string, zone: string) {
  const at = new Date(iso);
  return `${at.toISOString().replace("T", " ").slice(0, 19)} UTC · ${formatDateTime(at, zone, "en")} (${zone})`;
}

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
  const delegations = delegationsOf(bundle, d);
  for (const s of bundle.signatures) {
    await write(w, s.orgName, { size: 12, gap: 0 });
    await write(w, `${s.signerName}${s.signerRole ? `, ${s.signerRole}` : ""}`, { size: 10, indent: 10, gap: 0 });
    // A signer holding a delegated authority says so beside the signature, as the certificate below does in full.
    const delegated = delegations.filter((x) => x.partyId === s.partyId).at(-1);
    if (delegated && delegated.toRef === s.signerRef)
      await write(w, `Signed as delegate of ${delegated.from} · 受 ${delegated.from} 委托签署`, { size: 9, indent: 10, gap: 0 });
    await write(w, `Signed · 签署时间: ${when(s.signedAt, zone)}`, { size: 9, indent: 10, gap: 0 });
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
  // Who signs for a party changed hands: DocuSign's certificate of completion lists these; so does ours.
  await write(w, "Delegations · 签署权委托", { size: 12, gap: 4 });
  if (delegations.length === 0) await write(w, "None: every party signed by the signatory it designated. · 无委托。", { size: 9, gap: 8 });
  for (const x of delegations) {
    await write(w, x.orgName, { size: 10, indent: 10, gap: 0 });
    await write(w, `Signature delegated from ${x.from} to ${x.to} · 签署权由 ${x.from} 委托给 ${x.to}`, { size: 9, indent: 10, gap: 0 });
    await write(w, `Delegated${x.by ? ` by ${x.by}` : ""} · 委托时间: ${when(x.at, zone)}`, { size: 9, indent: 10, gap: 6 });
  }
  w.y -= 4;
  await write(w, "Audit trail · 审计记录", { size: 12, gap: 4 });
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
