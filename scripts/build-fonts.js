// Builds the font files Concord's PDFs draw with (app/assets/fonts/*.woff2) from their sources.
// Run once when the set of scripts changes; the output is committed, the sources are not needed at run time.
//
//   node scripts/build-fonts.js NOTO_DIR SC_REGULAR.ttf SC_BOLD.ttf KR_REGULAR.ttf
//
// NOTO_DIR: Debian's fonts-noto-core (/usr/share/fonts/truetype/noto). The CJK faces come from Google
// Fonts' Noto Sans SC and KR (npm @expo-google-fonts/noto-sans-sc / -kr 0.4.3) and are cut to the CJK
// blocks (SC: ideographs, kana, CJK punctuation and full-width forms; KR: Hangul only), because the
// whole faces are 10 MB (SC) and 6 MB (KR) each. Every face is stored as WOFF2 (about 40 % of the
// TrueType size); the documents module decompresses each face once per process and subsets it per PDF.
// Decision 056 says why.
import fs from "node:fs";
import path from "node:path";
import subsetFont from "subset-font";

const [notoDir, scRegular, scBold, krRegular] = process.argv.slice(2);
if (!krRegular) {
  console.error("usage: node scripts/build-fonts.js NOTO_DIR SC_REGULAR.ttf SC_BOLD.ttf KR_REGULAR.ttf");
  process.exit(2);
}
const out = path.join(import.meta.dirname, "..", "app", "assets", "fonts");
fs.mkdirSync(out, { recursive: true });

const text = (ranges) => {
  let s = "";
  for (const [a, b] of ranges) for (let c = a; c <= b; c++) s += String.fromCodePoint(c);
  return s;
};
const CJK = text([
  [0x2e80, 0x2fdf], // radicals
  [0x3000, 0x303f], // CJK symbols and punctuation
  [0x3040, 0x30ff], // hiragana, katakana
  [0x3100, 0x312f], // bopomofo
  [0x31f0, 0x31ff],
  [0x3200, 0x33ff], // enclosed, compatibility
  [0x3400, 0x4dbf], // extension A
  [0x4e00, 0x9fff], // unified ideographs
  [0xf900, 0xfaff], // compatibility ideographs
  [0xfe30, 0xfe4f],
  [0xff00, 0xffef], // full-width forms
]);
const HANGUL = text([
  [0x1100, 0x11ff],
  [0x3130, 0x318f],
  [0xa960, 0xa97f],
  [0xac00, 0xd7af],
  [0xd7b0, 0xd7ff],
]);

const jobs = [];
for (const family of ["NotoSans", "NotoSansArabic", "NotoSansHebrew", "NotoSansDevanagari", "NotoSansThai", "NotoSansLao"]) {
  for (const weight of ["Regular", "Bold"]) jobs.push([`${family}-${weight}`, path.join(notoDir, `${family}-${weight}.ttf`), null]);
}
jobs.push(["NotoSansSC-Regular", scRegular, CJK], ["NotoSansSC-Bold", scBold, CJK], ["NotoSansKR-Regular", krRegular, HANGUL]);

for (const [name, source, subset] of jobs) {
  const bytes = fs.readFileSync(source);
  // subset-font needs a text; for a whole face, every code point the face maps.
  const woff2 = await subsetFont(bytes, subset ?? text([[0x20, 0x2ffff]]), { targetFormat: "woff2" });
  fs.writeFileSync(path.join(out, `${name}.woff2`), woff2);
  console.log(`${name}.woff2 ${woff2.length} bytes (source ${bytes.length})`);
}
