import { db, type Tx } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
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
  await audit(tx, {
    actorId: userId,
    action: "session.created",
    entityType: "Session",
    entityId: session.id,
    data: { ip: ctx.ip ?? null },
  });
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

/** The user's browsers that are still signed in, newest first, marking this one. */
export async function listSessions(user: SessionUser) {
  const sessions = await db().session.findMany({
    where: { userId: user.id, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true },
  });
  return sessions.map((s) => ({ ...s, current: s.id === user.sessionId }));
}

/**
 * Signs out one of the user's own browsers. Someone else's session id (or an
 * unknown or already revoked one) changes nothing and is reported as not
 * found, which does not tell whether it exists.
 */
export async function revokeOwnSession(user: SessionUser, sessionId: string) {
  await db().$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { id: sessionId, userId: user.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count !== 1) throw notFound();
    await audit(tx, { actorId: user.id, action: "session.revoked", entityType: "Session", entityId: sessionId });
  });
  return { current: sessionId === user.sessionId };
}

/** "Sign out everywhere": every session of the user ends, this browser's included. */
export async function signOutEverywhere(user: SessionUser) {
  return db().$transaction((tx) => revokeAllSessions(tx, user.id));
}
