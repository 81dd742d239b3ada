import { db } from "~/utils/db.server";
import { notFound, unauthorized } from "~/utils/errors";
import { requireRegistrationPermission } from "~/utils/permissions/registration.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";

/** The organizer confirms a student / member-institution ticket holder's eligibility. */
export async function confirmEligibility({ actor, registrationId }: { actor: SessionUser | null; registrationId: string }) {
  if (!actor) throw unauthorized();
  return db().$transaction(async (tx) => {
    const r = await tx.registration.findUnique({ where: { id: registrationId }, select: { conferenceId: true } });
    if (!r) throw notFound();
    await requireRegistrationPermission(actor, "registration:manage", { conferenceId: r.conferenceId }, tx);
    await tx.registration.update({ where: { id: registrationId }, data: { eligibilityConfirmed: true } });
    await audit(tx, { actorId: actor.id, action: "registration.eligibility", entityType: "Registration", entityId: registrationId });
  });
}
