import { db } from "~/utils/db.server";
import { AppError, notFound, unauthorized, FieldError } from "~/utils/errors";
import { pick } from "~/i18n";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { enqueueEmail } from "../email/enqueue.server";
import { cfpPhase, loadCall } from "./cfp-state.server";
import { programmeConference } from "./programme-conference.server";
import { proposalRecipients } from "./proposal-recipients.server";
import type { ProposalInput } from "./schema";

export type SubmitProposalOptions = { actor: SessionUser | null; slug: string; proposalId?: string; input: ProposalInput; now?: Date };

/** The call is closed (or not open yet): a form-level message, nothing is written. */
export const cfpClosed = () => new AppError("CFP_CLOSED", "programme.cfp.closedError");

/**
 * Submits a proposal, or edits the actor's own while the call is open. The
 * phase is checked inside the transaction against the stored dates, so a
 * proposal sent a second after the deadline is refused however long the form
 * stayed open. A new proposal is confirmed by email to its submitter and
 * co-authors, each in their language.
 */
export async function submitProposal({ actor, slug, proposalId, input, now = new Date() }: SubmitProposalOptions) {
  if (!actor) throw unauthorized();
  return db().$transaction(async (tx) => {
    const conference = await programmeConference(tx, slug);
    if (conference.status !== "PUBLISHED") throw notFound();
    const call = await loadCall(tx, conference.id);
    if (cfpPhase(call, now) !== "open") throw cfpClosed();
    const existing = proposalId
      ? await tx.proposal.findFirst({
          where: { id: proposalId, conferenceId: conference.id, submitterId: actor.id },
          select: { id: true, status: true },
        })
      : null;
    if (proposalId && !existing) throw notFound();
    if (existing && existing.status !== "SUBMITTED") throw new AppError("PROPOSAL_FINAL", "programme.proposal.notEditable");
    if (!call!.formats.includes(input.format)) throw new FieldError("format", "programme.validation.formatNotOffered");
    if (input.trackId && !(await tx.track.findFirst({ where: { id: input.trackId, conferenceId: conference.id }, select: { id: true } }))) {
      throw new FieldError("trackId", "programme.validation.trackNotHere");
    }
    const questions = call!.conference.cfpQuestions;
    const answers = questions.flatMap((q) => {
      const answer = input.answers[q.id]?.trim() ?? "";
      if (!answer && q.required) throw new FieldError(`answers.${q.id}`, "validation.required");
      return answer ? [{ questionId: q.id, answer }] : [];
    });
    const data = {
      title: input.title,
      abstract: input.abstract,
      abstractZh: input.abstractZh ?? null,
      format: input.format,
      trackId: input.trackId ?? null,
      language: input.language,
    };
    const authors = input.authors.map((a, position) => ({ position, name: a.name, email: a.email, affiliation: a.affiliation ?? null }));
    let id: string;
    if (existing) {
      id = existing.id;
      await tx.proposal.update({ where: { id }, data });
      await tx.proposalAuthor.deleteMany({ where: { proposalId: id } });
      await tx.proposalAnswer.deleteMany({ where: { proposalId: id } });
      await tx.proposalAuthor.createMany({ data: authors.map((a) => ({ ...a, proposalId: id })) });
      if (answers.length) await tx.proposalAnswer.createMany({ data: answers.map((a) => ({ ...a, proposalId: id })) });
    } else {
      id = (
        await tx.proposal.create({
          data: { ...data, conferenceId: conference.id, submitterId: actor.id, authors: { create: authors }, answers: { create: answers } },
          select: { id: true },
        })
      ).id;
      // The submitter and every co-author, each in their language.
      for (const r of await proposalRecipients(tx, id)) {
        await enqueueEmail(tx, {
          to: r.to,
          locale: r.locale,
          template: "proposalReceived",
          props: { name: r.name, conference: pick(r.locale, conference.title, conference.titleZh), title: input.title, url: r.url },
        });
      }
    }
    await audit(tx, {
      actorId: actor.id,
      action: existing ? "programme.proposal.update" : "programme.proposal.submit",
      entityType: "Proposal",
      entityId: id,
      data: { ...data, authors },
    });
    return { id };
  });
}
