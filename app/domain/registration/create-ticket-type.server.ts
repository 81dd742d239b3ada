import { db } from "~/utils/db.server";
import { FieldError } from "~/utils/form-action.server";
import { audit } from "../audit.server";
import { managedConference, type ManageOptions } from "./manage-context.server";
import { parseMoney } from "./money";
import type { TicketTypeInput } from "./schemas";
import { localToUtc } from "./zoned";

/** Creates a ticket type in the conference's currency; its quotas must be the conference's own. */
export async function createTicketType({ actor, slug, input }: ManageOptions & { input: TicketTypeInput }) {
  return db().$transaction(async (tx) => {
    const conference = await managedConference(tx, actor, slug);
    const priceCents = parseMoney(input.price, conference.currency);
    if (priceCents === null) throw new FieldError("price", "reg.validation.amount");
    const salesStart = input.salesStart ? localToUtc(input.salesStart, conference.timeZone) : null;
    const salesEnd = input.salesEnd ? localToUtc(input.salesEnd, conference.timeZone) : null;
    if (salesStart && salesEnd && salesEnd <= salesStart) throw new FieldError("salesEnd", "conf.validation.endBeforeStart");
    const quotas = await tx.quota.findMany({ where: { id: { in: input.quotaIds }, conferenceId: conference.id }, select: { id: true } });
    if (quotas.length !== input.quotaIds.length) throw new FieldError("quotaIds", "validation.invalid");
    const count = await tx.ticketType.count({ where: { conferenceId: conference.id } });
    const ticket = await tx.ticketType.create({
      data: {
        conferenceId: conference.id,
        nameEn: input.nameEn,
        nameZh: input.nameZh ?? null,
        descriptionEn: input.descriptionEn ?? "",
        descriptionZh: input.descriptionZh ?? null,
        priceCents,
        currency: conference.currency,
        salesStart,
        salesEnd,
        eligibility: input.eligibility,
        position: count,
        quotas: { create: quotas.map((q) => ({ quotaId: q.id })) },
      },
    });
    await audit(tx, { actorId: actor!.id, action: "ticket-type.create", entityType: "TicketType", entityId: ticket.id, data: { priceCents, quotas: input.quotaIds } });
    return ticket;
  });
}
