import fontkit from "@pdf-lib/fontkit";
import {
  beginText,
  endText,
  PDFHexString,
  type PDFName,
  PDFString,
  setFillingRgbColor,
  setFontAndSize,
  setTextMatrix,
  showText,
  type PDFDocument,
  type PDFPage,
  type PDFRef,
  type RGB,
} from "pdf-lib";
import type { Font } from "pdf-lib/cjs/types/fontkit";

/**
 * Embeds one (already subset) TrueType font as a CIDFontType2 with Identity encoding and draws shaped
 * glyph runs with it (decision 056).
 *
 * pdf-lib's own `embedFont(bytes, { subset: false })` writes widths only for glyphs the cmap reaches,
 * so the contextual glyphs of Arabic, the half forms of Devanagari and the marks of Lao/Thai get the
 * default width of 1000 and are drawn far apart; and it drops the GPOS offsets that put marks in place.
 * Here every glyph of the subset has its width, each glyph is placed where the shaper (fontkit's
 * OpenType layout) put it, and ToUnicode maps every drawn glyph back to the characters it came from,
 * so copying and text extraction give the original text.
 */
export class EmbeddedFace {
  readonly font: Font;
  private readonly ref: PDFRef;
  private readonly unicode = new Map<number, string>();
  private readonly names = new WeakMap<PDFPage, PDFName>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly bytes: Uint8Array,
    private readonly name: string,
  ) {
    this.font = fontkit.create(bytes);
    this.ref = doc.context.nextRef();
  }

  /**
   * Draws `text` from (x, y) at `size`; returns the advance. `shape`: run the OpenType shaper
   * (complex scripts); otherwise one glyph per character from the cmap, at its advance.
   */
  draw(page: PDFPage, text: string, x: number, y: number, size: number, color: RGB, shape: boolean) {
    const run = shape ? this.font.layout(text) : this.unshaped(text);
    const k = size / this.font.unitsPerEm;
    let name = this.names.get(page);
    if (!name) this.names.set(page, (name = page.node.newFontDictionary(this.name, this.ref)));
    const ops = [beginText(), setFillingRgbColor(color.red, color.green, color.blue), setFontAndSize(name, size)];
    let pen = x;
    run.glyphs.forEach((g, i) => {
      const p = run.positions[i];
      if (!this.unicode.has(g.id)) this.unicode.set(g.id, String.fromCodePoint(...g.codePoints));
      ops.push(setTextMatrix(1, 0, 0, 1, pen + p.xOffset * k, y + p.yOffset * k), showText(PDFHexString.of(hex(g.id))));
      pen += p.xAdvance * k;
    });
    ops.push(endText());
    page.pushOperators(...ops);
    return pen - x;
  }

  private unshaped(text: string) {
    const glyphs = [...text].map((ch) => this.font.glyphForCodePoint(ch.codePointAt(0)!));
    return { glyphs, positions: glyphs.map((g) => ({ xAdvance: g.advanceWidth, xOffset: 0, yOffset: 0 })) };
  }

  /** Writes the font objects (call once, after the last draw). */
  embed() {
    const { context } = this.doc;
    const f = this.font;
    const scale = 1000 / f.unitsPerEm;
    const fontFile = context.register(context.flateStream(this.bytes, { Length1: this.bytes.length }));
    const baseFont = `${tag(this.name)}+${(f.postscriptName ?? this.name).replace(/[^A-Za-z0-9-]/g, "")}`;
    const descriptor = context.register(
      context.obj({
        Type: "FontDescriptor",
        FontName: baseFont,
        Flags: 4,
        FontBBox: [f.bbox.minX * scale, f.bbox.minY * scale, f.bbox.maxX * scale, f.bbox.maxY * scale],
        ItalicAngle: f.italicAngle,
        Ascent: f.ascent * scale,
        Descent: f.descent * scale,
        CapHeight: (f.capHeight || f.ascent) * scale,
        StemV: 80,
        FontFile2: fontFile,
      }),
    );
    const widths: number[] = [];
    for (let gid = 0; gid < f.numGlyphs; gid++) widths.push(Math.round(f.getGlyph(gid).advanceWidth * scale));
    const cidFont = context.register(
      context.obj({
        Type: "Font",
        Subtype: "CIDFontType2",
        BaseFont: baseFont,
        CIDSystemInfo: { Registry: PDFString.of("Adobe"), Ordering: PDFString.of("Identity"), Supplement: 0 },
        FontDescriptor: descriptor,
        W: [0, widths],
        CIDToGIDMap: "Identity",
      }),
    );
    const toUnicode = context.register(context.flateStream(unicodeCMap(this.unicode)));
    context.assign(
      this.ref,
      context.obj({
        Type: "Font",
        Subtype: "Type0",
        BaseFont: baseFont,
        Encoding: "Identity-H",
        DescendantFonts: [cidFont],
        ToUnicode: toUnicode,
      }),
    );
  }
}

const hex = (n: number) => n.toString(16).padStart(4, "0").toUpperCase();

/** A subset tag of six capitals derived from the name (PDF 9.6.4). */
function tag(name: string) {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  let out = "";
  for (let i = 0; i < 6; i++, h = Math.floor(h / 26)) out += String.fromCharCode(65 + (h % 26));
  return out;
}

function utf16hex(s: string) {
  let out = "";
  for (let i = 0; i < s.length; i++) out += hex(s.charCodeAt(i));
  return out;
}

function unicodeCMap(map: Map<number, string>) {
  const entries = [...map].filter(([, s]) => s.length > 0).sort((a, b) => a[0] - b[0]);
  const chunks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const part = entries.slice(i, i + 100);
    chunks.push(`${part.length} beginbfchar\n${part.map(([g, s]) => `<${hex(g)}> <${utf16hex(s)}>`).join("\n")}\nendbfchar`);
  }
  return [
    "/CIDInit /ProcSet findresource begin",
    "12 dict begin",
    "begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def",
    "/CMapType 2 def",
    "1 begincodespacerange",
    "<0000> <FFFF>",
    "endcodespacerange",
    ...chunks,
    "endcmap",
    "CMapName currentdict /CMapResource defineresource pop",
    "end",
    "end",
  ].join("\n");
}
