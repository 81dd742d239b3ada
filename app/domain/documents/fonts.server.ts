import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import fontverter from "fontverter";
import type { Font } from "pdf-lib/cjs/types/fontkit";
import subsetFont from "subset-font";
import { env } from "~/utils/env.server";
// @pdf-lib/fontkit's Indic and Universal shapers (Devanagari, Lao, Thai...) were compiled with
// regenerator and expect its runtime as a global (pdf-lib issues 785, 1419): provide it.
import "regenerator-runtime/runtime.js";

/**
 * The faces Concord's PDFs draw with and the fallback chain that picks one per character
 * (decision 056). The files are WOFF2 in app/assets/fonts (built by scripts/build-fonts.js from
 * Noto, SIL Open Font License, see OFL.txt there); each is decompressed once per process, and every PDF
 * embeds a harfbuzz (hb-subset) subset holding only the glyphs it draws.
 *
 * The chain: a character goes to the first script face whose Unicode blocks contain it and whose
 * font maps it; anything else to Noto Sans (Latin with diacritics, Greek, Cyrillic, Vietnamese) when
 * it maps it. Japanese kana and kanji are drawn with the SC face (Chinese glyph shapes); Korean has its
 * own face, in one weight. A character no face maps is "missing": the writer draws a replacement
 * mark, names the code point on the page and logs it.
 *
 * Widths for line breaking come from the shaper for the complex scripts and from per-character
 * advances for Latin and CJK (fontkit's layout costs milliseconds per call; kerning only moves a line
 * end by a fraction of a point).
 */
export type FaceName = "latin" | "arabic" | "hebrew" | "devanagari" | "thai" | "lao" | "sc" | "kr";

type FaceSpec = { name: FaceName; regular: string; bold?: string; ranges: [number, number][]; rtl?: boolean; shaped?: boolean };

const FACES: FaceSpec[] = [
  {
    name: "arabic",
    regular: "NotoSansArabic-Regular",
    bold: "NotoSansArabic-Bold",
    rtl: true,
    shaped: true,
    ranges: [
      [0x0600, 0x06ff],
      [0x0750, 0x077f],
      [0x08a0, 0x08ff],
      [0xfb50, 0xfdff],
      [0xfe70, 0xfeff],
    ],
  },
  {
    name: "hebrew",
    regular: "NotoSansHebrew-Regular",
    bold: "NotoSansHebrew-Bold",
    rtl: true,
    shaped: true,
    ranges: [
      [0x0590, 0x05ff],
      [0xfb1d, 0xfb4f],
    ],
  },
  {
    name: "devanagari",
    regular: "NotoSansDevanagari-Regular",
    bold: "NotoSansDevanagari-Bold",
    shaped: true,
    ranges: [
      [0x0900, 0x097f],
      [0xa8e0, 0xa8ff],
      [0x1cd0, 0x1cff],
    ],
  },
  { name: "thai", regular: "NotoSansThai-Regular", bold: "NotoSansThai-Bold", shaped: true, ranges: [[0x0e00, 0x0e7f]] },
  { name: "lao", regular: "NotoSansLao-Regular", bold: "NotoSansLao-Bold", shaped: true, ranges: [[0x0e80, 0x0eff]] },
  {
    name: "kr",
    regular: "NotoSansKR-Regular",
    ranges: [
      [0x1100, 0x11ff],
      [0x3130, 0x318f],
      [0xa960, 0xa97f],
      [0xac00, 0xd7ff],
    ],
  },
  {
    name: "sc",
    regular: "NotoSansSC-Regular",
    bold: "NotoSansSC-Bold",
    ranges: [
      [0x2e80, 0x2fdf],
      [0x3000, 0x303f],
      [0x3040, 0x30ff],
      [0x3100, 0x312f],
      [0x31f0, 0x33ff],
      [0x3400, 0x4dbf],
      [0x4e00, 0x9fff],
      [0xf900, 0xfaff],
      [0xfe30, 0xfe4f],
      [0xff00, 0xffef],
    ],
  },
  { name: "latin", regular: "NotoSans-Regular", bold: "NotoSans-Bold", ranges: [] },
];

const BY_NAME = new Map(FACES.map((f) => [f.name, f]));

export const FONT_DIR = path.resolve("app", "assets", "fonts");

/** One weight of one face: its TrueType bytes and the parsed font (for coverage and advances). */
export type LoadedFace = { file: string; bytes: Uint8Array; font: Font; advances: Map<number, number> };

