import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";

export type ListCommentsOptions = { viewer: SessionUser; accordId: string };

/** The comments of an accord the viewer may read: shared ones, and internal ones of the viewer's own organizations. */
export async function listComments(o: ListCommentsOptions) {
  const myOrgIds = (await db().membership.findMany({ where: { userId: o.viewer.id }, select: { orgId: true } })).map((m) => m.orgId);
  return db().accordComment.findMany({
    where: { accordId: o.accordId, OR: [{ visibility: "SHARED" }, { visibility: "INTERNAL", orgId: { in: myOrgIds } }] },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      clauseKey: true,
      version: true,
      parentId: true,
      authorId: true,
      authorName: true,
      body: true,
      visibility: true,
      orgId: true,
      resolvedAt: true,
      createdAt: true,
    },
  });
}
