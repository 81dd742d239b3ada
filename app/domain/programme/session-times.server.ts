import { FieldError } from "~/utils/errors";
import { parseLocal, resolveLocal } from "~/utils/zoned-time";

/**
 * Venue-local form times → UTC instants. A time the clocks skip is refused
 * (the organizer surely meant something else); a repeated time takes its
 * first occurrence (docs/decisions/020-programme-times.md).
 */
export function instantsFrom(
  zone: string,
  start: string | undefined,
  end: string | undefined,
  fields: [string, string] = ["start", "end"],
) {
  if (!start || !end) return null;
  const toInstant = (text: string, field: string) => {
    const local = parseLocal(text);
    if (!local) throw new FieldError(field, "programme.validation.localTime");
    const r = resolveLocal(local, zone);
    if (r.kind === "gap") throw new FieldError(field, "programme.validation.skippedTime");
    return r.instant;
  };
  const startsAt = toInstant(start, fields[0]);
  const endsAt = toInstant(end, fields[1]);
  if (endsAt <= startsAt) throw new FieldError(fields[1], "programme.validation.endBeforeStart");
  return { startsAt, endsAt };
}
