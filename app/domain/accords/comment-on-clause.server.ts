import { db } from "~/utils/db.server";
import { AppError, FieldError } from "~/utils/errors";
import { requireAccordsPermission } from "~/utils/permissions/accords.server";
import type { SessionUser } from "~/utils/session.server";
import { appendChain, lockAccord } from "./chain.server";
import { actorOf, clausesOf } from "./common.server";
import { assertDrafting } from "./create-accord.server";
import { notifyOrgs, notifyUsers } from "./notify.server";

export type CommentOnClauseOptions = { actor: SessionUser | null; accordId: string; clauseNumber: number; body: string; parentId?: string };

/** A comment anchored to a clause of the current version, or a reply to one. */
export async function commentOnClause(o: CommentOnClauseOptions) {
  return db().$transaction(async (tx) => {
    const state = await lockAccord(tx, o.accordId);
    await requireAccordsPermission(o.actor, "accord:comment", { accordId: o.accordId }, tx);
    assertDrafting(state.status);
    const clauses = await clausesOf(tx, o.accordId, state.currentVersion);
    if (!clauses.some((c) => c.number === o.clauseNumber)) throw new FieldError("clauseNumber", "accords.validation.noSuchClause");
    let parentAuthor: string | null = null;
    if (o.parentId) {
      const parent = await tx.accordComment.findFirst({
        where: { id: o.parentId, accordId: o.accordId, parentId: null },
        select: { clauseNumber: true, authorId: true },
      });
      if (!parent || parent.clauseNumber !== o.clauseNumber) throw new AppError("NO_SUCH_COMMENT", "accords.validation.noSuchComment");
      parentAuthor = parent.authorId;
    }
    const { actorId, actorName } = actorOf(o.actor!);
    const comment = await tx.accordComment.create({
      data: {
        accordId: o.accordId,
        clauseNumber: o.clauseNumber,
        version: state.currentVersion,
        parentId: o.parentId ?? null,
        authorId: actorId,
        authorName: actorName,
        body: o.body,
      },
      select: { id: true },
    });
    await appendChain(tx, state, {
      actorId,
      actorName,
      type: "comment.added",
      data: { commentId: comment.id, clause: o.clauseNumber, version: state.currentVersion, replyTo: o.parentId ?? null },
    });
    // The editors (initiator's admins) hear of every comment, a thread's author of its replies;
    // mailing every party's admins would be hundreds of emails per comment on a large accord.
    const notice = { event: "comment" as const, accordId: o.accordId, actor: actorName, path: `/accords/${o.accordId}/draft` };
    await notifyOrgs(tx, [state.initiatorOrgId], notice, { role: "ADMIN", exceptUserId: actorId });
    if (parentAuthor && parentAuthor !== actorId) await notifyUsers(tx, [parentAuthor], notice);
    return comment;
  });
}

export type ResolveCommentOptions = { actor: SessionUser | null; accordId: string; commentId: string };

/** Marks a comment thread resolved (any party member who may comment). */
export async function resolveComment(o: ResolveCommentOptions) {
  return db().$transaction(async (tx) => {
    const state = await lockAccord(tx, o.accordId);
    await requireAccordsPermission(o.actor, "accord:comment", { accordId: o.accordId }, tx);
    const { count } = await tx.accordComment.updateMany({
      where: { id: o.commentId, accordId: o.accordId, resolvedAt: null },
      data: { resolvedAt: new Date(), resolvedById: o.actor!.id },
    });
    if (count === 0) throw new AppError("NO_SUCH_COMMENT", "accords.validation.noSuchComment");
    await appendChain(tx, state, { ...actorOf(o.actor!), type: "comment.resolved", data: { commentId: o.commentId } });
  });
}
