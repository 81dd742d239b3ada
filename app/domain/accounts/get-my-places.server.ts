import { db } from "~/utils/db.server";
import { unauthorized } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";

export type GetMyPlacesOptions = { actor: SessionUser | null };

/**
 * The pages that belong to this person, for the account page: their registrations and agenda, the speaker
 * portal when they are a speaker, proposals they sent, and per conference the desks their roles open
 * (reviews, check-in, organizing). Only the person's own rows are read (the owner is in every `where`).
 */
export async function getMyPlaces({ actor }: GetMyPlacesOptions) {
  if (!actor) throw unauthorized();
  const conference = { select: { slug: true, title: true, titleZh: true } } as const;
  const [registrations, stars, speaker, roles, proposals, assigned] = await Promise.all([
    db().registration.count({ where: { userId: actor.id } }),
    db().agendaStar.count({ where: { userId: actor.id } }),
    db().speaker.count({ where: { userId: actor.id } }),
    db().conferenceRole.findMany({
      where: { userId: actor.id },
      orderBy: { createdAt: "asc" },
      select: { role: true, conference },
    }),
    db().proposal.findMany({ where: { submitterId: actor.id }, distinct: ["conferenceId"], select: { conference } }),
    // A reviewer reviews only the tracks they are assigned to: the role alone opens no review page.
    db().reviewerAssignment.findMany({
      where: { userId: actor.id },
      select: { track: { select: { conference: { select: { slug: true } } } } },
    }),
  ]);
  const reviewing = new Set(assigned.map((a) => a.track.conference.slug));
  type Desk = { slug: string; title: string; titleZh: string | null; roles: (typeof roles)[number]["role"][]; reviews: boolean };
  const byConference = new Map<string, Desk>();
  for (const r of roles) {
    const entry = byConference.get(r.conference.slug) ?? { ...r.conference, roles: [], reviews: reviewing.has(r.conference.slug) };
    entry.roles.push(r.role);
    byConference.set(r.conference.slug, entry);
  }
  return {
    registrations,
    stars,
    speaker: speaker > 0,
    conferences: [...byConference.values()],
    proposals: proposals.map((p) => p.conference),
  };
}
