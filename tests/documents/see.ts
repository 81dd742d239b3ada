import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * What a person sees in a PDF: every page rendered by poppler (`pdftoppm -r 100 -png`) and read back
 * by tesseract. The PNGs are kept in DOCUMENT_PNG_DIR (default: the OS temp folder, concord-documents/)
 * so a developer can look at them.
 */
export const PNG_DIR = process.env.DOCUMENT_PNG_DIR ?? path.join(os.tmpdir(), "concord-documents");

export function renderPages(pdf: Uint8Array, name: string): string[] {
  fs.mkdirSync(PNG_DIR, { recursive: true });
  for (const f of fs.readdirSync(PNG_DIR)) if (f.startsWith(`${name}-`)) fs.rmSync(path.join(PNG_DIR, f));
  const file = path.join(PNG_DIR, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync("pdftoppm", ["-r", "100", "-png", file, path.join(PNG_DIR, name)]);
  return fs
    .readdirSync(PNG_DIR)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith(".png"))
    .sort()
    .map((f) => path.join(PNG_DIR, f));
}

/** OCR of one page image with the given tesseract languages (e.g. "eng+chi_sim"). */
export function ocr(png: string, languages: string): string {
  return execFileSync("tesseract", [png, "-", "-l", languages, "--psm", "3"], { stdio: ["ignore", "pipe", "ignore"] }).toString();
}

/** Comparable text: no whitespace (CJK OCR puts spaces between characters), case folded. */
export const squash = (s: string) => s.normalize("NFC").replace(/\s+/g, "").toLowerCase();

/** The page text read in each language set, joined; every `expected` string must appear in it. */
export function readPages(pngs: string[], languageSets: string[]) {
  return pngs.map((png) => languageSets.map((l) => ocr(png, l)).join("\n"));
}

/**
 * Whether `needle` occurs in `haystack` with at most `maxErrors` edits (approximate substring match,
 * Sellers' algorithm): OCR misreads a few similar glyphs (Lao ຫ/ທ, "8J2" as "82") on a correct page,
 * while a page with missing glyphs loses whole words.
 */
export function fuzzyContains(haystack: string, needle: string, maxErrors: number) {
  const n = [...needle];
  let prev = Array.from({ length: n.length + 1 }, (_, i) => i);
  for (const ch of haystack) {
    const cur = [0];
    for (let j = 1; j <= n.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (n[j - 1] === ch ? 0 : 1));
    if (cur[n.length] <= maxErrors) return true;
    prev = cur;
  }
  return false;
}
