import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { guardedConference } from "./programme-conference.server";
import { sessionListSelect } from "./programme-view.server";

export type ListManagedSessionsOptions = { actor: SessionUser | null; slug: string };

/** Every session of the conference, drafts included (scheduled first, by time, then by title), for its programme team. */
export async function listManagedSessions({ actor, slug }: ListManagedSessionsOptions) {
  const conference = await guardedConference(db(), actor, slug);
  const sessions = await db().programmeSession.findMany({
    where: { conferenceId: conference.id },
    orderBy: [{ startsAt: { sort: "asc", nulls: "last" } }, { title: "asc" }],
    select: sessionListSelect,
  });
  return { conference, sessions };
}
