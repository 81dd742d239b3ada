import { rgb, type PDFPage } from "pdf-lib";
import { A4, A6, brand, grey, PdfWriter } from "~/domain/documents/pdf-writer.server";

/**
 * The registration documents drawn from plain data (no database): badge (A6 single or four
 * to an A4 sheet) and visa invitation letter. documents.server.ts loads and checks, these draw; the
 * rendering tests call them directly.
 */
export type BadgeData = {
  conferenceTitle: string;
  conferenceTitleNative?: string | null;
  dates?: string | null;
  nameLatin: string;
  nameNative?: string | null;
  organization?: string | null;
  ticketType: string;
  code: string;
};

/** Badges, A6 (105 × 148 mm): one per page, or four to an A4 sheet with cut lines. */
export async function renderBadges(badges: BadgeData[], layout: "single" | "sheet", title: string) {
  const w = await PdfWriter.create({ title });
  if (layout === "single") {
    for (const b of badges) await drawBadge(w, w.addPage(A6), 0, 0, b);
  } else {
    for (let i = 0; i < badges.length; i += 4) {
      const page = w.addPage(A4);
      for (let k = 0; k < 4 && i + k < badges.length; k++) {
        await drawBadge(w, page, (k % 2) * A6[0], k < 2 ? A6[1] : 0, badges[i + k]);
      }
      const cut = { thickness: 0.4, color: rgb(0.7, 0.7, 0.7), dashArray: [3, 3] };
      page.drawLine({ start: { x: A6[0], y: 0 }, end: { x: A6[0], y: A4[1] }, ...cut });
      page.drawLine({ start: { x: 0, y: A6[1] }, end: { x: A4[0], y: A6[1] }, ...cut });
    }
  }
  return w.save();
}

async function drawBadge(w: PdfWriter, page: PDFPage, ox: number, oy: number, b: BadgeData) {
  const [width, height] = A6;
  const inner = width - 28;
  const cx = ox + width / 2;
  // Header band: the whole conference title, wrapped (never cut), then dates.
  const titleStyle = { size: 12, bold: true, color: rgb(1, 1, 1) };
  const lines = await w.wrap(b.conferenceTitle, titleStyle, inner);
  const native = b.conferenceTitleNative ? await w.wrap(b.conferenceTitleNative, { ...titleStyle, size: 10 }, inner) : [];
  const band = 16 + lines.length * 15 + native.length * 13 + (b.dates ? 13 : 0);
  page.drawRectangle({ x: ox, y: oy + height - band, width, height: band, color: brand });
  let y = oy + height - 22;
  for (const line of lines) {
    await w.text(page, line, cx, y, { ...titleStyle, align: "center" });
    y -= 15;
  }
  for (const line of native) {
    await w.text(page, line, cx, y, { ...titleStyle, size: 10, align: "center" });
    y -= 13;
  }
  if (b.dates) await w.text(page, b.dates, cx, y, { size: 9, color: rgb(0.85, 0.88, 1), align: "center" });

  y = oy + height - band - 40;
  const nameSize = await w.fit(b.nameLatin, { size: 24, bold: true }, inner, 12);
  await w.text(page, b.nameLatin, cx, y, { size: nameSize, bold: true, color: brand, align: "center" });
  y -= nameSize * 0.6 + 16;
  if (b.nameNative) {
    const size = await w.fit(b.nameNative, { size: 20 }, inner, 10);
    await w.text(page, b.nameNative, cx, y, { size, align: "center" });
    y -= size * 0.6 + 14;
  }
  if (b.organization) y = await w.paragraph(page, b.organization, ox + 14, y, { size: 10, width: inner, align: "center" });
  await w.text(page, b.ticketType, cx, y - 4, { size: 10, bold: true, color: grey, align: "center" });
  const qr = 120;
  w.qr(page, b.code, cx - qr / 2, oy + 30, qr);
  await w.text(page, b.code, cx, oy + 18, { size: 10, bold: true, align: "center" });
}

export type VisaLetterData = {
  issuer: string;
  issuerNative?: string | null;
  issuerLine: string;
  date: string;
  body: string[];
  closing: string;
  verificationCode: string;
  verifyUrl: string;
};

export async function renderVisaLetter(v: VisaLetterData) {
  const w = await PdfWriter.create({ title: `Invitation letter ${v.verificationCode}` });
  const page = w.addPage(A4);
  const width = 484;
  let y = 790;
  y = await w.paragraph(page, v.issuer, 56, y, { size: 16, bold: true, color: brand, width });
  if (v.issuerNative) y = await w.paragraph(page, v.issuerNative, 56, y, { size: 12, color: brand, width });
  y = await w.paragraph(page, v.issuerLine, 56, y, { size: 9, width });
  page.drawLine({ start: { x: 56, y: y + 4 }, end: { x: 540, y: y + 4 }, thickness: 1, color: brand });
  y = await w.paragraph(page, `Date: ${v.date}`, 56, y - 20, { size: 11, width });
  y = await w.paragraph(page, "LETTER OF INVITATION", 56, y - 16, { size: 16, bold: true, width });
  y = await w.paragraph(page, "To the visa section of the Embassy or Consulate concerned:", 56, y - 8, { size: 11, width });
  for (const p of v.body) y = await w.paragraph(page, p, 56, y - 8, { size: 11, width });
  y = await w.paragraph(page, v.issuer, 56, y - 30, { size: 11, bold: true, width });
  await w.paragraph(page, v.closing, 56, y, { size: 11, width });
  w.qr(page, v.verifyUrl, 56, 60, 90);
  await w.paragraph(page, `Verification code: ${v.verificationCode}\nVerify at ${v.verifyUrl}`, 156, 120, { size: 9, width: 380 });
  return w.save({ sign: { reason: `Invitation letter ${v.verificationCode} issued by ${v.issuer}` } });
}
