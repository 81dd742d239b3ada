import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { guardedConference } from "./programme-conference.server";
import type { CfpInput } from "./schema";
import { instantsFrom } from "./session-times.server";

export type SaveCfpOptions = { actor: SessionUser | null; slug: string; input: CfpInput };

/** Opens (or changes) the call for proposals: dates entered in the venue's zone, accepted formats, introduction. */
export async function saveCfp({ actor, slug, input }: SaveCfpOptions) {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    const times = instantsFrom(conference.timeZone, input.opensAt, input.closesAt, ["opensAt", "closesAt"])!;
    const data = {
      opensAt: times.startsAt,
      closesAt: times.endsAt,
      formats: input.formats,
      intro: input.intro ?? "",
      introZh: input.introZh ?? null,
      sameOrganizationConflicts: input.sameOrganizationConflicts,
      blindReview: input.blindReview,
    };
    await tx.callForProposals.upsert({
      where: { conferenceId: conference.id },
      create: { ...data, conferenceId: conference.id },
      update: data,
    });
    await audit(tx, {
      actorId: actor!.id,
      action: "programme.cfp.update",
      entityType: "CallForProposals",
      entityId: conference.id,
      data: { ...data, opensAt: data.opensAt.toISOString(), closesAt: data.closesAt.toISOString() },
    });
  });
}
