import { db } from "~/utils/db.server";
import { FieldError, notFound, unauthorized } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import type { AvailabilityInput } from "./schema";
import { instantsFrom } from "./session-times.server";

export type SaveAvailabilityOptions = { actor: SessionUser | null; speakerId: string; input: AvailabilityInput };

const LINE = /^(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})\s*[-–—]\s*(\d{1,2}:\d{2})$/;
const pad = (t: string) => t.padStart(5, "0");

/**
 * A speaker says when they can speak, on the venue's clock (one window per
 * line). Replaces their windows of that conference; none means "any time".
 * Placing a session outside them is a conflict (conflicts.server.ts).
 */
export async function saveAvailability({ actor, speakerId, input }: SaveAvailabilityOptions) {
  if (!actor) throw unauthorized();
  return db().$transaction(async (tx) => {
    const speaker = await tx.speaker.findFirst({
      where: { id: speakerId, userId: actor.id },
      select: { id: true, conference: { select: { timeZone: true } } },
    });
    if (!speaker) throw notFound();
    const windows = input.availability
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map((line) => {
        const m = LINE.exec(line);
        if (!m) throw new FieldError("availability", "programme.availability.badLine");
        return instantsFrom(speaker.conference.timeZone, `${m[1]}T${pad(m[2])}`, `${m[1]}T${pad(m[3])}`, ["availability", "availability"])!;
      });
    if (windows.length > 50) throw new FieldError("availability", "programme.availability.tooMany");
    await tx.speakerAvailability.deleteMany({ where: { speakerId } });
    if (windows.length) await tx.speakerAvailability.createMany({ data: windows.map((w) => ({ speakerId, ...w })) });
    await audit(tx, {
      actorId: actor.id,
      action: "programme.speaker.availability",
      entityType: "Speaker",
      entityId: speakerId,
      data: { windows: windows.map((w) => [w.startsAt.toISOString(), w.endsAt.toISOString()]) },
    });
  });
}
