import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { guardedConference } from "./programme-conference.server";

export type GetCfpSettingsOptions = { actor: SessionUser | null; slug: string };

/** The call for proposals as its programme team sets it up: dates and formats, questions, criteria, tracks and their reviewers. */
export async function getCfpSettings({ actor, slug }: GetCfpSettingsOptions) {
  const conference = await guardedConference(db(), actor, slug);
  const [call, questions, criteria, tracks] = await Promise.all([
    db().callForProposals.findUnique({ where: { conferenceId: conference.id } }),
    db().cfpQuestion.findMany({ where: { conferenceId: conference.id }, orderBy: { position: "asc" } }),
    db().reviewCriterion.findMany({ where: { conferenceId: conference.id }, orderBy: { position: "asc" } }),
    db().track.findMany({
      where: { conferenceId: conference.id, deletedAt: null },
      orderBy: { position: "asc" },
      select: {
        id: true,
        name: true,
        nameZh: true,
        reviewers: { orderBy: { createdAt: "asc" }, select: { user: { select: { id: true, nameLatin: true, email: true } } } },
      },
    }),
  ]);
  return { conference, call, questions, criteria, tracks };
}
