import { describe, expect, it } from "vitest";
import {
  localDay,
  localDayBounds,
  localTime,
  offsetLabel,
  offsetMs,
  parseLocal,
  resolveLocal,
  toLocalInput,
  wallClock,
  zonedToUtc,
} from "~/utils/zoned-time";

const MADRID = "Europe/Madrid";

describe("zoned time (Intl only)", () => {
  it("converts a plain Beijing time both ways", () => {
    const t = zonedToUtc("2025-09-27T09:00", "Asia/Shanghai")!;
    expect(t.toISOString()).toBe("2025-09-27T01:00:00.000Z");
    expect(toLocalInput(t, "Asia/Shanghai")).toBe("2025-09-27T09:00");
    expect(offsetLabel(t, "Asia/Shanghai")).toBe("GMT+8");
  });

  it("Europe/Madrid on the last Sunday of October: 02:30 happens twice", () => {
    const r = resolveLocal(parseLocal("2025-10-26T02:30")!, MADRID);
    expect(r.kind).toBe("ambiguous");
    if (r.kind !== "ambiguous") return;
    expect(r.instant.toISOString()).toBe("2025-10-26T00:30:00.000Z"); // CEST, UTC+2
    expect(r.later.toISOString()).toBe("2025-10-26T01:30:00.000Z"); // CET, UTC+1
    expect(zonedToUtc("2025-10-26T02:30", MADRID, { prefer: "later" })!.toISOString()).toBe("2025-10-26T01:30:00.000Z");
    // Both instants read back as 02:30 on the wall clock.
    expect(localTime(r.instant, MADRID)).toBe("02:30");
    expect(localTime(r.later, MADRID)).toBe("02:30");
  });

  it("a session across the October change lasts one hour more than the wall clock says", () => {
    const start = zonedToUtc("2025-10-26T01:00", MADRID)!;
    const end = zonedToUtc("2025-10-26T04:00", MADRID)!;
    expect((end.getTime() - start.getTime()) / 3600_000).toBe(4);
    expect(offsetLabel(start, MADRID)).toBe("GMT+2");
    expect(offsetLabel(end, MADRID)).toBe("GMT+1");
    // The Sunday is 25 hours long.
    const { start: s, end: e } = localDayBounds("2025-10-26", MADRID);
    expect((e.getTime() - s.getTime()) / 3600_000).toBe(25);
    // Days before and after are normal.
    const sat = localDayBounds("2025-10-25", MADRID);
    expect((sat.end.getTime() - sat.start.getTime()) / 3600_000).toBe(24);
  });

  it("a time skipped in March is a gap, moved forward, or refused on request", () => {
    const r = resolveLocal(parseLocal("2025-03-30T02:30")!, MADRID);
    expect(r.kind).toBe("gap");
    expect(r.instant.toISOString()).toBe("2025-03-30T01:30:00.000Z");
    expect(localTime(r.instant, MADRID)).toBe("03:30");
    expect(zonedToUtc("2025-03-30T02:30", MADRID, { rejectGap: true })).toBeNull();
    const day = localDayBounds("2025-03-30", MADRID);
    expect((day.end.getTime() - day.start.getTime()) / 3600_000).toBe(23);
  });

  it("a session crossing midnight belongs to the day it starts and ends the next local day", () => {
    const start = zonedToUtc("2025-09-27T23:30", "Asia/Shanghai")!;
    const end = zonedToUtc("2025-09-28T00:30", "Asia/Shanghai")!;
    expect(start.toISOString()).toBe("2025-09-27T15:30:00.000Z");
    expect(localDay(start, "Asia/Shanghai")).toBe("2025-09-27");
    expect(localDay(end, "Asia/Shanghai")).toBe("2025-09-28");
    expect(end.getTime() - start.getTime()).toBe(3600_000);
  });

  it("handles zones with half-hour offsets and zones west of UTC", () => {
    expect(zonedToUtc("2025-09-27T09:00", "Asia/Kolkata")!.toISOString()).toBe("2025-09-27T03:30:00.000Z");
    expect(offsetLabel(new Date("2025-09-27T03:30:00Z"), "Asia/Kolkata")).toBe("GMT+5:30");
    expect(zonedToUtc("2025-09-27T09:00", "America/Lima")!.toISOString()).toBe("2025-09-27T14:00:00.000Z");
    expect(offsetMs(new Date("2025-09-27T14:00:00Z"), "America/Lima")).toBe(-5 * 3600_000);
  });

  it("refuses malformed and impossible local times", () => {
    for (const bad of ["", "2025-02-30T10:00", "2025-09-27T24:00", "2025-09-27", "27/09/2025 10:00", "2025-09-27T10:60"]) {
      expect(zonedToUtc(bad, "Asia/Shanghai"), bad).toBeNull();
    }
  });
});

describe("cached offsets agree with Intl", () => {
  it("for every quarter hour around DST changes and at odd minutes, in several zones", () => {
    const zones = ["Europe/Madrid", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kathmandu", "Asia/Shanghai"];
    const fmt = (zone: string) =>
      new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
      });
    for (const zone of zones) {
      const f = fmt(zone);
      // Two windows a year, across both DST changes of 2025, every 7 minutes.
      for (const start of [Date.UTC(2025, 2, 25), Date.UTC(2025, 9, 20), Date.UTC(2025, 3, 1)]) {
        for (let t = start; t < start + 14 * 24 * 3600_000; t += 7 * 60_000) {
          const parts = Object.fromEntries(f.formatToParts(t).map((p) => [p.type, p.value]));
          const w = wallClock(t, zone);
          expect([w.year, w.month, w.day, w.hour, w.minute]).toEqual([+parts.year, +parts.month, +parts.day, +parts.hour, +parts.minute]);
        }
      }
    }
  });
});
