import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { guardedConference } from "./programme-conference.server";

export type ListRoomsAndTracksOptions = { actor: SessionUser | null; slug: string };

/** The conference's rooms and tracks in their order, for its programme team (not those deleted in the draft). */
export async function listRoomsAndTracks({ actor, slug }: ListRoomsAndTracksOptions) {
  const conference = await guardedConference(db(), actor, slug);
  const [rooms, tracks] = await Promise.all([
    db().room.findMany({ where: { conferenceId: conference.id, deletedAt: null }, orderBy: [{ position: "asc" }, { name: "asc" }] }),
    db().track.findMany({ where: { conferenceId: conference.id, deletedAt: null }, orderBy: [{ position: "asc" }, { name: "asc" }] }),
  ]);
  return { conference, rooms, tracks };
}
