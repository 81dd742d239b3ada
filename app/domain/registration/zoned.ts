/** Venue-local "YYYY-MM-DDTHH:mm" (datetime-local inputs) ⇄ UTC instants, with the platform's Intl. */
function offsetMs(zone: string, at: number) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(at / 1000) * 1000;
}

export function localToUtc(local: string, zone: string): Date | null {
  const m = local.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/);
  if (!m) return null;
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const first = guess - offsetMs(zone, guess);
  // Across a DST change the offset at the result can differ from the guess's: take it again.
  return new Date(guess - offsetMs(zone, first));
}

export function utcToLocalInput(at: Date | null | undefined, zone: string): string {
  if (!at) return "";
  return new Date(at.getTime() + offsetMs(zone, at.getTime())).toISOString().slice(0, 16);
}
