import { db } from "~/utils/db.server";
import { can } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";
import { listConferenceLinkRequests } from "./list-conference-link-requests.server";

export type GetCeremonyBoardOptions = { actor: SessionUser | null; slug: string };

/**
 * The accords of a conference that await signatures or are executed and whose link its organizers accepted,
 * party by party (names and signing times only), with the pending link requests for its organizers (null for
 * others); null when the conference does not exist or is a draft the reader may not see.
 */
export async function getCeremonyBoard({ actor, slug }: GetCeremonyBoardOptions) {
  const conference = await db().conference.findUnique({
    where: { slug },
    select: { id: true, title: true, titleZh: true, timeZone: true, status: true },
  });
  if (!conference) return null;
  if (conference.status !== "PUBLISHED" && !(await can(actor, "conference:view-draft", { conferenceId: conference.id }))) {
    return null;
  }
  const accords = await db().accord.findMany({
    where: { conferenceId: conference.id, conferenceLinkStatus: "ACCEPTED", status: { in: ["SIGNING", "EXECUTED"] } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      title: true,
      titleZh: true,
      status: true,
      documentHash: true,
      parties: {
        where: { role: "PARTY" },
        orderBy: { position: "asc" },
        select: {
          id: true,
          org: { select: { nameEn: true, nameNative: true } },
          signature: { select: { signedAt: true, signerName: true } },
        },
      },
    },
  });
  return { conference, accords, requests: await listConferenceLinkRequests(actor, conference.id) };
}
