import { db } from "~/utils/db.server";
import { audit } from "../audit.server";
import { managedConference, type ManageOptions } from "./manage-context.server";
import type { TicketTypeInput } from "./schemas";
import { ticketTypeValues } from "./ticket-types.server";

/** Creates a ticket type in the conference's currency; its quotas must be the conference's own. */
export async function createTicketType({ actor, slug, input }: ManageOptions & { input: TicketTypeInput }) {
  return db().$transaction(async (tx) => {
    const conference = await managedConference(tx, actor, slug);
    const { fields, quotaIds } = await ticketTypeValues(tx, conference, input);
    const count = await tx.ticketType.count({ where: { conferenceId: conference.id } });
    const ticket = await tx.ticketType.create({
      data: { conferenceId: conference.id, ...fields, position: count, quotas: { create: quotaIds.map((quotaId) => ({ quotaId })) } },
    });
    await audit(tx, {
      actorId: actor!.id,
      action: "ticket-type.create",
      entityType: "TicketType",
      entityId: ticket.id,
      data: { priceCents: fields.priceCents, quotas: quotaIds },
    });
    return ticket;
  });
}
