import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { guardedConference } from "./programme-conference.server";

export type DeleteCfpItemOptions = { actor: SessionUser | null; slug: string; kind: "question" | "criterion"; id: string };

/** Removes a question (and its answers) or a criterion (and its scores). */
export async function deleteCfpItem({ actor, slug, kind, id }: DeleteCfpItemOptions) {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    const where = { id, conferenceId: conference.id };
    const { count } = kind === "question" ? await tx.cfpQuestion.deleteMany({ where }) : await tx.reviewCriterion.deleteMany({ where });
    if (count === 0) throw notFound();
    await audit(tx, { actorId: actor!.id, action: `programme.cfp.${kind}.delete`, entityType: kind, entityId: id });
  });
}
