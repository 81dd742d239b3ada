import { db } from "~/utils/db.server";
import { managedConference, type ManageOptions } from "./manage-context.server";
import { settingsOf } from "./settings.server";

/** Ticket types, quotas and settings of a conference, for its organizers. */
export async function ticketAdmin({ actor, slug }: ManageOptions) {
  const conference = await managedConference(db(), actor, slug);
  const [tickets, quotas, settings] = await Promise.all([
    db().ticketType.findMany({ where: { conferenceId: conference.id }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], include: { quotas: { select: { quotaId: true } } } }),
    db().quota.findMany({ where: { conferenceId: conference.id }, orderBy: { name: "asc" } }),
    settingsOf(db(), conference.id),
  ]);
  return { conference, tickets, quotas, settings };
}
