// The one date and date-time parser of every form (app/utils/dates.ts, decision 040), through the forms'
// own schemas and Conform's parsing as routes run them: impossible days and out-of-window years are
// field errors, never a rolled-over date (2027-02-30 → 2 March) or a poisoned row (the year 20255).
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createAccordSchema } from "~/domain/accords/schema";
import { conferenceSchema } from "~/domain/conferences/schema";
import { cfpSchema, sessionSchema } from "~/domain/programme/schema";
import { settingsSchema, ticketTypeSchema, visaRequestSchema, voucherSchema } from "~/domain/registration/schemas";
import { parseCalendarDay, isShowableDate } from "~/utils/dates";
import { formatCalendarDate, formatDateRange, formatDateTime, isoDay } from "~/utils/time";

function errorsOf(schema: z.ZodType, fields: Record<string, string | string[]>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) fd.append(k, item);
  const submission = parseWithZod(fd, { schema });
  return submission.status === "success" ? {} : (submission.error ?? {});
}

const thisYear = new Date().getUTCFullYear();
const conference = {
  title: "Forum",
  startDate: `${thisYear + 1}-09-27`,
  endDate: `${thisYear + 1}-09-28`,
  venue: "Hall",
  city: "Beijing",
  country: "CN",
  timeZone: "Asia/Shanghai",
  currency: "CNY",
};
const ticket = { intent: "ticket", nameEn: "Regular", price: "100" };
const visa = {
  passportName: "A B",
  passportNumber: "E1",
  nationality: "CN",
  birthDate: "1990-01-01",
  arrivalDate: `${thisYear}-12-30`,
  departureDate: `${thisYear + 1}-01-02`,
};

describe("calendar days", () => {
  it("refuses days that do not exist and accepts those that do", () => {
    for (const bad of [
      "2027-02-30",
      "1990-02-30",
      "2027-13-45",
      "2027-00-10",
      "2027-04-31",
      "0000-01-01",
      "20255-09-27",
      "2027-2-3",
      "2027-02-29",
    ]) {
      expect(parseCalendarDay(bad), bad).toBeNull();
    }
    expect(parseCalendarDay("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseCalendarDay("0001-01-01")).toEqual({ year: 1, month: 1, day: 1 });
  });
});

describe("conference form", () => {
  it("accepts real dates within ten years", () => {
    expect(errorsOf(conferenceSchema, conference)).toEqual({});
  });

  it("refuses the year 20255, the year 0 and 30 February with a field error", () => {
    expect(errorsOf(conferenceSchema, { ...conference, startDate: "20255-09-27" }).startDate).toEqual(["validation.date"]);
    expect(errorsOf(conferenceSchema, { ...conference, startDate: "0000-09-27" }).startDate).toEqual(["validation.date"]);
    expect(errorsOf(conferenceSchema, { ...conference, endDate: "2027-02-30" }).endDate).toEqual(["validation.date"]);
    expect(
      errorsOf(conferenceSchema, { ...conference, startDate: `${thisYear + 40}-09-27`, endDate: `${thisYear + 40}-09-28` }).startDate,
    ).toEqual(["validation.dateRange.event"]);
    expect(errorsOf(conferenceSchema, { ...conference, startDate: "" }).startDate).toEqual(["validation.required"]);
  });
});

describe("visa letter form", () => {
  it("refuses a birth date of 30 February, in the future or before 1900", () => {
    expect(errorsOf(visaRequestSchema, visa)).toEqual({});
    expect(errorsOf(visaRequestSchema, { ...visa, birthDate: "1990-02-30" }).birthDate).toEqual(["validation.date"]);
    expect(errorsOf(visaRequestSchema, { ...visa, birthDate: `${thisYear + 1}-01-01` }).birthDate).toEqual(["validation.dateRange.birth"]);
    expect(errorsOf(visaRequestSchema, { ...visa, birthDate: "1850-01-01" }).birthDate).toEqual(["validation.dateRange.birth"]);
    expect(errorsOf(visaRequestSchema, { ...visa, arrivalDate: "2999-01-01" }).arrivalDate).toEqual(["validation.dateRange.travel"]);
  });
});

describe("venue-local date-times", () => {
  it("refuses 2027-02-30T10:00 and 2027-13-45T25:61 in ticket sales, settings, vouchers, sessions and the call for proposals", () => {
    for (const bad of ["2027-02-30T10:00", "2027-13-45T25:61", "2027-01-01T24:00", "0000-01-01T10:00", "20255-01-01T10:00"]) {
      expect(errorsOf(ticketTypeSchema, { ...ticket, salesStart: bad }).salesStart, bad).toEqual(["reg.validation.dateTime"]);
      expect(
        errorsOf(settingsSchema, { intent: "settings", cardHoldMinutes: "60", bankHoldDays: "7", offerHours: "24", cancelUntil: bad })
          .cancelUntil,
      ).toEqual(["reg.validation.dateTime"]);
      expect(errorsOf(voucherSchema, { intent: "voucher", code: "ABC", kind: "FIXED", value: "10", validUntil: bad }).validUntil).toEqual([
        "reg.validation.dateTime",
      ]);
      expect(errorsOf(sessionSchema, { title: "T", kind: "KEYNOTE", start: bad, end: "2027-01-01T10:00" }).start).toEqual([
        "programme.validation.localTime",
      ]);
      expect(errorsOf(cfpSchema, { intent: "cfp", opensAt: bad, closesAt: "2027-01-01T10:00", formats: "KEYNOTE" }).opensAt).toEqual([
        "programme.validation.localTime",
      ]);
    }
    expect(errorsOf(ticketTypeSchema, { ...ticket, salesStart: `${thisYear + 50}-01-01T10:00` }).salesStart).toEqual([
      "validation.dateRange.event",
    ]);
    expect(errorsOf(ticketTypeSchema, { ...ticket, salesStart: `${thisYear}-02-28T10:00` })).toEqual({});
  });

  it("refuses an accord's signing end on an impossible day", () => {
    const accord = { kind: "DECLARATION", title: "T", languages: "en" };
    expect(errorsOf(createAccordSchema, { ...accord, signingEndsOn: "2027-02-30" }).signingEndsOn).toEqual(["validation.date"]);
    expect(errorsOf(createAccordSchema, { ...accord, signingEndsOn: "20255-01-01" }).signingEndsOn).toEqual(["validation.date"]);
  });
});

describe("formatting stored dates", () => {
  it("shows a dash for values no form accepts instead of throwing", () => {
    const invalid = new Date(Number.NaN);
    const farFuture = new Date("+020255-09-27T00:00:00Z");
    for (const d of [invalid, farFuture]) {
      expect(isShowableDate(d)).toBe(false);
      expect(formatCalendarDate(d, "en")).toBe("—");
      expect(formatDateTime(d, "Asia/Shanghai", "zh")).toBe("—");
      expect(formatDateRange(d, d, "en")).toBe("—");
      expect(isoDay(d)).toBe("");
    }
    expect(formatDateRange(new Date("2025-09-27"), invalid, "en")).toBe("27 September 2025");
  });
});
