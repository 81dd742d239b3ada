/**
 * Venue-local wall-clock time ↔ UTC instants with the platform's Intl only.
 *
 * Sessions are stored as UTC instants; organizers type, and attendees read,
 * the venue's wall clock ("2025-10-26 02:30 in Europe/Madrid"). Two local
 * times need care: those skipped when clocks go forward (a gap: no instant
 * has them) and those repeated when clocks go back (an overlap: two instants
 * have them). This module is the only place that converts; see
 * docs/decisions/020-programme-times.md.
 */

export type LocalDateTime = { year: number; month: number; day: number; hour: number; minute: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One cached formatter per zone: creating them is far slower than using them. */
function partsFormatter(zone: string) {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, f);
  }
  return f;
}

function fieldsAt(instant: number, zone: string) {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(zone).formatToParts(instant)) {
    if (p.type !== "literal") out[p.type] = Number(p.value);
  }
  return out as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

function offsetFromIntl(t: number, zone: string): number {
  const f = fieldsAt(t, zone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  // Intl has second precision: compare with the instant truncated to the second.
  return asUtc - (t - (((t % 1000) + 1000) % 1000));
}

/**
 * Offsets change only at transitions, and since the 1970s every zone's
 * transitions fall on a quarter hour of UTC. So the offset is constant within
 * each UTC quarter hour and is asked of Intl once per zone and quarter hour:
 * formatToParts costs microseconds, and a 300-session programme page needs
 * over a thousand conversions.
 */
const QUARTER_HOUR = 15 * 60_000;
const offsetCache = new Map<string, number>();

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
export function offsetMs(instant: Date | number, zone: string): number {
  const t = typeof instant === "number" ? instant : instant.getTime();
  if (t < 0) return offsetFromIntl(t, zone); // before 1970: transitions need not be on quarter hours
  const bucket = Math.floor(t / QUARTER_HOUR);
  const key = `${zone}|${bucket}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    if (offsetCache.size > 50_000) offsetCache.clear();
    offset = offsetFromIntl(bucket * QUARTER_HOUR, zone);
    offsetCache.set(key, offset);
  }
  return offset;
}

/** The wall clock in the zone at an instant. */
export function wallClock(instant: Date | number, zone: string): LocalDateTime {
  const t = typeof instant === "number" ? instant : instant.getTime();
  const local = new Date(t + offsetMs(t, zone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** "YYYY-MM-DD" of the local calendar day the instant falls on. */
export function localDay(instant: Date | number, zone: string): string {
  const w = wallClock(instant, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** "HH:mm" on the venue's wall clock. */
export function localTime(instant: Date | number, zone: string): string {
  const w = wallClock(instant, zone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** "YYYY-MM-DDTHH:mm", the value of an <input type="datetime-local"> in the venue's zone. */
export function toLocalInput(instant: Date | number, zone: string): string {
  return `${localDay(instant, zone)}T${localTime(instant, zone)}`;
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::00(?:\.0+)?)?$/;

export function parseLocal(text: string): LocalDateTime | null {
  const m = LOCAL_RE.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute));
  // Rejects 2025-02-30 and 25:00, which Date.UTC would roll over silently.
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59) {
    return null;
  }
  return { year, month, day, hour, minute };
}

export type Resolution =
  | { kind: "exact"; instant: Date }
  /** The local time happened twice (clocks went back): both instants, earlier first. */
  | { kind: "ambiguous"; instant: Date; later: Date }
  /** The local time never happened (clocks went forward). `instant` is the same duration after the gap's start. */
  | { kind: "gap"; instant: Date };

/**
 * Every instant whose wall clock in `zone` reads `local`. A zone's offset
 * changes at most once within a day around any time, so the offsets 12 hours
 * before and after give all candidates; each is kept only if it maps back.
 */
export function resolveLocal(local: LocalDateTime, zone: string): Resolution {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const before = offsetMs(asUtc - 12 * 3600_000, zone);
  const after = offsetMs(asUtc + 12 * 3600_000, zone);
  const candidates = [...new Set([asUtc - before, asUtc - after])].filter((c) => c + offsetMs(c, zone) === asUtc).sort((a, b) => a - b);
  if (candidates.length === 1) return { kind: "exact", instant: new Date(candidates[0]) };
  if (candidates.length === 2) return { kind: "ambiguous", instant: new Date(candidates[0]), later: new Date(candidates[1]) };
  // In a gap: read the time with the offset from before the change (02:30 in a
  // 02:00→03:00 gap becomes 03:30), as RFC 5545 and Temporal's "compatible" do.
  return { kind: "gap", instant: new Date(asUtc - before) };
}

/**
 * The instant of a venue-local time, or null when the text is not a valid
 * local time. Ambiguous times take the earlier instant (the first 02:30 on the
 * night clocks go back); pass `prefer: "later"` for the second.
 */
export function zonedToUtc(text: string, zone: string, opts: { prefer?: "earlier" | "later"; rejectGap?: boolean } = {}): Date | null {
  const local = parseLocal(text);
  if (!local) return null;
  const r = resolveLocal(local, zone);
  if (r.kind === "gap" && opts.rejectGap) return null;
  if (r.kind === "ambiguous" && opts.prefer === "later") return r.later;
  return r.instant;
}

/** The UTC instants at which a venue-local calendar day ("YYYY-MM-DD") starts and ends. */
export function localDayBounds(day: string, zone: string): { start: Date; end: Date } {
  const [y, m, d] = day.split("-").map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  const start = resolveLocal({ year: y, month: m, day: d, hour: 0, minute: 0 }, zone).instant;
  const end = resolveLocal(
    { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0 },
    zone,
  ).instant;
  return { start, end };
}

/** The calendar days from `first` to `last` inclusive (DATE columns are midnight UTC). */
export function calendarDays(first: Date, last: Date): string[] {
  const days: string[] = [];
  for (let t = first.getTime(); t <= last.getTime(); t += 86400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** "GMT+2"-style label of the zone's offset at an instant. */
export function offsetLabel(instant: Date | number, zone: string): string {
  const minutes = Math.round(offsetMs(instant, zone) / 60_000);
  if (minutes === 0) return "GMT";
  const sign = minutes > 0 ? "+" : "-";
  const h = Math.floor(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  return `GMT${sign}${h}${m ? `:${pad(m)}` : ""}`;
}

/** ISO 8601 with the zone's offset, e.g. "2025-09-27T09:00:00+08:00" (frab exports). */
export function isoWithOffset(instant: Date | number, zone: string): string {
  const minutes = Math.round(offsetMs(instant, zone) / 60_000);
  const sign = minutes < 0 ? "-" : "+";
  return `${toLocalInput(instant, zone)}:00${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}
