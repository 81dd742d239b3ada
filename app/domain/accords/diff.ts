// Word-level differences between two versions, clause by clause and language
// by language. Latin text is compared by words, Chinese by characters (it has
// no spaces between words). Pure: used by the diff page and its tests.
import type { ClauseSet } from "./canonical";

export type DiffOp = { op: "same" | "add" | "del"; text: string };
export type ClauseDiff = { number: number; language: string; ops: DiffOp[]; changed: boolean };

const TOKEN = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+|\s+/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Longest-common-subsequence diff of two token lists, merged into runs. */
export function diffWords(a: string, b: string): DiffOp[] {
  const x = tokenize(a);
  const y = tokenize(b);
  // Common prefix and suffix first: typical edits touch a few words of a long clause.
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--;
    endY--;
  }
  const xs = x.slice(start, endX);
  const ys = y.slice(start, endY);
  const n = xs.length;
  const m = ys.length;
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] = xs[i] === ys[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const ops: DiffOp[] = [];
  const push = (op: DiffOp["op"], text: string) => {
    const last = ops.at(-1);
    if (last && last.op === op) last.text += text;
    else ops.push({ op, text });
  };
  if (start > 0) push("same", x.slice(0, start).join(""));
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (xs[i] === ys[j]) {
      push("same", xs[i]);
      i++;
      j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) push("del", xs[i++]);
    else push("add", ys[j++]);
  }
  while (i < n) push("del", xs[i++]);
  while (j < m) push("add", ys[j++]);
  if (endX < x.length) push("same", x.slice(endX).join(""));
  return ops;
}

/** Per clause (by number) and language: what changed from one version to another. */
export function diffClauses(from: ClauseSet, to: ClauseSet, languages: string[]): ClauseDiff[] {
  const numbers = [...new Set([...from.map((c) => c.number), ...to.map((c) => c.number)])].sort((a, b) => a - b);
  const out: ClauseDiff[] = [];
  for (const number of numbers) {
    const a = from.find((c) => c.number === number)?.text ?? {};
    const b = to.find((c) => c.number === number)?.text ?? {};
    for (const language of languages) {
      const ops = diffWords(a[language] ?? "", b[language] ?? "");
      out.push({ number, language, ops, changed: ops.some((o) => o.op !== "same") });
    }
  }
  return out;
}
