import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { asReleased, releasedSessionSelect, releasedWhere } from "./programme-view.server";

export type ListAgendaOptions = { actor: SessionUser };

/** The signed-in person's starred released sessions (soonest first) and whether they have a calendar feed. */
export async function listAgenda({ actor }: ListAgendaOptions) {
  const [stars, feed] = await Promise.all([
    db().agendaStar.findMany({
      where: { userId: actor.id, session: releasedWhere },
      orderBy: { session: { releasedStartsAt: "asc" } },
      select: {
        session: {
          select: { ...releasedSessionSelect, conference: { select: { slug: true, title: true, titleZh: true, timeZone: true } } },
        },
      },
    }),
    db().calendarFeed.findUnique({ where: { userId: actor.id }, select: { createdAt: true } }),
  ]);
  return { sessions: stars.map((s) => asReleased(s.session)), hasFeed: !!feed };
}
