import { requireConfirmed } from "~/utils/confirm";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { guardedConference } from "./programme-conference.server";

export type DeleteCfpItemOptions = {
  actor: SessionUser | null;
  slug: string;
  kind: "question" | "criterion";
  id: string;
  confirmed: boolean;
};

/**
 * Removes a question (and its answers) or a criterion (and its scores). Refused until `confirmed`, saying
 * how many proposals' answers or reviewers' scores go with it (decision 065).
 */
export async function deleteCfpItem({ actor, slug, kind, id, confirmed }: DeleteCfpItemOptions) {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    const where = { id, conferenceId: conference.id };
    if (!confirmed) {
      if (kind === "question") {
        const q = await tx.cfpQuestion.findFirst({ where, select: { label: true, _count: { select: { answers: true } } } });
        if (!q) throw notFound();
        requireConfirmed(false, "programme.confirm.deleteCfpQuestion", { label: q.label, answers: q._count.answers });
      }
      const c = await tx.reviewCriterion.findFirst({ where, select: { name: true, _count: { select: { scores: true } } } });
      if (!c) throw notFound();
      requireConfirmed(false, "programme.confirm.deleteCriterion", { name: c.name, scores: c._count.scores });
    }
    const { count } = kind === "question" ? await tx.cfpQuestion.deleteMany({ where }) : await tx.reviewCriterion.deleteMany({ where });
    if (count === 0) throw notFound();
    await audit(tx, { actorId: actor!.id, action: `programme.cfp.${kind}.delete`, entityType: kind, entityId: id });
  });
}
