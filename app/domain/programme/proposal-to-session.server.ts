import { db } from "~/utils/db.server";
import { AppError, notFound } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { guardedConference } from "./programme-conference.server";

export type ProposalToSessionOptions = { actor: SessionUser | null; slug: string; proposalId: string };

/**
 * Turns an accepted proposal into an unscheduled draft session whose speakers
 * are its authors, in order (the first as speaker, the others as
 * co-speakers). An author who already has a speaker profile here (same email,
 * or the same account) keeps it; the others get one, linked to their account
 * when one exists. Done once per proposal.
 */
export async function proposalToSession({ actor, slug, proposalId }: ProposalToSessionOptions) {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    const proposal = await tx.proposal.findFirst({
      where: { id: proposalId, conferenceId: conference.id },
      select: {
        id: true,
        status: true,
        sessionId: true,
        title: true,
        abstract: true,
        abstractZh: true,
        format: true,
        trackId: true,
        language: true,
        authors: { orderBy: { position: "asc" } },
      },
    });
    if (!proposal) throw notFound();
    if (proposal.status !== "ACCEPTED" || proposal.sessionId) throw new AppError("PROPOSAL_NOT_READY", "programme.proposal.notConvertible");
    const emails = proposal.authors.map((a) => a.email.toLowerCase());
    const [accounts, profiles] = await Promise.all([
      tx.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } }),
      tx.speaker.findMany({
        where: { conferenceId: conference.id, OR: [{ email: { in: emails } }, { user: { email: { in: emails } } }] },
        select: { id: true, email: true, userId: true },
      }),
    ]);
    const speakerIds: string[] = [];
    for (const author of proposal.authors) {
      const email = author.email.toLowerCase();
      const account = accounts.find((u) => u.email === email);
      const profile = profiles.find((p) => p.email === email || (account && p.userId === account.id));
      const id =
        profile?.id ??
        (
          await tx.speaker.create({
            data: {
              conferenceId: conference.id,
              nameLatin: author.name,
              organization: author.affiliation,
              email,
              userId: account?.id ?? null,
            },
            select: { id: true },
          })
        ).id;
      if (!speakerIds.includes(id)) speakerIds.push(id);
    }
    const session = await tx.programmeSession.create({
      data: {
        conferenceId: conference.id,
        title: proposal.title,
        abstract: proposal.abstract,
        abstractZh: proposal.abstractZh,
        kind: proposal.format,
        trackId: proposal.trackId,
        language: proposal.language,
        status: "DRAFT",
        speakers: {
          create: speakerIds.map((speakerId, position) => ({ speakerId, position, role: position === 0 ? "SPEAKER" : "CO_SPEAKER" })),
        },
      },
      select: { id: true },
    });
    await tx.proposal.update({ where: { id: proposal.id }, data: { sessionId: session.id } });
    await audit(tx, {
      actorId: actor!.id,
      action: "programme.proposal.to-session",
      entityType: "Proposal",
      entityId: proposal.id,
      data: { sessionId: session.id, speakerIds },
    });
    return { sessionId: session.id };
  });
}
