import { now } from "~/utils/clock.server";
import { db, type Tx } from "~/utils/db.server";
import { AppError, FieldError } from "~/utils/errors";
import { requireAccordsPermission } from "~/utils/permissions/accords.server";
import type { SessionUser } from "~/utils/session.server";
import { appendChain, lockAccord } from "./chain.server";
import { actorOf, keyedClausesOf } from "./common.server";
import { assertDrafting } from "./create-accord.server";
import { notifyOrgs, notifyUsers } from "./notify.server";

export type CommentVisibility = "SHARED" | "INTERNAL";

export type CommentOnClauseOptions = {
  actor: SessionUser | null;
  accordId: string;
  /** The clause's identity: the comment stays with it through moves and renumbering. */
  clauseKey: string;
  body: string;
  parentId?: string;
  /** SHARED: every party sees it; INTERNAL: only the members of the author's organization. Replies take their thread's. */
  visibility?: CommentVisibility;
};

/** The party organizations among `orgIds` the user is a member of, in a stable order. */
async function partyOrgsOf(tx: Tx, userId: string, accordId: string) {
  const rows = await tx.membership.findMany({
    where: { userId, org: { accordParties: { some: { accordId, role: "PARTY" } } } },
    orderBy: { orgId: "asc" },
    select: { orgId: true, roles: true },
  });
  return rows;
}

/** A comment anchored to a clause of the current version, or a reply to one. */
export async function commentOnClause(o: CommentOnClauseOptions) {
  return db().$transaction(async (tx) => {
    const state = await lockAccord(tx, o.accordId);
    await requireAccordsPermission(o.actor, "accord:comment", { accordId: o.accordId }, tx);
    assertDrafting(state.status);
    const clause = (await keyedClausesOf(tx, o.accordId, state.currentVersion)).find((c) => c.key === o.clauseKey);
    if (!clause) throw new FieldError("clauseKey", "accords.validation.noSuchClause");
    const myOrgs = await partyOrgsOf(tx, o.actor!.id, o.accordId);
    let visibility: CommentVisibility = o.visibility ?? "SHARED";
    let orgId: string | null = myOrgs[0]?.orgId ?? null;
    let parentAuthor: string | null = null;
    if (o.parentId) {
      const parent = await tx.accordComment.findFirst({
        where: { id: o.parentId, accordId: o.accordId, parentId: null },
        select: { clauseKey: true, authorId: true, visibility: true, orgId: true },
      });
      const canSee = parent && (parent.visibility === "SHARED" || myOrgs.some((m) => m.orgId === parent.orgId));
      if (!parent || !canSee || parent.clauseKey !== o.clauseKey) throw new AppError("NO_SUCH_COMMENT", "accords.validation.noSuchComment");
      parentAuthor = parent.authorId;
      visibility = parent.visibility;
      if (visibility === "INTERNAL") orgId = parent.orgId;
    }
    const { actorId, actorName } = actorOf(o.actor!);
    const comment = await tx.accordComment.create({
      data: {
        accordId: o.accordId,
        clauseKey: clause.key,
        version: state.currentVersion,
        visibility,
        orgId,
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
      data: {
        commentId: comment.id,
        clause: clause.number,
        clauseKey: clause.key,
        version: state.currentVersion,
        replyTo: o.parentId ?? null,
        visibility,
      },
    });
    // The editors (initiator's admins) hear of every shared comment, a thread's author of its replies; an
    // internal note only reaches its own organization's admins. Mailing every party's admins would be
    // hundreds of emails per comment on a large accord.
    const notice = { event: "comment" as const, accordId: o.accordId, actor: actorName, path: `/accords/${o.accordId}/draft` };
    const toOrg = visibility === "INTERNAL" ? orgId : state.initiatorOrgId;
    if (toOrg) await notifyOrgs(tx, [toOrg], notice, { role: "ADMIN", exceptUserId: actorId });
    if (parentAuthor && parentAuthor !== actorId) await notifyUsers(tx, [parentAuthor], notice);
    return comment;
  });
}

export type ResolveCommentOptions = { actor: SessionUser | null; accordId: string; commentId: string };

/**
 * Marks a comment thread resolved. Only its author may, or an admin of a party
 * (of the thread's own organization, for an internal thread).
 */
export async function resolveComment(o: ResolveCommentOptions) {
  return db().$transaction(async (tx) => {
    const state = await lockAccord(tx, o.accordId);
    await requireAccordsPermission(o.actor, "accord:comment", { accordId: o.accordId }, tx);
    const comment = await tx.accordComment.findFirst({
      where: { id: o.commentId, accordId: o.accordId, parentId: null, resolvedAt: null },
      select: { authorId: true, visibility: true, orgId: true },
    });
    const myOrgs = await partyOrgsOf(tx, o.actor!.id, o.accordId);
    const visible = comment && (comment.visibility === "SHARED" || myOrgs.some((m) => m.orgId === comment.orgId));
    if (!comment || !visible) throw new AppError("NO_SUCH_COMMENT", "accords.validation.noSuchComment");
    const adminOf = myOrgs.filter((m) => m.roles.includes("ADMIN")).map((m) => m.orgId);
    const mayResolve =
      comment.authorId === o.actor!.id ||
      (comment.visibility === "SHARED" ? adminOf.length > 0 : comment.orgId !== null && adminOf.includes(comment.orgId));
    if (!mayResolve) throw new AppError("FORBIDDEN", "accords.comment.notYours");
    const { count } = await tx.accordComment.updateMany({
      where: { id: o.commentId, resolvedAt: null },
      data: { resolvedAt: now(), resolvedById: o.actor!.id },
    });
    if (count === 0) throw new AppError("NO_SUCH_COMMENT", "accords.validation.noSuchComment");
    await appendChain(tx, state, { ...actorOf(o.actor!), type: "comment.resolved", data: { commentId: o.commentId } });
  });
}
