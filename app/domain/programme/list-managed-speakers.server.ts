import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { guardedConference } from "./programme-conference.server";

export type ListManagedSpeakersOptions = { actor: SessionUser | null; slug: string };

/** Every speaker of the conference with their invitation state and session count, for its programme team. */
export async function listManagedSpeakers({ actor, slug }: ListManagedSpeakersOptions) {
  const conference = await guardedConference(db(), actor, slug);
  const speakers = await db().speaker.findMany({
    where: { conferenceId: conference.id },
    orderBy: { nameLatin: "asc" },
    select: {
      id: true,
      nameLatin: true,
      nameNative: true,
      organization: true,
      email: true,
      userId: true,
      invitation: true,
      _count: { select: { sessions: true } },
    },
  });
  return { conference, speakers };
}
