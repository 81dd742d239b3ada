/**
 * The one iCalendar (RFC 5545) writer, for every .ics Concord serves (the public programme, a session,
 * personal agenda feeds, one's registration). Every value goes through it: TEXT values are escaped
 * (backslash, semicolon, comma, line breaks as "\n") and every control character is removed from every
 * value, so no title or venue — a call-for-proposals submitter's, say — can end a line, and so cannot
 * close an event or open a forged one. Times are written in UTC ("…Z"), which every
 * calendar converts to its reader's zone, so no VTIMEZONE is needed; the venue
 * zone is named in the description. UIDs are the session ids (stable across
 * moves) and SEQUENCE grows with each move, so subscribed calendars update
 * the event instead of adding a second one.
 */
export type IcsEvent = {
  uid: string;
  sequence: number;
  start: Date;
  /** Exclusive end; for an all-day event the day after the last day. */
  end: Date;
  /** Whole days (DTSTART;VALUE=DATE) taken from the UTC date of `start` and `end`. */
  allDay?: boolean;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  lastModified?: Date;
};

const utc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

const day = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, "");

/** Line breaks of any kind (CRLF, bare CR or LF, NEL, Unicode line and paragraph separators). */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/** Removes every control character (C0 including tab, DEL, C1): RFC 5545 allows none of them in a value. */
function stripControls(value: string) {
  return [...value].filter((ch) => !isControl(ch)).join("");
}

function isControl(ch: string) {
  const c = ch.codePointAt(0)!;
  return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/** A TEXT value: line breaks become the escaped "\n", other controls go, then backslash, ";" and "," are escaped. */
export function escapeText(text: string) {
  return text
    .split(LINE_BREAK)
    .map((line) => stripControls(line.replace(/\t/g, " ")))
    .map((line) => line.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,"))
    .join("\\n");
}

/** A value that is not TEXT (UID, URL): never escaped, but it cannot carry a control character either. */
const raw = (value: string) => stripControls(value.replace(LINE_BREAK, ""));

/** Folds a content line at 75 octets without splitting a UTF-8 character. */
function fold(line: string) {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

export function renderCalendar(opts: { name: string; events: IcsEvent[]; now?: Date; product?: string }) {
  const stamp = utc(opts.now ?? new Date());
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:-//Concord//${escapeText(opts.product ?? "Programme")}//EN`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(opts.name)}`,
  ];
  for (const e of opts.events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${raw(e.uid)}`,
      `DTSTAMP:${stamp}`,
      `SEQUENCE:${Math.trunc(e.sequence)}`,
      e.allDay ? `DTSTART;VALUE=DATE:${day(e.start)}` : `DTSTART:${utc(e.start)}`,
      e.allDay ? `DTEND;VALUE=DATE:${day(e.end)}` : `DTEND:${utc(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.url) lines.push(`URL:${raw(e.url)}`);
    if (e.lastModified) lines.push(`LAST-MODIFIED:${utc(e.lastModified)}`);
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}

export function icsResponse(body: string, fileName: string | null) {
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      ...(fileName ? { "Content-Disposition": `attachment; filename="${fileName}"` } : {}),
      "Cache-Control": "private, max-age=60",
    },
  });
}
