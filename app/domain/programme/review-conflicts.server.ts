import type { Prisma } from "~/generated/prisma/client";
import type { Db, Tx } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";

/**
 * Conflicts of interest in reviewing, as one Prisma condition on proposals: a person never reviews a
 * proposal they submitted or co-author (listed by their account's email), and — when the call says so —
 * none whose submitter or any author belongs to one of their organizations (an author with an account in
 * that organization, or whose affiliation is that organization's name). Organizers included.
 * Used by the review queue and by the check in front of every review page and review saved, so the two
 * cannot disagree. See docs/decisions/042-safe-redirects-and-conference-links.md.
 */
export async function conflictOfInterest(client: Tx | Db, user: SessionUser, conferenceId: string): Promise<Prisma.ProposalWhereInput> {
  const own: Prisma.ProposalWhereInput[] = [
    { submitterId: user.id },
    { authors: { some: { email: { equals: user.email, mode: "insensitive" } } } },
  ];
  const call = await client.callForProposals.findUnique({ where: { conferenceId }, select: { sameOrganizationConflicts: true } });
  if (!call?.sameOrganizationConflicts) return { OR: own };
  const orgs = await client.organization.findMany({
    where: { members: { some: { userId: user.id } } },
    select: { id: true, nameEn: true, nameNative: true },
  });
  if (orgs.length === 0) return { OR: own };
  const colleagues = await client.user.findMany({
    where: { memberships: { some: { orgId: { in: orgs.map((o) => o.id) } } } },
    select: { id: true, email: true },
  });
  const names = orgs.flatMap((o) => [o.nameEn, o.nameNative]).filter((n): n is string => !!n);
  return {
    OR: [
      ...own,
      { submitterId: { in: colleagues.map((c) => c.id) } },
      { authors: { some: { email: { in: colleagues.map((c) => c.email), mode: "insensitive" } } } },
      ...names.map((name) => ({ authors: { some: { affiliation: { equals: name.trim(), mode: "insensitive" as const } } } })),
    ],
  };
}
