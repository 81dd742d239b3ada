// The programme's rows travel to the browser as one string (packRows); whatever a title or a speaker's name
// holds comes back unchanged.
import { describe, expect, it } from "vitest";
import { type ListRow, packRows, unpackRows } from "~/domain/programme/packed-rows";

const room = { id: "r1", name: "Hall | A" };
const track = { id: "t1", name: "Quality", colour: "#1e3a8a" };
const row = (over: Partial<ListRow>): ListRow => ({
  id: "0f8fad5b-d9cb-469f-a165-70867728950e",
  title: "Opening",
  kind: "PLENARY",
  day: "2025-09-27",
  start: "09:00",
  end: "10:00",
  endsNextDay: false,
  room,
  track,
  who: "Wang Lei",
  ...over,
});

describe("packed programme rows", () => {
  it("come back as they were, whatever the text holds", () => {
    const rows = [
      row({}),
      row({ id: "a", title: "Pipes | and \\ backslashes \\| together", who: "A|B, C\\D" }),
      row({ id: "b", title: "工程教育认证：互认与合作", who: "王磊, Amina Otieno", room: null, track: null, endsNextDay: true }),
      row({ id: "c", title: "Ends in a backslash \\", date: "26 Sept", who: "" }),
      row({ id: "d", title: "", who: "|" }),
      row({ id: "e", title: "Line\nbreak", who: "\\" }),
    ];
    const packed = packRows(rows);
    expect(typeof packed.rows).toBe("string");
    expect(packed.rooms).toEqual([room]);
    expect(packed.tracks).toEqual([track]);
    expect(unpackRows(JSON.parse(JSON.stringify(packed)))).toEqual(rows);
  });

  it("an empty list is an empty string", () => {
    expect(packRows([]).rows).toBe("");
    expect(unpackRows(packRows([]))).toEqual([]);
  });
});
