import { db } from "~/utils/db.server";
import { audit } from "../audit.server";
import { hashPassword } from "./password.server";
import { createSession, revokeAllSessions, type SessionContext } from "./sessions.server";
import { consumeToken } from "./tokens.server";

/**
 * Sets a new password from a reset link. Whoever had the old password may be
 * signed in somewhere, so every session ends; this browser gets a fresh one.
 */
export async function resetPassword(secret: string, newPassword: string, ctx: SessionContext) {
  // Hashed before the transaction so argon2's ~50 ms does not hold row locks.
  const passwordHash = await hashPassword(newPassword);
  return db().$transaction(async (tx) => {
    const { userId } = await consumeToken(tx, secret, "RESET_PASSWORD");
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await revokeAllSessions(tx, userId);
    await audit(tx, { actorId: userId, action: "user.password-reset", entityType: "User", entityId: userId });
    return createSession(tx, userId, ctx);
  });
}
