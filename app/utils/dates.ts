import { z } from "zod";
import { parseLocal, type LocalDateTime } from "~/utils/zoned-time";

/**
 * The one parser of dates and date-times typed into forms (decision 040). It runs in the browser
 * (Conform) and on the server, and refuses what `new Date(text)` would silently roll over or accept:
 * impossible calendar days (2027-02-30, 1990-02-30), months 13, hours 25, minutes 61, years of five
 * digits or year 0. Each field also has a window of years that makes sense for it, so a typo such as
 * 20255 cannot reach the database and then every page that formats it.
 */

export type CalendarDay = { year: number; month: number; day: number };

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "YYYY-MM-DD" → the day, or null when the text is not a real calendar day (four-digit years only). */
export function parseCalendarDay(text: string): CalendarDay | null {
  const m = DAY_RE.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = m.slice(1).map(Number);
  if (year < 1 || month < 1 || month > 12 || day < 1) return null;
  const probe = new Date(Date.UTC(2000, month - 1, day));
  probe.setUTCFullYear(year);
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** The day as a DATE column holds it: midnight UTC. */
export function dayToDate(d: CalendarDay): Date {
  const at = new Date(Date.UTC(2000, d.month - 1, d.day));
  at.setUTCFullYear(d.year);
  return at;
}

const dayNumber = (d: CalendarDay) => d.year * 10_000 + d.month * 100 + d.day;

function today(now: Date): CalendarDay {
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
}

/**
 * The windows of days a field accepts, relative to today (read when the form is checked, so a
 * long-running server does not need a restart on New Year's Day).
 * - birth: from 1900 to today (a birth date lies in the past);
 * - event: conference days, from ten years back (editing an archived edition) to ten years ahead;
 * - travel: arrival and departure, from a year back to five years ahead.
 */
export const DAY_WINDOWS = {
  birth: (now: Date) => ({ from: { year: 1900, month: 1, day: 1 }, to: today(now) }),
  event: (now: Date) => ({
    from: { year: now.getUTCFullYear() - 10, month: 1, day: 1 },
    to: { year: now.getUTCFullYear() + 10, month: 12, day: 31 },
  }),
  travel: (now: Date) => ({
    from: { year: now.getUTCFullYear() - 1, month: 1, day: 1 },
    to: { year: now.getUTCFullYear() + 5, month: 12, day: 31 },
  }),
} satisfies Record<string, (now: Date) => { from: CalendarDay; to: CalendarDay }>;
export type DayWindow = keyof typeof DAY_WINDOWS;

/** Whether a day lies in a field's window. */
export function dayInWindow(d: CalendarDay, window: DayWindow, now = new Date()) {
  const { from, to } = DAY_WINDOWS[window](now);
  return dayNumber(d) >= dayNumber(from) && dayNumber(d) <= dayNumber(to);
}

/**
 * A required "YYYY-MM-DD" field (an <input type="date">) → a Date at midnight UTC. An impossible day is
 * "validation.date", a real day outside the field's window "validation.dateRange.<window>".
 */
export const dayField = (window: DayWindow) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .refine((v) => parseCalendarDay(v) !== null, { message: "validation.date", abort: true })
    .refine((v) => dayInWindow(parseCalendarDay(v)!, window), { message: `validation.dateRange.${window}`, abort: true })
    .transform((v) => dayToDate(parseCalendarDay(v)!));

/** An optional "YYYY-MM-DD" field: the day's text, or undefined when left empty. */
export const optionalDayText = (window: DayWindow) =>
  z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || parseCalendarDay(v) !== null, { message: "validation.date", abort: true })
    .refine((v) => !v || dayInWindow(parseCalendarDay(v)!, window), `validation.dateRange.${window}`)
    .transform((v) => (v ? v : undefined));

/** Venue-local date-times ("YYYY-MM-DDTHH:mm") for anything scheduled: ten years back to ten years ahead. */
export function localDateTimeInWindow(local: LocalDateTime, now = new Date()) {
  return dayInWindow(local, "event", now);
}

/**
 * An optional venue-local date-time field (an <input type="datetime-local">): the normalized
 * "YYYY-MM-DDTHH:mm" text, or undefined when left empty. The domain turns it into an instant with the
 * conference's zone (zoned-time.ts). `required` refuses the empty field.
 */
export const localDateTimeField = (message = "validation.dateTime") =>
  z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || parseLocal(v) !== null, { message, abort: true })
    .refine((v) => !v || localDateTimeInWindow(parseLocal(v)!), "validation.dateRange.event")
    .transform((v) => (v ? v.replace(" ", "T").slice(0, 16) : undefined));

// ───────────── formatting what is already stored ─────────────

/**
 * Whether a stored Date can be shown: a real instant whose year has four digits. Values written before
 * the parser above existed (a conference in the year 20255) must not take a shared page down; the
 * formatters in time.ts show a dash for them instead.
 */
export function isShowableDate(d: Date | null | undefined): d is Date {
  if (!(d instanceof Date)) return false;
  const t = d.getTime();
  if (Number.isNaN(t)) return false;
  const year = d.getUTCFullYear();
  return year >= 1 && year <= 9999;
}

/** What a page shows in place of a stored date it cannot show. */
export const UNSHOWABLE_DATE = "—";
