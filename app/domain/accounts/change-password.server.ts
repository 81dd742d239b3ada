import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { hit, rules } from "~/utils/rate-limit.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { hashPassword, verifyPassword } from "./password.server";
import { revokeAllSessions } from "./sessions.server";

/**
 * Changes the password of the signed-in user. The current password is asked
 * (and its attempts counted like sign-ins) so a borrowed or stolen session
 * cannot take the account over; other browsers are signed out.
 */
export async function changePassword(user: SessionUser, input: { currentPassword: string; newPassword: string }) {
  await hit(rules.loginPerAccount, user.email);
  const row = await db().user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw new AppError("WRONG_PASSWORD", "accounts.security.wrongPassword");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await audit(tx, { actorId: user.id, action: "user.password-changed", entityType: "User", entityId: user.id });
    await revokeAllSessions(tx, user.id, user.sessionId);
  });
}
