// Text diffs are bounded (issue 10 §1): the clause diff built an n×m table, so 10,000 Chinese
// characters took 1.5 s and ~200 MB and the 20,000-character clause limit allowed ~1.6 GB per request.
import { describe, expect, it } from "vitest";
import { diffText, diffWords, type DiffOp } from "~/domain/accords/diff";

/** A deterministic text of `n` distinct-looking Chinese characters. */
function chinese(n: number, seed: number) {
  let s = "";
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += String.fromCharCode(0x4e00 + (x % 2000));
  }
  return s;
}

const side = (ops: DiffOp[], keep: "add" | "del") =>
  ops
    .filter((o) => o.op === "same" || o.op === keep)
    .map((o) => o.text)
    .join("");

describe("bounded text diff", () => {
  it("diffs two unrelated 20,000-character Chinese clauses in well under a second and little memory, as changed as a whole", () => {
    const a = chinese(20_000, 1);
    const b = chinese(20_000, 2);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const ops = diffText(a, b);
    const ms = performance.now() - started;
    const grewMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    console.info(`20,000 vs 20,000 unrelated characters: ${ms.toFixed(0)} ms, heap +${grewMb.toFixed(0)} MB`);
    expect(ms).toBeLessThan(1000);
    expect(grewMb).toBeLessThan(150);
    expect(side(ops, "del")).toBe(a);
    expect(side(ops, "add")).toBe(b);
  });

  it("finds the few edits in a 20,000-character clause exactly, character by character", () => {
    const a = chinese(20_000, 3);
    const b = a.slice(0, 5000) + "深化" + a.slice(5000, 15_000) + a.slice(15_010);
    const started = performance.now();
    const ops = diffWords(a, b);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(ops.filter((o) => o.op === "add")).toEqual([{ op: "add", text: "深化" }]);
    expect(ops.filter((o) => o.op === "del")).toEqual([{ op: "del", text: a.slice(15_000, 15_010) }]);
    expect(side(ops, "del")).toBe(a);
    expect(side(ops, "add")).toBe(b);
  });

  it("compares Latin text by words", () => {
    expect(diffText("the parties agree", "the three parties agree")).toEqual([
      { op: "same", text: "the " },
      { op: "add", text: "three " },
      { op: "same", text: "parties agree" },
    ]);
  });
});
