import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { guardedConference } from "./programme-conference.server";
import { planRelease } from "./release-plan.server";

export type GetReleasePreviewOptions = { actor: SessionUser | null; slug: string };

/** What releasing the draft now would change and who would be told, for the organizer to confirm. Writes nothing. */
export async function getReleasePreview({ actor, slug }: GetReleasePreviewOptions) {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    const [plan, versions] = await Promise.all([
      planRelease(tx, conference),
      tx.scheduleVersion.count({ where: { conferenceId: conference.id } }),
    ]);
    return { conference, plan, nextNumber: versions + 1 };
  });
}
