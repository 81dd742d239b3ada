/**
 * Time-zone aware formatting with the platform's Intl (no library): every time
 * Concord shows is rendered in the venue's IANA zone and labelled with it.
 */
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

const intlLocale = (locale: string) => (locale === "zh" ? "zh-CN" : "en-GB");

/** "GMT+8"-style offset of a zone at an instant. */
export function zoneOffset(zone: string, at: Date = new Date()) {
  const parts = new Intl.DateTimeFormat("en", { timeZone: zone, timeZoneName: "shortOffset" }).formatToParts(at);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? zone;
}

export function formatDateTime(at: Date, zone: string, locale: string) {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: zone,
    dateStyle: "medium",
    timeStyle: "short",
  }).format(at);
}

/**
 * A calendar date stored as a DATE column (midnight UTC of that day) shown as
 * that same day, whatever the server's zone.
 */
export function formatCalendarDate(day: Date, locale: string) {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: "UTC", dateStyle: "long" }).format(day);
}

export function formatDateRange(start: Date, end: Date, locale: string) {
  const fmt = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: "UTC", dateStyle: "long" });
  return start.getTime() === end.getTime() ? fmt.format(start) : fmt.formatRange(start, end);
}

/** YYYY-MM-DD of a DATE column, for <input type="date">. */
export function isoDay(day: Date) {
  return day.toISOString().slice(0, 10);
}
