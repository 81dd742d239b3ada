import { afterEach, describe, expect, it } from "vitest";
import { formatCalendarDate, formatDateRange, formatDateTime, zoneOffset } from "~/utils/time";

// The helpers assemble their text themselves (Intl gives only the numbers), so
// the server's and the browser's ICU cannot make them differ: see app/utils/time.ts.
const at = (iso: string) => new Date(iso);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`); // a DATE column

describe("formatDateTime", () => {
  it("shows the venue's wall clock in both languages", () => {
    expect(formatDateTime(at("2025-09-27T01:00:00Z"), "Asia/Shanghai", "en")).toBe("27 Sep 2025, 09:00");
    expect(formatDateTime(at("2025-09-27T01:00:00Z"), "Asia/Shanghai", "zh")).toBe("2025年9月27日 09:00");
    expect(formatDateTime(at("2025-09-27T01:00:00Z"), "UTC", "en")).toBe("27 Sep 2025, 01:00");
  });

  it("midnight is 00:00 of the new day, never 24:00 of the old one", () => {
    expect(formatDateTime(at("2025-09-26T16:00:00Z"), "Asia/Shanghai", "en")).toBe("27 Sep 2025, 00:00");
    expect(formatDateTime(at("2025-09-26T16:00:00Z"), "Asia/Shanghai", "zh")).toBe("2025年9月27日 00:00");
    expect(formatDateTime(at("2025-12-31T23:59:00Z"), "UTC", "en")).toBe("31 Dec 2025, 23:59");
    expect(formatDateTime(at("2026-01-01T00:00:00Z"), "UTC", "zh")).toBe("2026年1月1日 00:00");
  });

  it("half-hour and quarter-hour zones", () => {
    expect(formatDateTime(at("2025-09-27T03:30:00Z"), "Asia/Kolkata", "en")).toBe("27 Sep 2025, 09:00");
    expect(formatDateTime(at("2025-09-27T03:15:00Z"), "Asia/Kathmandu", "en")).toBe("27 Sep 2025, 09:00");
    expect(formatDateTime(at("2025-09-27T18:30:00Z"), "Asia/Kolkata", "zh")).toBe("2025年9月28日 00:00");
  });

  it("Europe/Madrid across both changes of 2025", () => {
    // March 30: 02:00 CET becomes 03:00 CEST.
    expect(formatDateTime(at("2025-03-30T00:59:00Z"), "Europe/Madrid", "en")).toBe("30 Mar 2025, 01:59");
    expect(formatDateTime(at("2025-03-30T01:00:00Z"), "Europe/Madrid", "en")).toBe("30 Mar 2025, 03:00");
    // October 26: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice.
    expect(formatDateTime(at("2025-10-26T00:30:00Z"), "Europe/Madrid", "en")).toBe("26 Oct 2025, 02:30");
    expect(formatDateTime(at("2025-10-26T01:30:00Z"), "Europe/Madrid", "zh")).toBe("2025年10月26日 02:30");
  });

  it("every month's English abbreviation, and plain ASCII text", () => {
    const months = Array.from({ length: 12 }, (_, m) => formatDateTime(new Date(Date.UTC(2025, m, 5, 14, 7)), "UTC", "en"));
    expect(months.map((s) => s.split(" ")[1])).toEqual([
      "Jan",
      "Feb",
      "Mar",
      "Apr",
      "May",
      "Jun",
      "Jul",
      "Aug",
      "Sep",
      "Oct",
      "Nov",
      "Dec",
    ]);
    // No narrow no-break spaces, thin spaces or " at ": those are what differed between ICU versions.
    for (const s of months) expect(s).toMatch(/^5 [A-Z][a-z]{2} 2025, 14:07$/);
  });

  it("shows a dash for an invalid instant instead of throwing (a stored value must not take a page down)", () => {
    expect(formatDateTime(new Date(Number.NaN), "UTC", "en")).toBe("—");
  });
});

describe("zoneOffset", () => {
  it("is computed from the offset in minutes", () => {
    expect(zoneOffset("Asia/Shanghai", at("2025-09-27T01:00:00Z"))).toBe("GMT+8");
    expect(zoneOffset("Asia/Kolkata", at("2025-09-27T01:00:00Z"))).toBe("GMT+5:30");
    expect(zoneOffset("Asia/Kathmandu", at("2025-09-27T01:00:00Z"))).toBe("GMT+5:45");
    expect(zoneOffset("America/St_Johns", at("2025-01-15T12:00:00Z"))).toBe("GMT-3:30");
    expect(zoneOffset("America/St_Johns", at("2025-07-15T12:00:00Z"))).toBe("GMT-2:30");
    expect(zoneOffset("UTC", at("2025-01-15T12:00:00Z"))).toBe("GMT");
    // Intl's "en" wrote "GMT+0" here (London's metazone is GMT); one spelling for zero now.
    expect(zoneOffset("Europe/London", at("2025-01-15T12:00:00Z"))).toBe("GMT");
  });

  it("follows summer time in Europe/Madrid", () => {
    expect(zoneOffset("Europe/Madrid", at("2025-10-26T00:30:00Z"))).toBe("GMT+2");
    expect(zoneOffset("Europe/Madrid", at("2025-10-26T01:30:00Z"))).toBe("GMT+1");
    expect(zoneOffset("Europe/Madrid", at("2025-03-30T01:00:00Z"))).toBe("GMT+2");
  });

  it("defaults to now", () => {
    expect(zoneOffset("Asia/Shanghai")).toBe("GMT+8");
  });
});

describe("calendar dates and ranges (DATE columns)", () => {
  it("formatCalendarDate shows the stored day in both languages", () => {
    expect(formatCalendarDate(day("2025-09-27"), "en")).toBe("27 September 2025");
    expect(formatCalendarDate(day("2025-09-27"), "zh")).toBe("2025年9月27日");
    expect(formatCalendarDate(day("2000-02-29"), "en")).toBe("29 February 2000");
    expect(formatCalendarDate(new Date(Number.NaN), "en")).toBe("—");
  });

  it("a single day", () => {
    expect(formatDateRange(day("2025-09-27"), day("2025-09-27"), "en")).toBe("27 September 2025");
    expect(formatDateRange(day("2025-09-27"), day("2025-09-27"), "zh")).toBe("2025年9月27日");
  });

  it("within a month", () => {
    expect(formatDateRange(day("2025-09-27"), day("2025-09-28"), "en")).toBe("27–28 September 2025");
    expect(formatDateRange(day("2025-09-27"), day("2025-09-28"), "zh")).toBe("2025年9月27日至28日");
  });

  it("across months", () => {
    expect(formatDateRange(day("2025-09-30"), day("2025-10-02"), "en")).toBe("30 September – 2 October 2025");
    expect(formatDateRange(day("2025-09-30"), day("2025-10-02"), "zh")).toBe("2025年9月30日至10月2日");
  });

  it("across years", () => {
    expect(formatDateRange(day("2025-12-30"), day("2026-01-02"), "en")).toBe("30 December 2025 – 2 January 2026");
    expect(formatDateRange(day("2025-12-30"), day("2026-01-02"), "zh")).toBe("2025年12月30日至2026年1月2日");
  });

  it("any other locale reads English", () => {
    expect(formatDateRange(day("2025-09-27"), day("2025-09-28"), "fr")).toBe("27–28 September 2025");
  });
});

describe("cost", () => {
  const Original = Intl.DateTimeFormat;
  afterEach(() => {
    Intl.DateTimeFormat = Original;
  });

  it("builds at most one Intl formatter per zone, however many times it formats", () => {
    let built = 0;
    Intl.DateTimeFormat = new Proxy(Original, {
      construct(target, args) {
        built++;
        return new target(...(args as ConstructorParameters<typeof Original>));
      },
    });
    for (let i = 0; i < 500; i++) {
      const t = new Date(Date.UTC(2025, 9, 26, 0, 0) + i * 7 * 60_000);
      formatDateTime(t, "Pacific/Chatham", i % 2 ? "en" : "zh");
      zoneOffset("Pacific/Chatham", t);
      formatCalendarDate(t, "en");
      formatDateRange(t, t, "zh");
    }
    expect(built).toBeLessThanOrEqual(1);
  });
});
