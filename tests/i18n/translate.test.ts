import { describe, expect, it } from "vitest";
import { translator } from "~/i18n/dictionaries.server";

describe("translate", () => {
  it("chooses the plural form by the language's rules", () => {
    const en = translator("en");
    expect(en("reg.tickets.available", { count: 1 })).toBe("1 place left");
    expect(en("reg.tickets.available", { count: 3 })).toBe("3 places left");
    expect(en("reg.tickets.available", { count: 0 })).toBe("0 places left");
    expect(en("programme.room.seats", { n: 1 })).toBe("1 seat");
    expect(en("reg.import.done", { recorded: 1, already: 0, unmatched: 2 })).toBe(
      "1 payment recorded, 0 already imported, 2 lines not recorded.",
    );
  });

  it("fills variables and keeps unknown ones visible", () => {
    const en = translator("en");
    expect(en("accords.draft.saved", { n: 4 })).toBe("Version 4 was saved.");
    expect(en("accords.draft.saved", {})).toBe("Version {n} was saved.");
  });

  it("translates into Chinese with the same variables", () => {
    const zh = translator("zh");
    expect(zh("reg.tickets.available", { count: 1 })).toContain("1");
    expect(zh("reg.tickets.available", { count: 1 })).not.toMatch(/[a-z]/);
  });
});
