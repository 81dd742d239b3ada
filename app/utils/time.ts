/**
 * Dates and times as Concord shows them: every time in the venue's IANA zone,
 * labelled with it.
 *
 * These helpers run during render, so a page formats them twice: on the
 * server (Node's ICU) and again in the browser while React hydrates (the
 * browser's own ICU). Intl's *text* changes between ICU/CLDR versions ("Sep"
 * or "Sept", ", " or " at " between date and time, U+202F before "pm", U+2009
 * or plain spaces around a range's dash, ranges in zh as "2025/9/27 – 2025/9/28")
 * and any difference makes React discard the server's HTML. So Intl is asked
 * only for numbers (the wall clock in a zone, from zoned-time.ts, which caches
 * one formatter per zone) and the text is assembled here from fixed patterns.
 */
import { isShowableDate, UNSHOWABLE_DATE } from "~/utils/dates";
import { offsetLabel, wallClock } from "~/utils/zoned-time";

export function isValidTimeZone(zone: string) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.includes("/") || zone === "UTC";
  } catch {
    return false;
  }
}

export function allTimeZones(): string[] {
  return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf("timeZone");
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

type Day = { year: number; month: number; day: number };

const pad2 = (n: number) => String(n).padStart(2, "0");

/** "27 September 2025" / "27 Sep 2025" / "2025年9月27日". Any locale but "zh" reads English. */
function dayText(d: Day, locale: string, month: "long" | "short" = "long") {
  if (locale === "zh") return `${d.year}年${d.month}月${d.day}日`;
  return `${d.day} ${(month === "short" ? MONTHS_SHORT : MONTHS)[d.month - 1]} ${d.year}`;
}

/** The day of a DATE column (midnight UTC of that day), whatever the server's or browser's zone. */
function calendarDay(d: Date): Day {
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

// Every formatter below survives any value already stored (an Invalid Date, the year 20255): it shows
// a dash instead of throwing, so one bad row cannot take a shared page down (decision 040).

/** "GMT+8", "GMT+5:30", "GMT-3:30", "GMT": the zone's offset at an instant (now, if the instant cannot be shown). */
export function zoneOffset(zone: string, at: Date = new Date()) {
  return offsetLabel(isShowableDate(at) ? at : new Date(), zone);
}

/** "27 Sep 2025, 09:00" / "2025年9月27日 09:00" on the zone's wall clock (24-hour). */
export function formatDateTime(at: Date, zone: string, locale: string) {
  if (!isShowableDate(at)) return UNSHOWABLE_DATE;
  const w = wallClock(at, zone);
  const time = `${pad2(w.hour)}:${pad2(w.minute)}`;
  return locale === "zh" ? `${dayText(w, locale)} ${time}` : `${dayText(w, locale, "short")}, ${time}`;
}

/** "27 September 2025" / "2025年9月27日" of a DATE column. */
export function formatCalendarDate(day: Date, locale: string) {
  if (!isShowableDate(day)) return UNSHOWABLE_DATE;
  return dayText(calendarDay(day), locale);
}

/**
 * Two DATE columns as one range, sharing what they have in common:
 * "27–28 September 2025", "30 September – 2 October 2025",
 * "30 December 2025 – 2 January 2026"; in Chinese "2025年9月27日至28日",
 * "2025年9月30日至10月2日", "2025年12月30日至2026年1月2日".
 */
export function formatDateRange(start: Date, end: Date, locale: string) {
  if (!isShowableDate(start) || !isShowableDate(end)) {
    return isShowableDate(start)
      ? formatCalendarDate(start, locale)
      : isShowableDate(end)
        ? formatCalendarDate(end, locale)
        : UNSHOWABLE_DATE;
  }
  const a = calendarDay(start);
  const b = calendarDay(end);
  const sameYear = a.year === b.year;
  const sameMonth = sameYear && a.month === b.month;
  if (sameMonth && a.day === b.day) return dayText(a, locale);
  if (locale === "zh") {
    const rest = sameMonth ? `${b.day}日` : sameYear ? `${b.month}月${b.day}日` : dayText(b, locale);
    return `${dayText(a, locale)}至${rest}`;
  }
  if (sameMonth) return `${a.day}–${b.day} ${MONTHS[b.month - 1]} ${b.year}`;
  return `${sameYear ? `${a.day} ${MONTHS[a.month - 1]}` : dayText(a, locale)} – ${dayText(b, locale)}`;
}

/** YYYY-MM-DD of a DATE column, for <input type="date"> (empty when it cannot be shown, so it is typed again). */
export function isoDay(day: Date) {
  if (!isShowableDate(day)) return "";
  return day.toISOString().slice(0, 10);
}
