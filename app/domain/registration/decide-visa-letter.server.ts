import { enqueueEmail } from "~/domain/email/enqueue.server";
import { pick } from "~/i18n";
import { db } from "~/utils/db.server";
import { AppError, notFound } from "~/utils/errors";
import { absoluteUrl } from "~/utils/http.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { managedConference } from "./manage-context.server";

export type DecideVisaLetterOptions = {
  actor: SessionUser | null;
  slug: string;
  requestId: string;
  approve: boolean;
  reason?: string;
  now?: Date;
};

/** An organizer approves or declines a waiting request; the requester is told by email either way. */
export async function decideVisaLetter({ actor, slug, requestId, approve, reason, now = new Date() }: DecideVisaLetterOptions) {
  return db().$transaction(async (tx) => {
    const conference = await managedConference(tx, actor, slug);
    const n = await tx.visaLetterRequest.updateMany({
      where: { id: requestId, conferenceId: conference.id, status: "REQUESTED" },
      data: {
        status: approve ? "APPROVED" : "DECLINED",
        declineReason: approve ? null : (reason ?? null),
        decidedAt: now,
        decidedById: actor!.id,
      },
    });
    if (n.count === 0) {
      const exists = await tx.visaLetterRequest.count({ where: { id: requestId, conferenceId: conference.id } });
      throw exists ? new AppError("VISA_DECIDED", "reg.error.visaDecided") : notFound();
    }
    const v = await tx.visaLetterRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { userId: true, user: { select: { email: true, nameLatin: true, locale: true } } },
    });
    const reg = await tx.registration.findUnique({
      where: { conferenceId_userId: { conferenceId: conference.id, userId: v.userId } },
      select: { id: true },
    });
    await audit(tx, {
      actorId: actor!.id,
      action: approve ? "visa.approve" : "visa.decline",
      entityType: "VisaLetterRequest",
      entityId: requestId,
    });
    const l = v.user.locale;
    await enqueueEmail(tx, {
      to: v.user.email,
      locale: l,
      template: "visaLetterDecision",
      props: {
        name: v.user.nameLatin,
        conference: pick(l, conference.title, conference.titleZh),
        url: absoluteUrl(reg ? `/my/registrations/${reg.id}` : "/my/registrations"),
        approved: approve,
        reason: approve ? null : (reason ?? null),
        ...(approve && reg ? { letterAttached: true } : {}),
      },
      // The letter itself, produced when the email is delivered (decision 068); it is made for a registration.
      ...(approve && reg ? { attachments: [{ kind: "visa-letter" as const, registrationId: reg.id }] } : {}),
    });
  });
}
