import fs from "node:fs";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import QRCode from "qrcode";

/**
 * PDF building blocks of the registration documents: Noto Sans SC (Latin and
 * Chinese in one face, subset into each file), text lines, a QR code drawn as
 * vector squares (no image codec needed).
 */
const require = createRequire(import.meta.url);
let fonts: { regular: Uint8Array; bold: Uint8Array } | undefined;
function fontBytes() {
  fonts ??= {
    regular: fs.readFileSync(require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf")),
    bold: fs.readFileSync(require.resolve("@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf")),
  };
  return fonts;
}

export type Pdf = { doc: PDFDocument; page: PDFPage; regular: PDFFont; bold: PDFFont };

export async function newPdf(size: [number, number], title: string): Promise<Pdf> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(title);
  doc.setProducer("Concord");
  const { regular, bold } = fontBytes();
  const [r, b] = await Promise.all([doc.embedFont(regular, { subset: true }), doc.embedFont(bold, { subset: true })]);
  return { doc, page: doc.addPage(size), regular: r, bold: b };
}

export const A4: [number, number] = [595.28, 841.89];
export const BADGE: [number, number] = [283.46, 425.2]; // 100 × 150 mm
export const ink = rgb(0.1, 0.1, 0.12);
export const brand = rgb(0.12, 0.23, 0.54);

/** Draws text wrapped to `width`; returns the y below the last line. */
export function paragraph(
  pdf: Pdf,
  text: string,
  x: number,
  y: number,
  opts: { size?: number; width?: number; bold?: boolean; color?: ReturnType<typeof rgb> } = {},
) {
  const size = opts.size ?? 11;
  const font = opts.bold ? pdf.bold : pdf.regular;
  const width = opts.width ?? 480;
  for (const raw of text.split("\n")) {
    let line = "";
    // Break on spaces for Latin text and anywhere for CJK.
    const tokens = raw.match(/[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+\s*|\s+/g) ?? [""];
    for (const token of tokens) {
      if (line && font.widthOfTextAtSize(line + token, size) > width) {
        pdf.page.drawText(line.trimEnd(), { x, y, size, font, color: opts.color ?? ink });
        y -= size * 1.45;
        line = token.trimStart();
      } else line += token;
    }
    pdf.page.drawText(line.trimEnd(), { x, y, size, font, color: opts.color ?? ink });
    y -= size * 1.45;
  }
  return y;
}

export function qrCode(pdf: Pdf, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const cell = size / (n + 8);
  pdf.page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (qr.modules.get(row, col)) {
        pdf.page.drawRectangle({ x: x + (col + 4) * cell, y: y + size - (row + 5) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
      }
    }
  }
}
