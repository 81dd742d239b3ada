import type { TokenPurpose } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { hit, rules } from "~/utils/rate-limit.server";
import { normalizeEmail } from "./email";
import { sendTokenEmail } from "./tokens.server";

/**
 * Emails a link (sign-in link, password reset, or verification again) to an
 * address if it has an account that can use it. The caller always tells the
 * visitor the same thing, so this page cannot be used to learn who has an
 * account; the limits stop it being used to flood someone's mailbox.
 */
export async function sendEmailLink(purpose: TokenPurpose, input: { email: string; ip: string }) {
  const email = normalizeEmail(input.email);
  // A sign-in link is a way to sign in: it counts against the password sign-in's limits too, so the two
  // cannot be alternated to get twice the attempts.
  if (purpose === "LOGIN_LINK") {
    await hit(rules.loginPerIp, input.ip);
    await hit(rules.loginPerAccount, email);
  }
  await hit(rules.emailLinkPerIp, input.ip);
  await hit(rules.emailLinkPerAccount, email);
  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, email: true, nameLatin: true, locale: true, emailVerifiedAt: true },
  });
  if (!user) return;
  if (purpose === "VERIFY_EMAIL" && user.emailVerifiedAt) return;
  await db().$transaction((tx) => sendTokenEmail(tx, user, purpose));
}
