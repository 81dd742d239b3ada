import { db, type Tx } from "~/utils/db.server";
import { SESSION_DAYS, type SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";

export type SessionContext = { ip?: string; userAgent?: string | null };

/** Starts a session row for a user; the caller sets the cookie from the returned id. */
export async function createSession(tx: Tx, userId: string, ctx: SessionContext = {}) {
  const session = await tx.session.create({
    data: {
      userId,
      expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000),
      ip: ctx.ip,
      userAgent: ctx.userAgent?.slice(0, 300),
    },
    select: { id: true },
  });
  await audit(tx, { actorId: userId, action: "session.created", entityType: "Session", entityId: session.id, data: { ip: ctx.ip ?? null } });
  return session.id;
}

/** Signs this browser out: the row is revoked, so the cookie stops working even if it is replayed. */
export async function revokeSession(user: SessionUser) {
  await db().$transaction(async (tx) => {
    await tx.session.updateMany({ where: { id: user.sessionId, userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await audit(tx, { actorId: user.id, action: "session.revoked", entityType: "Session", entityId: user.sessionId });
  });
}

/** Signs out every browser of the user, optionally keeping the current one. */
export async function revokeAllSessions(tx: Tx, userId: string, keepSessionId?: string) {
  const { count } = await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
    data: { revokedAt: new Date() },
  });
  await audit(tx, { actorId: userId, action: "session.revoked-all", entityType: "User", entityId: userId, data: { count } });
  return count;
}
