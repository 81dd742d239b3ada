import { db } from "~/utils/db.server";
import { managedConference, type ManageOptions } from "./manage-context.server";
import { settingsOf } from "./settings.server";
import { placesHeldWith, ticketTypeOf } from "./ticket-types.server";

/** Ticket types, quotas and settings of a conference, for its organizers. */
export async function ticketAdmin({ actor, slug }: ManageOptions) {
  const conference = await managedConference(db(), actor, slug);
  const [tickets, quotas, settings] = await Promise.all([
    db().ticketType.findMany({
      where: { conferenceId: conference.id },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      include: { quotas: { select: { quotaId: true } } },
    }),
    conferenceQuotas(conference.id),
    settingsOf(db(), conference.id),
  ]);
  return { conference, tickets, quotas, settings };
}

/**
 * One ticket type for its edit page (404 unless it is this conference's), the
 * conference's quotas, and the places held with it: while there are any, its
 * quotas cannot change (see update-ticket-type.server.ts).
 */
export async function ticketTypeEditor({ actor, slug, ticketTypeId }: ManageOptions & { ticketTypeId: string }) {
  const conference = await managedConference(db(), actor, slug);
  const ticket = await ticketTypeOf(db(), conference.id, ticketTypeId);
  const [quotas, placesHeld] = await Promise.all([conferenceQuotas(conference.id), placesHeldWith(db(), ticket.id)]);
  return { conference, ticket, quotas, placesHeld };
}

function conferenceQuotas(conferenceId: string) {
  return db().quota.findMany({ where: { conferenceId }, orderBy: { name: "asc" } });
}
