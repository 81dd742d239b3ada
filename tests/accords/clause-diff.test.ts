import { describe, expect, it } from "vitest";
import { diffVersions, summarizeChanges, type ClauseVersion } from "~/domain/accords/clause-diff";

const clause = (key: string, number: number, en: string, zh = ""): ClauseVersion => ({ key, number, text: { en, zh } });
const v1 = [
  clause("a", 1, "Purpose.", "宗旨。"),
  clause("b", 2, "Exchange of ten students.", "交换十名学生。"),
  clause("c", 3, "Credits.", "学分。"),
  clause("d", 4, "Meetings every 12 months.", "每12个月会晤。"),
];

describe("clause diff by identity", () => {
  it("deleting one clause leaves every later one unchanged (not shifted by one)", () => {
    const v2 = [
      clause("a", 1, "Purpose.", "宗旨。"),
      clause("c", 2, "Credits.", "学分。"),
      clause("d", 3, "Meetings every 12 months.", "每12个月会晤。"),
    ];
    const changes = diffVersions(v1, v2, ["en", "zh"]);
    expect(changes.map((c) => [c.key, c.status, c.moved])).toEqual([
      ["a", "same", false],
      ["b", "deleted", false],
      ["c", "same", false],
      ["d", "same", false],
    ]);
    expect(summarizeChanges(v1, v2, ["en", "zh"])).toEqual([{ kind: "deleted", n: 2 }]);
  });

  it("control: matching by number (what the old diff did) would report every later clause as changed", () => {
    const v2 = [clause("a", 1, "Purpose."), clause("c", 2, "Credits."), clause("d", 3, "Meetings every 12 months.")];
    const byNumber = v2.filter((c) => v1.find((o) => o.number === c.number)!.text.en !== c.text.en);
    expect(byNumber.length).toBe(2);
    expect(diffVersions(v1, v2, ["en"]).filter((c) => c.status === "changed")).toEqual([]);
  });

  it("reports moved, inserted and changed clauses with word-level and CJK character changes", () => {
    const v2 = [
      clause("d", 1, "Meetings every 18 months.", "每18个月会晤。"),
      clause("a", 2, "Purpose.", "宗旨。"),
      clause("n", 3, "New clause.", "新条款。"),
      clause("b", 4, "Exchange of ten students.", "交换十名学生。"),
      clause("c", 5, "Credits.", "学分。"),
    ];
    const changes = diffVersions(v1, v2, ["en", "zh"]);
    const d = changes.find((c) => c.key === "d")!;
    expect(d).toMatchObject({ status: "changed", moved: true, fromNumber: 4, toNumber: 1 });
    expect(d.languages[0].ops).toEqual([
      { op: "same", text: "Meetings every " },
      { op: "del", text: "12" },
      { op: "add", text: "18" },
      { op: "same", text: " months." },
    ]);
    expect(d.languages[1].ops.filter((o) => o.op !== "same")).toEqual([
      { op: "del", text: "12" },
      { op: "add", text: "18" },
    ]);
    expect(changes.filter((c) => c.moved).map((c) => c.key)).toEqual(["d"]);
    expect(changes.find((c) => c.key === "n")).toMatchObject({ status: "inserted", toNumber: 3 });
    expect(summarizeChanges(v1, v2, ["en", "zh"])).toEqual([
      { kind: "moved", from: 4, to: 1 },
      { kind: "changed", n: 1, languages: ["en", "zh"] },
      { kind: "inserted", n: 3 },
    ]);
  });

  it("moving the last clause up reports that clause as moved, not the one it passed", () => {
    const v2 = [
      clause("a", 1, "Purpose."),
      clause("b", 2, "Exchange of ten students."),
      clause("d", 3, "Meetings every 12 months."),
      clause("c", 4, "Credits."),
    ];
    expect(summarizeChanges(v1, v2, ["en"])).toEqual([{ kind: "moved", from: 4, to: 3 }]);
  });
});
