import { PDFDocument, rgb, type PDFPage, type RGB } from "pdf-lib";
import QRCode from "qrcode";
import { logger } from "~/utils/logger.server";
import { EmbeddedFace } from "./embed-font.server";
import { saveSigned, type SignOptions } from "./sign-pdf.server";
import { advanceOf, faceFile, faceFor, faceHas, isRtl, isShaped, loadFace, shapedAdvanceOf, subsetOf, type FaceName } from "./fonts.server";

/**
 * The one text-drawing module of every Concord PDF (decision 056).
 *
 * Text is laid out at once (runs per face, widths, line breaks) but drawn at `save()`: only then is it
 * known which characters each face needs, so each face is embedded once as a harfbuzz subset of exactly
 * those glyphs, drawn glyph by glyph where the OpenType shaper puts them (embed-font.server.ts).
 *
 * - Every character gets a face from the fallback chain (fonts.server.ts); spaces and punctuation stay
 *   in the run they sit in when its face has them, so a name is one run.
 * - Right-to-left runs (Arabic, Hebrew) are shaped by the font's OpenType tables and put in visual
 *   order: consecutive RTL runs, with the neutral runs between them, are drawn in reverse order.
 * - Lines break at spaces, between any two CJK characters (a closing mark stays with the character
 *   before it), and at the word boundaries ICU finds in Thai and Lao; a word wider than the line is cut
 *   between grapheme clusters.
 * - A character no face has is drawn as U+FFFD, listed at the foot of the last page and logged.
 */
export const A4: [number, number] = [595.28, 841.89];
export const A6: [number, number] = [297.64, 419.53];
export const ink = rgb(0.1, 0.1, 0.12);
export const brand = rgb(0.12, 0.23, 0.54);
export const grey = rgb(0.35, 0.35, 0.38);

export type TextStyle = { size: number; bold?: boolean; color?: RGB };
type Run = { face: FaceName; bold: boolean; text: string; width: number };
type Placed = { page: PDFPage; runs: Run[]; x: number; y: number; size: number; color: RGB };
type Meta = { title: string; subject?: string; keywords?: string[]; date?: Date };

const NEUTRAL = /[\s\p{P}\p{S}\p{N}\p{M}\u200c\u200d]/u;
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/u;
const CLOSING = /^[、。，．：；？！）」』】〉》〕｝,.;:!?)\]}%’”]/u;
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });
const words = new Intl.Segmenter("th", { granularity: "word" });

export class PdfWriter {
  private placed: Placed[] = [];
  private missing = new Set<number>();
  private lastPage: PDFPage | null = null;

  private constructor(readonly doc: PDFDocument) {}

  static async create(meta: Meta) {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.setTitle(meta.title);
    if (meta.subject) doc.setSubject(meta.subject);
    if (meta.keywords) doc.setKeywords(meta.keywords);
    doc.setProducer("Concord");
    doc.setCreator("Concord");
    const date = meta.date ?? new Date();
    doc.setCreationDate(date);
    doc.setModificationDate(date);
    return new PdfWriter(doc);
  }

  addPage(size: [number, number]) {
    this.lastPage = this.doc.addPage(size);
    return this.lastPage;
  }

  /** Splits text into runs of one face each. */
  async runs(text: string, style: TextStyle): Promise<Run[]> {
    const bold = style.bold === true;
    const out: Run[] = [];
    for (const ch of text.normalize("NFC")) {
      const cp = ch.codePointAt(0)!;
      const last = out[out.length - 1];
      let face: FaceName | null;
      let draw = ch;
      // Digits inside right-to-left text stay left-to-right: they start a run of their own.
      if (last && NEUTRAL.test(ch) && !(isRtl(last.face) && /\p{N}/u.test(ch)) && (await faceHas(last.face, cp))) face = last.face;
      else face = await faceFor(cp);
      if (!face) {
        this.missing.add(cp);
        face = "latin";
        draw = "\ufffd";
      }
      if (last && last.face === face) last.text += draw;
      else out.push({ face, bold, text: draw, width: 0 });
    }
    for (const run of out) run.width = await this.widthOfRun(run, style.size);
    return out;
  }

