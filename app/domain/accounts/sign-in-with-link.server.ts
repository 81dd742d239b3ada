import { db } from "~/utils/db.server";
import { createSession, type SessionContext } from "./sessions.server";
import { consumeToken } from "./tokens.server";

/** The links that sign the browser in when followed: email verification and the one-time sign-in link. */
export type SignInLink = "VERIFY_EMAIL" | "LOGIN_LINK";

/** Redeems the link (verifying the email) and starts a session; returns its id for the cookie. */
export async function signInWithLink(purpose: SignInLink, secret: string, ctx: SessionContext) {
  return db().$transaction(async (tx) => {
    const { userId } = await consumeToken(tx, secret, purpose);
    return createSession(tx, userId, ctx);
  });
}
