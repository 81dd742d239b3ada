import { pick } from "~/i18n";
import { db } from "~/utils/db.server";
import { AppError, notFound } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { enqueueEmail } from "../email/enqueue.server";
import { guardedConference } from "./programme-conference.server";
import { proposalRecipients } from "./proposal-recipients.server";

export type DecideProposalOptions = { actor: SessionUser | null; slug: string; proposalId: string; accept: boolean };

/**
 * Accepts or rejects a submitted proposal and tells its submitter and
 * co-authors, each in their own language. The decision is final (a second decision is refused, so no
 * one receives "accepted" and then "rejected").
 */
export async function decideProposal({ actor, slug, proposalId, accept }: DecideProposalOptions) {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    const proposal = await tx.proposal.findFirst({
      where: { id: proposalId, conferenceId: conference.id },
      select: { id: true, title: true },
    });
    if (!proposal) throw notFound();
    const { count } = await tx.proposal.updateMany({
      where: { id: proposal.id, status: "SUBMITTED" },
      data: { status: accept ? "ACCEPTED" : "REJECTED", decidedAt: new Date() },
    });
    if (count === 0) throw new AppError("PROPOSAL_FINAL", "programme.review.decided");
    // The submitter and every co-author, each in their language.
    for (const r of await proposalRecipients(tx, proposal.id)) {
      await enqueueEmail(tx, {
        to: r.to,
        locale: r.locale,
        template: accept ? "proposalAccepted" : "proposalRejected",
        props: { name: r.name, conference: pick(r.locale, conference.title, conference.titleZh), title: proposal.title, url: r.url },
      });
    }
    await audit(tx, {
      actorId: actor!.id,
      action: accept ? "programme.proposal.accept" : "programme.proposal.reject",
      entityType: "Proposal",
      entityId: proposal.id,
    });
  });
}