  private async widthOfRun(run: Run, size: number) {
    const face = await loadFace(run.face, run.bold);
    return (isShaped(run.face) ? shapedAdvanceOf(face, run.text) : advanceOf(face, run.text)) * size;
  }

  private widths = new Map<string, number>();

  async width(text: string, style: TextStyle) {
    const key = `${style.bold ? "b" : "r"}${text}`;
    let w = this.widths.get(key);
    if (w === undefined) this.widths.set(key, (w = (await this.runs(text, { ...style, size: 1 })).reduce((s, r) => s + r.width, 0)));
    return w * style.size;
  }

  /** Lines of `text` that fit `width` (explicit newlines kept). */
  async wrap(text: string, style: TextStyle, width: number): Promise<string[]> {
    const lines: string[] = [];
    for (const paragraph of text.normalize("NFC").split("\n")) {
      let line = "";
      let lineWidth = 0; // of `line` including its trailing spaces
      for (const token of breakTokens(paragraph)) {
        const full = await this.width(token, style);
        const trimmed = await this.width(token.trimEnd(), style);
        if (line === "" || lineWidth + trimmed <= width) {
          line += token;
          lineWidth += full;
        } else {
          lines.push(line.trimEnd());
          line = token.trimStart();
          lineWidth = full;
        }
        // A single token wider than the line (a long hash or URL): cut it between graphemes.
        while (lineWidth > width && (await this.width(line.trimEnd(), style)) > width && [...graphemes.segment(line)].length > 1) {
          const parts = [...graphemes.segment(line)].map((s) => s.segment);
          let cut = parts.length - 1;
          while (cut > 1 && (await this.width(parts.slice(0, cut).join(""), style)) > width) cut--;
          lines.push(parts.slice(0, cut).join(""));
          line = parts.slice(cut).join("");
          lineWidth = await this.width(line, style);
        }
      }
      lines.push(line.trimEnd());
    }
    return lines;
  }

  /** Draws one line at (x, y); `align` places it relative to x (center: x is the middle). Returns its width. */
  async text(page: PDFPage, text: string, x: number, y: number, style: TextStyle & { align?: "left" | "center" | "right" }) {
    const runs = visualOrder(await this.runs(text, style));
    const total = runs.reduce((s, r) => s + r.width, 0);
    const left = style.align === "center" ? x - total / 2 : style.align === "right" ? x - total : x;
    this.placed.push({ page, runs, x: left, y, size: style.size, color: style.color ?? ink });
    return total;
  }

  /** Draws text wrapped to `width` from the top line at y; returns the y below the last line. */
  async paragraph(
    page: PDFPage,
    text: string,
    x: number,
    y: number,
    style: TextStyle & { width: number; lineHeight?: number; align?: "left" | "center" },
  ) {
    const step = style.size * (style.lineHeight ?? 1.45);
    for (const line of await this.wrap(text, style, style.width)) {
      await this.text(page, line, style.align === "center" ? x + style.width / 2 : x, y, style);
      y -= step;
    }
    return y;
  }

  /** Largest size ≤ style.size at which the text fits `width` on one line (never below `min`). */
  async fit(text: string, style: TextStyle, width: number, min = 6) {
    const w = await this.width(text, style);
    return w <= width ? style.size : Math.max(min, (style.size * width) / w);
  }

  /** A QR code drawn as vector squares (sharp at any zoom, no image codec). */
  qr(page: PDFPage, text: string, x: number, y: number, size: number) {
    const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
    const n = qr.modules.size;
    const cell = size / (n + 8);
    page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++) {
        if (qr.modules.get(row, col))
          page.drawRectangle({ x: x + (col + 4) * cell, y: y + size - (row + 5) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
      }
    }
  }

  /** Code points that no face could draw (also listed on the last page at save). */
  get missingCodePoints() {
    return [...this.missing];
  }

