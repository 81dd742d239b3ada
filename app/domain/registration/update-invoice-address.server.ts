import { db } from "~/utils/db.server";
import { AppError, notFound, unauthorized } from "~/utils/errors";
import { requireRegistrationPermission } from "~/utils/permissions/registration.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { openInvoice } from "./invoices.server";
import type { InvoiceAddressInput } from "./schemas";

export type UpdateInvoiceAddressOptions = { actor: SessionUser | null; registrationId: string; input: InvoiceAddressInput };

/**
 * The attendee changes whom the invoice is made out to (organization, tax ID, address) while the
 * registration awaits payment. The registration's row lock orders this with the payment that issues the
 * invoice (applyBankPayment and the Stripe webhook lock the same row): a change either reaches the
 * invoice or is refused because it was issued — an issued invoice is never changed (decision 058).
 */
export async function updateInvoiceAddress({ actor, registrationId, input }: UpdateInvoiceAddressOptions) {
  if (!actor) throw unauthorized();
  return db().$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Registration" WHERE id = ${registrationId}::uuid FOR UPDATE`;
    if (!locked) throw notFound();
    const r = await tx.registration.findUniqueOrThrow({ where: { id: registrationId }, select: { id: true, userId: true, status: true } });
    await requireRegistrationPermission(actor, "registration:own", { registrationUserId: r.userId }, tx);
    if (r.status !== "RESERVED" || (await openInvoice(tx, r.id))) throw new AppError("NOT_PENDING", "reg.error.invoiceIssued");
    const data = {
      payerOrganization: input.payerOrganization ?? null,
      payerTaxId: input.payerTaxId ?? null,
      payerAddress: input.payerAddress ?? null,
    };
    await tx.registration.update({ where: { id: r.id }, data });
    await audit(tx, { actorId: actor.id, action: "registration.invoice-address", entityType: "Registration", entityId: r.id, data });
  });
}
