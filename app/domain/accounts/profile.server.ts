import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";

/** Saves the user's language; emails to them are written in it from now on. */
export async function setPreferredLocale(user: SessionUser, locale: "en" | "zh") {
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { locale } });
    await audit(tx, { actorId: user.id, action: "user.locale", entityType: "User", entityId: user.id, data: { locale } });
  });
}

/** What the account page shows: the profile, the email's state and the organizations the user belongs to. */
export async function loadProfile(user: SessionUser) {
  return db().user.findUniqueOrThrow({
    where: { id: user.id },
    select: {
      email: true,
      emailVerifiedAt: true,
      nameLatin: true,
      nameNative: true,
      title: true,
      locale: true,
      memberships: {
        orderBy: { createdAt: "asc" },
        select: { roles: true, position: true, org: { select: { slug: true, nameEn: true, nameNative: true } } },
      },
    },
  });
}

export type ProfileInput = { nameLatin: string; nameNative?: string; title?: string; locale: "en" | "zh" };

/** Saves the profile; cleared optional fields are stored as empty (null). */
export async function updateProfile(user: SessionUser, input: ProfileInput) {
  const data = { nameLatin: input.nameLatin, nameNative: input.nameNative ?? null, title: input.title ?? null, locale: input.locale };
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data });
    await audit(tx, { actorId: user.id, action: "user.profile-updated", entityType: "User", entityId: user.id, data });
  });
}
