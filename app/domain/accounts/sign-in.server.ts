import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { forgive, hit, rules } from "~/utils/rate-limit.server";
import { audit } from "../audit.server";
import { normalizeEmail } from "./email";
import { burnPasswordCheck, verifyPassword } from "./password.server";
import { createSession, type SessionContext } from "./sessions.server";

/** One message for a wrong email and a wrong password, so the form does not reveal who has an account. */
const invalidCredentials = () => new AppError("INVALID_CREDENTIALS", "accounts.login.invalid");

/** Password sign-in; returns the new session's id for the cookie. */
export async function signIn(input: { email: string; password: string }, ctx: SessionContext & { ip: string }) {
  const email = normalizeEmail(input.email);
  await hit(rules.loginPerIp, ctx.ip);
  await hit(rules.loginPerAccount, email);
  const user = await db().user.findUnique({ where: { email }, select: { id: true, passwordHash: true, emailVerifiedAt: true } });
  if (!user?.passwordHash) {
    await burnPasswordCheck(input.password);
    throw invalidCredentials();
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await db().$transaction((tx) =>
      audit(tx, { actorId: null, action: "login.failed", entityType: "User", entityId: user.id, data: { ip: ctx.ip } }),
    );
    throw invalidCredentials();
  }
  // Only said after the password matched: it reveals the account to its owner alone.
  if (!user.emailVerifiedAt) throw new AppError("EMAIL_UNVERIFIED", "accounts.login.unverified");
  // Only wrong guesses count towards the limits: the right password gives its attempt back.
  await Promise.all([forgive(rules.loginPerIp, ctx.ip), forgive(rules.loginPerAccount, email)]);
  return db().$transaction((tx) => createSession(tx, user.id, ctx));
}
