import { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { absoluteUrl } from "~/utils/http.server";
import { hit, rules, withinLimit } from "~/utils/rate-limit.server";
import { audit } from "../audit.server";
import { enqueueEmail } from "../email/enqueue.server";
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

/**
 * Sign-up: an unverified account and its verification email, in one transaction. No session is started:
 * the person signs in by following the link. For an address that already has an account the visitor gets
 * exactly the same answer, after the same work (the password is hashed either way), and the owner gets a
 * notice by email instead — so sign-up cannot tell anyone which addresses have accounts.
 */
export async function createAccount(input: NewAccount, ctx: { ip: string }) {
  await hit(rules.signupPerIp, ctx.ip);
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const existing = await db().user.findUnique({ where: { email }, select: { id: true } });
  if (existing) return noticeOwner(existing.id);
  try {
    await db().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email, passwordHash, nameLatin: input.nameLatin, nameNative: input.nameNative ?? null, locale: input.locale },
        select: { id: true, email: true, nameLatin: true, locale: true },
      });
      await audit(tx, { actorId: user.id, action: "user.signed-up", entityType: "User", entityId: user.id });
      await sendTokenEmail(tx, user, "VERIFY_EMAIL");
    });
  } catch (error) {
    // Two sign-ups for one address at once: the unique index decides, the loser is the "taken" case.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    const winner = await db().user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    await noticeOwner(winner.id);
  }
}

/** Tells an address's owner that someone tried to sign up with it (at most once an hour, so no mailbox is flooded). */
async function noticeOwner(userId: string) {
  const owner = await db().user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, nameLatin: true, locale: true },
  });
  if (!(await withinLimit(rules.signupNoticePerAccount, owner.email))) return;
  await db().$transaction(async (tx) => {
    await enqueueEmail(tx, {
      to: owner.email,
      locale: owner.locale,
      template: "accountExists",
      props: { name: owner.nameLatin, url: absoluteUrl("/login") },
    });
    await audit(tx, { actorId: null, action: "user.signup-for-existing", entityType: "User", entityId: owner.id });
  });
}
