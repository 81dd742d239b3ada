import type { Locale, TokenPurpose } from "~/generated/prisma/client";
import { newSecret, hashSecret } from "~/utils/crypto.server";
import { db, type Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { absoluteUrl } from "~/utils/http.server";
import { audit } from "../audit.server";
import { enqueueEmail } from "../email/enqueue.server";

/**
 * The one module that creates and redeems OneTimeTokens (the secrets in
 * emailed links). Each purpose has its lifetime, its landing page and its email.
 */
const MINUTE = 60 * 1000;
export const tokenPolicies = {
  VERIFY_EMAIL: { ttlMs: 24 * 60 * MINUTE, path: "/verify-email", template: "verifyEmail" },
  LOGIN_LINK: { ttlMs: 15 * MINUTE, path: "/auth/email-link", template: "loginLink" },
  RESET_PASSWORD: { ttlMs: 60 * MINUTE, path: "/reset-password", template: "resetPassword" },
} as const satisfies Record<TokenPurpose, { ttlMs: number; path: string; template: string }>;

export type Recipient = { id: string; email: string; nameLatin: string; locale: Locale };

/** Creates a token and queues the email carrying its link, both in the caller's transaction. */
export async function sendTokenEmail(tx: Tx, user: Recipient, purpose: TokenPurpose) {
  const policy = tokenPolicies[purpose];
  const secret = newSecret();
  await tx.oneTimeToken.create({
    data: { purpose, tokenHash: hashSecret(secret), userId: user.id, expiresAt: new Date(Date.now() + policy.ttlMs) },
  });
  const url = absoluteUrl(`${policy.path}?token=${encodeURIComponent(secret)}`);
  await enqueueEmail(tx, { to: user.email, locale: user.locale, template: policy.template, props: { name: user.nameLatin, url } });
  await audit(tx, { actorId: null, action: "token.sent", entityType: "User", entityId: user.id, data: { purpose } });
}

const problems = {
  unknown: () => new AppError("TOKEN_UNKNOWN", "accounts.link.unknown"),
  used: () => new AppError("TOKEN_USED", "accounts.link.used"),
  expired: () => new AppError("TOKEN_EXPIRED", "accounts.link.expired"),
};

type TokenRow = { purpose: TokenPurpose; usedAt: Date | null; expiresAt: Date } | null;

function problemWith(token: TokenRow, purpose: TokenPurpose, now: Date): AppError | null {
  if (!token || token.purpose !== purpose) return problems.unknown();
  if (token.usedAt) return problems.used();
  if (token.expiresAt <= now) return problems.expired();
  return null;
}

/**
 * Read-only check for pages that show a confirmation before redeeming (so
 * mail scanners that prefetch links do not burn them). Throws the AppError
 * that redeeming would throw.
 */
export async function checkToken(secret: string, purpose: TokenPurpose) {
  const token = await db().oneTimeToken.findUnique({
    where: { tokenHash: hashSecret(secret) },
    select: { purpose: true, usedAt: true, expiresAt: true },
  });
  const problem = problemWith(token, purpose, new Date());
  if (problem) throw problem;
}

/**
 * Redeems a token exactly once. The conditional UPDATE is the check: of two
 * concurrent redemptions the database lets only one match `usedAt IS NULL`,
 * so there is no read-check-write race. Every token arrived by email, so
 * redeeming one also proves the address (the email becomes verified), and the
 * user's other unused links of the same purpose stop working.
 */
export async function consumeToken(tx: Tx, secret: string, purpose: TokenPurpose): Promise<{ userId: string }> {
  const tokenHash = hashSecret(secret);
  const now = new Date();
  const { count } = await tx.oneTimeToken.updateMany({
    where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  const token = await tx.oneTimeToken.findUnique({
    where: { tokenHash },
    select: { userId: true, purpose: true, usedAt: true, expiresAt: true },
  });
  if (count !== 1 || !token) throw problemWith(token, purpose, now) ?? problems.used();
  await tx.oneTimeToken.updateMany({ where: { userId: token.userId, purpose, usedAt: null }, data: { usedAt: now } });
  const verified = await tx.user.updateMany({ where: { id: token.userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
  if (verified.count) await audit(tx, { actorId: token.userId, action: "user.email-verified", entityType: "User", entityId: token.userId });
  await audit(tx, { actorId: token.userId, action: "token.used", entityType: "User", entityId: token.userId, data: { purpose } });
  return { userId: token.userId };
}