  /** Embeds one subset per face used, draws every line, and returns the PDF bytes. */
  async save(options: { useObjectStreams?: boolean; sign?: SignOptions } = {}): Promise<Uint8Array> {
    if (this.missing.size > 0 && this.lastPage) {
      const list = [...this.missing].map((cp) => `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`).join(" ");
      logger().warn({ codePoints: list, title: this.doc.getTitle() }, "pdf: characters no font can draw");
      await this.text(this.lastPage, `Characters that could not be drawn (shown as \ufffd) · 无法显示的字符: ${list}`, 20, 12, {
        size: 7,
        color: rgb(0.7, 0, 0),
      });
    }
    const used = new Map<string, { face: FaceName; bold: boolean; chars: Set<string> }>();
    for (const p of this.placed) {
      for (const r of p.runs) {
        const key = faceFile(r.face, r.bold);
        let u = used.get(key);
        if (!u) used.set(key, (u = { face: r.face, bold: r.bold, chars: new Set() }));
        for (const ch of r.text) u.chars.add(ch);
      }
    }
    const faces = new Map<string, EmbeddedFace>();
    for (const [key, u] of used) {
      const face = await loadFace(u.face, u.bold);
      faces.set(key, new EmbeddedFace(this.doc, await subsetOf(face, [...u.chars].join("")), key));
    }
    for (const p of this.placed) {
      let x = p.x;
      for (const r of p.runs) {
        if (r.text.trim()) faces.get(faceFile(r.face, r.bold))!.draw(p.page, r.text, x, p.y, p.size, p.color, isShaped(r.face));
        x += r.width;
      }
    }
    for (const face of faces.values()) face.embed();
    if (options.sign) return saveSigned(this.doc, options.sign);
    return this.doc.save({ useObjectStreams: options.useObjectStreams ?? false });
  }
}

/** Break opportunities: words with their trailing spaces, single CJK characters, Thai/Lao words. */
function breakTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const { segment } of words.segment(text)) {
    if (CJK.test(segment)) {
      for (const ch of segment) {
        if (CLOSING.test(ch) && tokens.length) tokens[tokens.length - 1] += ch;
        else tokens.push(ch);
      }
    } else if (/^\s+$/u.test(segment) && tokens.length) {
      tokens[tokens.length - 1] += segment;
    } else if (CLOSING.test(segment) && tokens.length && !/\s$/u.test(tokens[tokens.length - 1])) {
      tokens[tokens.length - 1] += segment;
    } else if (
      tokens.length &&
      !/[\s\u0e00-\u0eff]$/u.test(tokens[tokens.length - 1]) &&
      !CJK.test(tokens[tokens.length - 1]) &&
      !/^[\u0e00-\u0eff]/u.test(segment)
    ) {
      // ICU splits "U+0041", "e-mail", "a.b" into several words; only spaces (and CJK, Thai, Lao) break.
      tokens[tokens.length - 1] += segment;
    } else tokens.push(segment);
  }
  return tokens;
}

/**
 * Visual order of a line's runs with a left-to-right base direction: each stretch of right-to-left
 * runs (with the neutral runs inside it) is reversed; fontkit reverses the glyphs inside each RTL run.
 */
function visualOrder(runs: Run[]): Run[] {
  if (!runs.some((r) => isRtl(r.face))) return runs;
  const out: Run[] = [];
  let i = 0;
  while (i < runs.length) {
    if (!isRtl(runs[i].face)) {
      out.push(runs[i++]);
      continue;
    }
    let j = i;
    let end = i;
    while (j < runs.length && (isRtl(runs[j].face) || NEUTRAL_RUN(runs[j]))) {
      if (isRtl(runs[j].face)) end = j;
      j++;
    }
    out.push(...runs.slice(i, end + 1).reverse());
    i = end + 1;
  }
  return out;
}

const NEUTRAL_RUN = (r: Run) => /^[\s\p{P}\p{S}\p{N}]*$/u.test(r.text);
