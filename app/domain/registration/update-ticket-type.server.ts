import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { FieldError } from "~/utils/errors";
import { audit } from "../audit.server";
import { managedConference, type ManageOptions } from "./manage-context.server";
import type { TicketTypeInput } from "./schemas";
import { placesHeldWith, ticketTypeOf, ticketTypeValues } from "./ticket-types.server";
import { offerFreedPlaces } from "./waitlist.server";

export type UpdateTicketTypeOptions = ManageOptions & { ticketTypeId: string; input: TicketTypeInput; now?: Date };

type Json = string | number | boolean | null | string[];
const asJson = (v: unknown): Json => (v instanceof Date ? v.toISOString() : ((v as Json) ?? null));

/**
 * Changes a ticket type. What existing registrations owe never changes: each
 * registration stores its own price, discount, amount and currency, so a new
 * price applies to registrations made from now on. The currency stays the
 * conference's.
 *
 * Quota membership is refused while places are counted with the ticket (live
 * registrations or open waitlist offers). Quota.used is only ever moved by
 * taking or giving back one place per quota the ticket belongs to *at that
 * moment* (quota.server.ts): moving a ticket between quotas while places are
 * held would leave the old quota counting places that are no longer its own,
 * and cancelling one of them later would give a place back to a quota that
 * never counted it. Organizers set quotas up before sales, or create a new
 * ticket type. See docs/decisions/010-registration.md.
 */
export async function updateTicketType({ actor, slug, ticketTypeId, input, now = new Date() }: UpdateTicketTypeOptions) {
  return db().$transaction(async (tx) => {
    const conference = await managedConference(tx, actor, slug);
    // The row lock conflicts with the key-share lock a registration's insert
    // takes on its ticket row (the foreign key), so a registration being
    // written is waited for and then counted by placesHeldWith below.
    const before = await ticketTypeOf(tx, conference.id, ticketTypeId, { lock: true });
    const { fields, quotaIds } = await ticketTypeValues(tx, conference, input);

    const oldQuotaIds = before.quotas.map((q) => q.quotaId);
    const quotasChanged = oldQuotaIds.join() !== quotaIds.join();
    if (quotasChanged) {
      if ((await placesHeldWith(tx, before.id)) > 0)
        throw new FieldError("quotaIds", "reg.error.ticketQuotasLocked", "TICKET_QUOTAS_LOCKED");
      await tx.ticketTypeQuota.deleteMany({ where: { ticketTypeId: before.id, quotaId: { notIn: quotaIds } } });
      await tx.ticketTypeQuota.createMany({
        data: quotaIds.map((quotaId) => ({ ticketTypeId: before.id, quotaId })),
        skipDuplicates: true,
      });
    }

    const changes: Record<string, { from: Json; to: Json }> = {};
    for (const [key, to] of Object.entries(fields)) {
      const from = before[key as keyof typeof fields];
      if (asJson(from) !== asJson(to)) changes[key] = { from: asJson(from), to: asJson(to) };
    }
    if (quotasChanged) changes.quotaIds = { from: oldQuotaIds, to: quotaIds };
    if (Object.keys(changes).length === 0) return before;

    // A new quota version tells registrations that read the old quota list to read again.
    const ticket = await tx.ticketType.update({
      where: { id: before.id },
      data: { ...fields, ...(quotasChanged ? { quotaVersion: { increment: 1 } } : {}) },
    });
    await audit(tx, {
      actorId: actor!.id,
      action: "ticket-type.update",
      entityType: "TicketType",
      entityId: before.id,
      data: { changes } as Prisma.InputJsonValue,
    });
    // A ticket that left a full quota (or joined one with room) may now fit: offer it to the waitlist at once, like a raised capacity.
    if (quotasChanged) await offerFreedPlaces(tx, conference.id, now);
    return ticket;
  });
}
