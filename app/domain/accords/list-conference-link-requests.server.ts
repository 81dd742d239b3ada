import { db } from "~/utils/db.server";
import { can } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";

/** Accords asking to be shown at a conference, for its organizers only (anyone else gets an empty list). */
export async function listConferenceLinkRequests(actor: SessionUser | null, conferenceId: string) {
  if (!(await can(actor, "conference:update", { conferenceId }))) return null;
  return db().accord.findMany({
    where: { conferenceId, conferenceLinkStatus: "REQUESTED" },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      title: true,
      titleZh: true,
      status: true,
      initiatorOrg: { select: { nameEn: true, nameNative: true } },
    },
  });
}
