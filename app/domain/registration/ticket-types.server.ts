import type { Db, Tx } from "~/utils/db.server";
import { notFound, FieldError } from "~/utils/errors";
import { isUuid } from "~/utils/validation";
import { parseMoney } from "./money";
import type { TicketTypeInput } from "./schemas";
import { zonedToUtc } from "~/utils/zoned-time";
import { conferenceOver } from "./sales-window";

type ConferenceFacts = { id: string; currency: string; timeZone: string; endDate: Date };

/**
 * What the ticket type form means in stored values, for creating and editing
 * alike: the price in minor units of the conference's currency (a ticket is
 * always sold in its conference's currency), the venue-local sales window as
 * instants, and quota ids checked to be the conference's own. Throws a
 * FieldError naming the field at fault.
 */
export async function ticketTypeValues(client: Db | Tx, conference: ConferenceFacts, input: TicketTypeInput) {
  const priceCents = parseMoney(input.price, conference.currency);
  if (priceCents === null) throw new FieldError("price", "reg.validation.amount");
  const salesStart = input.salesStart ? zonedToUtc(input.salesStart, conference.timeZone) : null;
  const salesEnd = input.salesEnd ? zonedToUtc(input.salesEnd, conference.timeZone) : null;
  if (salesStart && salesEnd && salesEnd <= salesStart) throw new FieldError("salesEnd", "conf.validation.endBeforeStart");
  // Tickets are sold before the conference ends (decisions 040, 062): a sales time after its last day is a typo.
  const over = conferenceOver(conference);
  if (salesStart && salesStart > over) throw new FieldError("salesStart", "reg.validation.salesAfterConference");
  if (salesEnd && salesEnd > over) throw new FieldError("salesEnd", "reg.validation.salesAfterConference");
  const quotaIds = [...new Set(input.quotaIds)].sort();
  const found = await client.quota.count({ where: { id: { in: quotaIds }, conferenceId: conference.id } });
  if (found !== quotaIds.length) throw new FieldError("quotaIds", "validation.invalid");
  return {
    fields: {
      nameEn: input.nameEn,
      nameZh: input.nameZh ?? null,
      descriptionEn: input.descriptionEn ?? "",
      descriptionZh: input.descriptionZh ?? null,
      priceCents,
      currency: conference.currency,
      salesStart,
      salesEnd,
      eligibility: input.eligibility,
      perPersonLimit: input.perPersonLimit,
      hidden: input.hidden,
    },
    quotaIds,
  };
}

/**
 * A ticket type of this conference with its quota ids (sorted), or 404 — also
 * for another conference's ticket. `lock` takes its row FOR UPDATE first (in
 * the caller's transaction).
 */
export async function ticketTypeOf(client: Db | Tx, conferenceId: string, ticketTypeId: string, { lock = false } = {}) {
  if (!isUuid(ticketTypeId)) throw notFound();
  if (lock)
    await client.$queryRaw`SELECT id FROM "TicketType" WHERE id = ${ticketTypeId}::uuid AND "conferenceId" = ${conferenceId}::uuid FOR UPDATE`;
  const ticket = await client.ticketType.findFirst({
    where: { id: ticketTypeId, conferenceId },
    include: { quotas: { select: { quotaId: true }, orderBy: { quotaId: "asc" } } },
  });
  if (!ticket) throw notFound();
  return ticket;
}

/**
 * Places currently counted in the ticket's quotas: its live registrations
 * (RESERVED, CONFIRMED) and its open waitlist offers — exactly what
 * Quota.used counts (see quota.server.ts).
 */
export async function placesHeldWith(client: Db | Tx, ticketTypeId: string) {
  const [registrations, offers] = await Promise.all([
    client.registration.count({ where: { ticketTypeId, status: { in: ["RESERVED", "CONFIRMED"] } } }),
    client.waitlistEntry.count({ where: { ticketTypeId, status: "OFFERED" } }),
  ]);
  return registrations + offers;
}
