import { requireConfirmed } from "~/utils/confirm";
import { db } from "~/utils/db.server";
import { AppError, notFound, unauthorized } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";

export type WithdrawProposalOptions = {
  actor: SessionUser | null;
  slug: string;
  proposalId: string;
  /** Refused until true, saying what withdrawing means (decision 065). */
  confirmed: boolean;
};

/** The submitter withdraws their proposal; possible until it is decided (also after the deadline). */
export async function withdrawProposal({ actor, slug, proposalId, confirmed }: WithdrawProposalOptions) {
  if (!actor) throw unauthorized();
  return db().$transaction(async (tx) => {
    const proposal = await tx.proposal.findFirst({
      where: { id: proposalId, submitterId: actor.id, conference: { slug } },
      select: { id: true, status: true, title: true },
    });
    if (!proposal) throw notFound();
    if (proposal.status !== "SUBMITTED") throw new AppError("PROPOSAL_FINAL", "programme.proposal.notEditable");
    requireConfirmed(confirmed, "programme.confirm.withdraw", { title: proposal.title });
    const { count } = await tx.proposal.updateMany({ where: { id: proposal.id, status: "SUBMITTED" }, data: { status: "WITHDRAWN" } });
    if (count === 0) throw new AppError("PROPOSAL_FINAL", "programme.proposal.notEditable");
    await audit(tx, { actorId: actor.id, action: "programme.proposal.withdraw", entityType: "Proposal", entityId: proposal.id });
  });
}
