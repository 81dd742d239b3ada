import { db } from "~/utils/db.server";
import { AppError, FieldError } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { managedConference } from "./manage-context.server";

/** A badge's code (scanned or typed), or the registration the desk found by name (`findAttendees`). */
export type CheckInOptions = { actor: SessionUser | null; slug: string; now?: Date } & ({ code: string } | { registrationId: string });

/**
 * Scans a badge. The first scan sets checkedInAt with a conditional update;
 * any later scan (also one racing the first from another desk) is recorded as
 * a duplicate and flagged, never counted twice.
 */
export async function checkIn({ actor, slug, now = new Date(), ...which }: CheckInOptions) {
  return db().$transaction(async (tx) => {
    const conference = await managedConference(tx, actor, slug, "registration:check-in");
    const r = await tx.registration.findFirst({
      where: {
        conferenceId: conference.id,
        ...("code" in which ? { badgeCode: which.code.trim().toUpperCase() } : { id: which.registrationId }),
      },
      select: {
        id: true,
        status: true,
        checkedInAt: true,
        user: { select: { nameLatin: true, nameNative: true } },
        ticketType: { select: { nameEn: true, nameZh: true } },
      },
    });
    if (!r) throw new FieldError("code", "reg.error.badgeUnknown", "UNKNOWN_BADGE");
    if (r.status !== "CONFIRMED") throw new AppError("NOT_CONFIRMED", "reg.error.notConfirmed");
    const first = await tx.registration.updateMany({ where: { id: r.id, checkedInAt: null }, data: { checkedInAt: now } });
    const duplicate = first.count === 0;
    await tx.checkIn.create({ data: { registrationId: r.id, scannedById: actor!.id, duplicate } });
    await audit(tx, {
      actorId: actor!.id,
      action: duplicate ? "check-in.duplicate" : "check-in",
      entityType: "Registration",
      entityId: r.id,
    });
    const at = duplicate
      ? (await tx.registration.findUniqueOrThrow({ where: { id: r.id }, select: { checkedInAt: true } })).checkedInAt!
      : now;
    return { duplicate, checkedInAt: at, name: r.user.nameLatin, nameNative: r.user.nameNative, ticket: r.ticketType };
  });
}
