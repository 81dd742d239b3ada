// Differences between two versions of an accord's text, clause by clause
// matched by identity (the clause key), not by number: a clause can be
// inserted, deleted, moved and changed, and deleting one clause leaves every
// later one "the same" rather than shifting all texts by one. Inside a changed
// clause the word-level diff of ./diff is used (CJK by character). Pure.
import { diffWords, type DiffOp } from "./diff";

export type ClauseVersion = { key: string; number: number; text: Record<string, string> };

export type LanguageChange = { language: string; ops: DiffOp[]; changed: boolean };

export type ClauseChange = {
  key: string;
  status: "same" | "inserted" | "deleted" | "changed";
  /** Its place among the clauses both versions have changed (not merely its number). */
  moved: boolean;
  fromNumber: number | null;
  toNumber: number | null;
  languages: LanguageChange[];
};

/** Keys of the longest common subsequence of two key lists: the clauses that kept their relative order. */
function stableKeys(a: string[], b: string[]): Set<string> {
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  const keep = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      keep.add(a[i]);
      i++;
      j++;
    } else if (table[i + 1][j] > table[i][j + 1]) i++;
    // On a tie the clause of the new order is the one that moved: moving the last clause up reports that clause.
    else j++;
  }
  return keep;
}

/**
 * Every clause of either version, in the order of `to` with deleted clauses
 * after the clause that preceded them in `from`. `words: false` skips the
 * word-level diff (for summaries: a language is changed when its text differs).
 */
export function diffVersions(
  from: ClauseVersion[],
  to: ClauseVersion[],
  languages: string[],
  options: { words?: boolean } = {},
): ClauseChange[] {
  const words = options.words ?? true;
  const a = [...from].sort((x, y) => x.number - y.number);
  const b = [...to].sort((x, y) => x.number - y.number);
  const before = new Map(a.map((c) => [c.key, c]));
  const after = new Set(b.map((c) => c.key));
  const common = (list: ClauseVersion[], other: { has(k: string): boolean }) => list.map((c) => c.key).filter((k) => other.has(k));
  const stable = stableKeys(common(a, after), common(b, before));

  const languageChanges = (x: Record<string, string>, y: Record<string, string>): LanguageChange[] =>
    languages.map((language) => {
      const s = x[language] ?? "";
      const t = y[language] ?? "";
      if (s === t) return { language, ops: s ? [{ op: "same", text: s }] : [], changed: false };
      if (!words) return { language, ops: [], changed: true };
      return { language, ops: diffWords(s, t), changed: true };
    });

  // Deleted clauses, grouped under the clause just before them in `from` ("" = at the start).
  const deletedAfter = new Map<string, ClauseVersion[]>();
  let previous = "";
  for (const c of a) {
    if (!after.has(c.key)) deletedAfter.set(previous, [...(deletedAfter.get(previous) ?? []), c]);
    previous = c.key;
  }
  const out: ClauseChange[] = [];
  const emitDeleted = (key: string) => {
    for (const d of deletedAfter.get(key) ?? []) {
      out.push({
        key: d.key,
        status: "deleted",
        moved: false,
        fromNumber: d.number,
        toNumber: null,
        languages: languageChanges(d.text, {}),
      });
      emitDeleted(d.key);
    }
  };
  emitDeleted("");
  for (const c of b) {
    const old = before.get(c.key);
    if (!old) {
      out.push({
        key: c.key,
        status: "inserted",
        moved: false,
        fromNumber: null,
        toNumber: c.number,
        languages: languageChanges({}, c.text),
      });
    } else {
      const languageDiffs = languageChanges(old.text, c.text);
      out.push({
        key: c.key,
        status: languageDiffs.some((l) => l.changed) ? "changed" : "same",
        moved: !stable.has(c.key),
        fromNumber: old.number,
        toNumber: c.number,
        languages: languageDiffs,
      });
      emitDeleted(c.key);
    }
  }
  return out;
}

export type ChangeSummary =
  | { kind: "inserted"; n: number }
  | { kind: "deleted"; n: number }
  | { kind: "moved"; from: number; to: number }
  | { kind: "changed"; n: number; languages: string[] };

/** What one version changed, as a list for the version history. */
export function summarizeChanges(from: ClauseVersion[], to: ClauseVersion[], languages: string[]): ChangeSummary[] {
  const out: ChangeSummary[] = [];
  for (const c of diffVersions(from, to, languages, { words: false })) {
    if (c.status === "inserted") out.push({ kind: "inserted", n: c.toNumber! });
    else if (c.status === "deleted") out.push({ kind: "deleted", n: c.fromNumber! });
    else {
      if (c.moved) out.push({ kind: "moved", from: c.fromNumber!, to: c.toNumber! });
      if (c.status === "changed")
        out.push({ kind: "changed", n: c.toNumber!, languages: c.languages.filter((l) => l.changed).map((l) => l.language) });
    }
  }
  return out;
}