const loaded = new Map<string, Promise<LoadedFace>>();

function load(file: string): Promise<LoadedFace> {
  let face = loaded.get(file);
  if (!face) {
    face = (async () => {
      const bytes = await trueType(file);
      return { file, bytes, font: fontkit.create(bytes), advances: new Map() };
    })();
    loaded.set(file, face);
    face.catch(() => loaded.delete(file));
  }
  return face;
}

export function faceFile(name: FaceName, bold: boolean) {
  const spec = BY_NAME.get(name)!;
  return bold && spec.bold ? spec.bold : spec.regular;
}

export const isRtl = (name: FaceName) => BY_NAME.get(name)?.rtl === true;
export const isShaped = (name: FaceName) => BY_NAME.get(name)?.shaped === true;

/**
 * The TrueType bytes of a face: decompressed from its WOFF2 once (about a second for the CJK face) and
 * kept in CONCORD_DATA_DIR/fonts/ keyed by the WOFF2's hash, so later processes read them directly.
 */
async function trueType(file: string): Promise<Uint8Array> {
  const woff2 = await fs.promises.readFile(path.join(FONT_DIR, `${file}.woff2`));
  const key = crypto.createHash("sha256").update(woff2).digest("hex").slice(0, 16);
  const cached = path.join(env().CONCORD_DATA_DIR, "fonts", `${file}-${key}.ttf`);
  try {
    return new Uint8Array(await fs.promises.readFile(cached));
  } catch {
    const bytes = new Uint8Array(await fontverter.convert(woff2, "truetype"));
    try {
      await fs.promises.mkdir(path.dirname(cached), { recursive: true });
      const temp = `${cached}.${process.pid}.tmp`;
      await fs.promises.writeFile(temp, bytes);
      await fs.promises.rename(temp, cached);
    } catch {
      // A read-only data folder only costs the decompression again next time.
    }
    return bytes;
  }
}

export async function loadFace(name: FaceName, bold: boolean) {
  return load(faceFile(name, bold));
}

/**
 * The face for a code point, or null when no face maps it. Only the faces whose blocks contain the
 * character are loaded (the CJK face costs about a second to decompress, once per process).
 */
const chosen = new Map<number, FaceName | null>();
export async function faceFor(cp: number): Promise<FaceName | null> {
  let face = chosen.get(cp);
  if (face === undefined) chosen.set(cp, (face = await chooseFace(cp)));
  return face;
}

async function chooseFace(cp: number): Promise<FaceName | null> {
  for (const spec of FACES) {
    if (spec.ranges.some(([a, b]) => cp >= a && cp <= b) && (await load(spec.regular)).font.hasGlyphForCodePoint(cp)) return spec.name;
  }
  if ((await load("NotoSans-Regular")).font.hasGlyphForCodePoint(cp)) return "latin";
  // Outside its blocks a script face may still map it (a CJK face's full-width digits, say).
  for (const spec of FACES) if (spec.name !== "latin" && (await load(spec.regular)).font.hasGlyphForCodePoint(cp)) return spec.name;
  return null;
}

/** Whether a face maps a code point (used to keep spaces and punctuation in the run they sit in). */
export async function faceHas(name: FaceName, cp: number) {
  return (await load(BY_NAME.get(name)!.regular)).font.hasGlyphForCodePoint(cp);
}

/** Advance width in font units per 1 pt of size, for unshaped text (per character, cached). */
export function advanceOf(face: LoadedFace, text: string) {
  let total = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    let w = face.advances.get(cp);
    if (w === undefined) face.advances.set(cp, (w = face.font.glyphForCodePoint(cp).advanceWidth));
    total += w;
  }
  return total / face.font.unitsPerEm;
}

/** Advance width per 1 pt of size of a shaped run (joining, conjuncts, kerning), as drawn. */
export function shapedAdvanceOf(face: LoadedFace, text: string) {
  const run = face.font.layout(text);
  return run.positions.reduce((sum, p) => sum + p.xAdvance, 0) / face.font.unitsPerEm;
}

/** A valid TrueType subset of one face holding the glyphs `text` needs, with its layout closure. */
export async function subsetOf(face: LoadedFace, text: string): Promise<Uint8Array> {
  return new Uint8Array(await subsetFont(Buffer.from(face.bytes), text, { targetFormat: "truetype" }));
}
