import type { Locale } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { absoluteUrl } from "~/utils/http.server";

export type ProposalRecipient = { to: string; name: string; locale: Locale; url: string };

/**
 * Everyone an email about a proposal goes to: its submitter and every
 * co-author listed on it, once each (emails compared without case), each in
 * their own language — an author with an account reads theirs; one without
 * is written to in the submitter's, the person who listed them. The submitter
 * is linked to the proposal's page; co-authors, who cannot open it, to the
 * conference's call for proposals.
 */
export async function proposalRecipients(tx: Tx, proposalId: string): Promise<ProposalRecipient[]> {
  const p = await tx.proposal.findUniqueOrThrow({
    where: { id: proposalId },
    select: {
      id: true,
      conference: { select: { slug: true } },
      submitter: { select: { email: true, nameLatin: true, locale: true } },
      authors: { orderBy: { position: "asc" }, select: { name: true, email: true } },
    },
  });
  const key = (email: string) => email.trim().toLowerCase();
  const coAuthors = p.authors.filter((a) => key(a.email) !== key(p.submitter.email));
  const accounts = coAuthors.length
    ? await tx.user.findMany({
        where: { OR: coAuthors.map((a) => ({ email: { equals: a.email.trim(), mode: "insensitive" as const } })) },
        select: { email: true, locale: true },
      })
    : [];
  const localeOf = new Map(accounts.map((u) => [key(u.email), u.locale]));
  const recipients: ProposalRecipient[] = [
    {
      to: p.submitter.email,
      name: p.submitter.nameLatin,
      locale: p.submitter.locale,
      url: absoluteUrl(`/conferences/${p.conference.slug}/proposals/${p.id}`),
    },
  ];
  const seen = new Set([key(p.submitter.email)]);
  for (const a of coAuthors) {
    if (seen.has(key(a.email))) continue;
    seen.add(key(a.email));
    recipients.push({
      to: a.email.trim(),
      name: a.name,
      locale: localeOf.get(key(a.email)) ?? p.submitter.locale,
      url: absoluteUrl(`/conferences/${p.conference.slug}/proposals`),
    });
  }
  return recipients;
}
