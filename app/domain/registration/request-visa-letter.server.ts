import { now } from "~/utils/clock.server";
import { db } from "~/utils/db.server";
import { AppError, notFound, unauthorized } from "~/utils/errors";
import { requireRegistrationPermission } from "~/utils/permissions/registration.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { verificationCode } from "./codes.server";
import { registrationClosed } from "./sales-window";
import type { VisaRequestInput } from "./schemas";

export type RequestVisaLetterOptions = { actor: SessionUser | null; registrationId: string; input: VisaRequestInput };

/** The attendee of a held or confirmed registration asks for a visa invitation letter (again, after a decline). */
export async function requestVisaLetter({ actor, registrationId, input }: RequestVisaLetterOptions) {
  if (!actor) throw unauthorized();
  return db().$transaction(async (tx) => {
    const r = await tx.registration.findUnique({
      where: { id: registrationId },
      select: { userId: true, conferenceId: true, status: true, conference: { select: { endDate: true, timeZone: true } } },
    });
    if (!r) throw notFound();
    await requireRegistrationPermission(actor, "registration:own", { registrationUserId: r.userId }, tx);
    if (registrationClosed(r.conference, now())) throw new AppError("SALES_CLOSED", "reg.error.visaClosed");
    if (r.status !== "RESERVED" && r.status !== "CONFIRMED") throw new AppError("NOT_REGISTERED", "reg.error.visaNeedsRegistration");
    const existing = await tx.visaLetterRequest.findUnique({
      where: { conferenceId_userId: { conferenceId: r.conferenceId, userId: actor.id } },
    });
    if (existing && existing.status !== "DECLINED") throw new AppError("VISA_DECIDED", "reg.error.visaDecided");
    const data = { ...input, status: "REQUESTED" as const, declineReason: null, decidedAt: null, decidedById: null };
    const row = existing
      ? await tx.visaLetterRequest.update({ where: { id: existing.id }, data })
      : await tx.visaLetterRequest.create({
          data: { ...data, conferenceId: r.conferenceId, userId: actor.id, verificationCode: verificationCode() },
        });
    await audit(tx, { actorId: actor.id, action: "visa.request", entityType: "VisaLetterRequest", entityId: row.id });
    return { id: row.id };
  });
}
