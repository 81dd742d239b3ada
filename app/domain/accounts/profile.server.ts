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
