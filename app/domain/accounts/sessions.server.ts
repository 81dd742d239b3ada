import { requireConfirmed } from "~/utils/confirm";
import { db, type Tx } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { SESSION_DAYS, type SessionUser } from "~/utils/session.server";
import { formatDateTime } from "~/utils/time";
import { describeUserAgent } from "~/utils/user-agent";
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
  return sessions.map((s) => ({ ...s, device: describeUserAgent(s.userAgent), current: s.id === user.sessionId }));
}

/** A moment as the sessions page shows it (the person's time zone is not known: UTC, said so). */
const inUtc = (at: Date, user: SessionUser) => `${formatDateTime(at, "UTC", user.locale)} UTC`;

const REVOKE_QUESTION = {
  this: { known: "accounts.security.confirm.revokeThis", unknown: "accounts.security.confirm.revokeThisUnknown" },
  other: { known: "accounts.security.confirm.revokeOther", unknown: "accounts.security.confirm.revokeOtherUnknown" },
} as const;

/**
 * Signs out one of the user's own browsers. Someone else's session id (or an
 * unknown or already revoked one) changes nothing and is reported as not
 * found, which does not tell whether it exists. Refused until `confirmed`
 * (decision 065), naming the browser, when it was last seen and whether it is
 * the one asking (then this browser is signed out too).
 */
export async function revokeOwnSession(user: SessionUser, o: { sessionId: string; confirmed: boolean }) {
  const current = o.sessionId === user.sessionId;
  await db().$transaction(async (tx) => {
    if (!o.confirmed) {
      const session = await tx.session.findFirst({
        where: { id: o.sessionId, userId: user.id, revokedAt: null },
        select: { userAgent: true, lastSeenAt: true },
      });
      if (!session) throw notFound();
      const device = describeUserAgent(session.userAgent);
      const lastSeen = inUtc(session.lastSeenAt, user);
      const question = REVOKE_QUESTION[current ? "this" : "other"][device ? "known" : "unknown"];
      requireConfirmed(false, question, device ? { device, lastSeen } : { lastSeen });
    }
    const { count } = await tx.session.updateMany({
      where: { id: o.sessionId, userId: user.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count !== 1) throw notFound();
    await audit(tx, { actorId: user.id, action: "session.revoked", entityType: "Session", entityId: o.sessionId });
  });
  return { current };
}

/**
 * "Sign out everywhere": every session of the user ends, this browser's included; the password does not change.
 * Refused until `confirmed`, saying how many other browsers are signed in (the ones the sessions page lists).
 */
export async function signOutEverywhere(user: SessionUser, o: { confirmed: boolean }) {
  return db().$transaction(async (tx) => {
    if (!o.confirmed) {
      const others = await tx.session.count({
        where: { userId: user.id, revokedAt: null, expiresAt: { gt: new Date() }, id: { not: user.sessionId } },
      });
      requireConfirmed(false, "accounts.security.confirm.everywhere", { others });
    }
    return revokeAllSessions(tx, user.id);
  });
}
