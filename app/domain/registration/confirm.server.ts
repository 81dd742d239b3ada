import { enqueueEmail, type EmailRequest } from "~/domain/email/enqueue.server";
import type { Tx } from "~/utils/db.server";
import { absoluteUrl } from "~/utils/http.server";
import { registrationContext, type RegistrationContext } from "./context.server";
import { issueInvoice } from "./invoices.server";

/**
 * The confirmation email (badge and calendar links) of a registration; a paid one (it has an
 * invoice) carries it as its receipt PDF, produced when the email is delivered (decision 068).
 */
export function confirmationEmail(
  registrationId: string,
  ctx: RegistrationContext,
  opts: { receipt?: boolean } = {},
): EmailRequest<"registrationConfirmed"> {
  return {
    to: ctx.to,
    locale: ctx.locale,
    template: "registrationConfirmed",
    props: {
      ...ctx.base,
      ticket: ctx.ticket,
      badgeUrl: absoluteUrl(`/my/registrations/${registrationId}/badge`),
      calendarUrl: absoluteUrl(`/my/registrations/${registrationId}/calendar`),
      ...(opts.receipt ? { receiptAttached: true } : {}),
    },
    ...(opts.receipt ? { attachments: [{ kind: "receipt" as const, registrationId }] } : {}),
  };
}

export async function enqueueConfirmation(tx: Tx, registrationId: string, ctx: RegistrationContext, opts: { receipt?: boolean } = {}) {
  await enqueueEmail(tx, confirmationEmail(registrationId, ctx, opts));
}

/**
 * Marks a held registration confirmed (paid by card or transfer, or a late
 * payment that found a place) inside the caller's transaction: a paid one gets
 * its invoice with the conference's next number (invoices.server.ts), the
 * attendee the confirmation email.
 */
export async function confirmInTx(tx: Tx, registrationId: string, now: Date) {
  await tx.registration.update({
    where: { id: registrationId },
    data: { status: "CONFIRMED", confirmedAt: now, holdUntil: null },
  });
  // A paid registration gets its invoice, and the confirmation carries it as the receipt PDF.
  const invoice = await issueInvoice(tx, registrationId, now);
  await enqueueConfirmation(tx, registrationId, await registrationContext(tx, registrationId), { receipt: invoice !== null });
}
