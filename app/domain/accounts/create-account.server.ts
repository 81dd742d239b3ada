import { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { hit, rules } from "~/utils/rate-limit.server";
import { audit } from "../audit.server";
import { normalizeEmail } from "./email";
import { hashPassword } from "./password.server";
import { sendTokenEmail } from "./tokens.server";

export type NewAccount = {
  email: string;
  password: string;
  nameLatin: string;
  nameNative?: string;
  locale: "en" | "zh";
};

const emailTaken = () => new AppError("EMAIL_TAKEN", "accounts.signup.emailTaken");

/**
 * Sign-up: an unverified account and its verification email, in one
 * transaction. No session is started: the person signs in by following the link.
 */
export async function createAccount(input: NewAccount, ctx: { ip: string }) {
  await hit(rules.signupPerIp, ctx.ip);
  const email = normalizeEmail(input.email);
  // Checked before hashing so a taken address costs no argon2 work; the unique index still decides races.
  if (await db().user.findUnique({ where: { email }, select: { id: true } })) throw emailTaken();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email, passwordHash, nameLatin: input.nameLatin, nameNative: input.nameNative ?? null, locale: input.locale },
        select: { id: true, email: true, nameLatin: true, locale: true },
      });
      await audit(tx, { actorId: user.id, action: "user.signed-up", entityType: "User", entityId: user.id });
      await sendTokenEmail(tx, user, "VERIFY_EMAIL");
      return { userId: user.id };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw emailTaken();
    throw error;
  }
}
