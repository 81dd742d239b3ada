import type { Tx, Db } from "~/utils/db.server";
import { forbidden, notFound, unauthorized } from "~/utils/errors";
import { canProgramme } from "~/utils/permissions/programme.server";
import type { SessionUser } from "~/utils/session.server";
import { conflictOfInterest } from "./review-conflicts.server";

/**
 * The proposal a user may review, or an error. Organizers review every
 * proposal; a reviewer only those of the tracks they are assigned to — a
 * proposal without a track is for organizers only (a reviewer assigned to
 * some track must not see it through the "any track" reading of the rule).
 * Nobody reviews a proposal they have a conflict of interest with (submitter, co-author, and — as the
 * call says — a colleague of an author): see `conflictOfInterest`.
 */
export async function reviewableProposal(client: Tx | Db, user: SessionUser | null, conferenceId: string, proposalId: string) {
  if (!user) throw unauthorized();
  const proposal = await client.proposal.findFirst({
    where: { id: proposalId, conferenceId, status: { not: "WITHDRAWN" } },
    select: { id: true, trackId: true, submitterId: true, status: true },
  });
  if (!proposal) throw notFound();
  const organizer = await canProgramme(user, "programme:manage", { conferenceId }, client);
  const allowed =
    organizer ||
    (!!proposal.trackId && (await canProgramme(user, "programme:review", { conferenceId, trackId: proposal.trackId }, client)));
  if (!allowed) throw forbidden();
  const conflicted = await client.proposal.count({ where: { id: proposal.id, ...(await conflictOfInterest(client, user, conferenceId)) } });
  if (conflicted > 0) throw forbidden();
  return { ...proposal, organizer };
}
