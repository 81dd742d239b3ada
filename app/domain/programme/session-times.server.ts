import { FieldError } from "~/utils/form-action.server";
import { parseLocal, resolveLocal } from "./zoned-time";

/**
 * Venue-local form times → UTC instants. A time the clocks skip is refused
 * (the organizer surely meant something else); a repeated time takes its
 * first occurrence (docs/decisions/020-programme-times.md).
 */
export function instantsFrom(zone: string, start: string | undefined, end: string | undefined) {
  if (!start || !end) return null;
  const toInstant = (text: string, field: "start" | "end") => {
    const local = parseLocal(text);
    if (!local) throw new FieldError(field, "programme.validation.localTime");
    const r = resolveLocal(local, zone);
    if (r.kind === "gap") throw new FieldError(field, "programme.validation.skippedTime");
    return r.instant;
  };
  const startsAt = toInstant(start, "start");
  const endsAt = toInstant(end, "end");
  if (endsAt <= startsAt) throw new FieldError("end", "programme.validation.endBeforeStart");
  return { startsAt, endsAt };
}
