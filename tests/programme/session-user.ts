import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";

/** The SessionUser a route would see for this account (domain operations take it as `actor`). */
export async function sessionUserOf(userId: string): Promise<SessionUser> {
  const u = await db().user.findUniqueOrThrow({ where: { id: userId } });
  return {
    id: u.id,
    email: u.email,
    nameLatin: u.nameLatin,
    nameNative: u.nameNative,
    locale: u.locale,
    emailVerified: !!u.emailVerifiedAt,
    sessionId: "00000000-0000-0000-0000-000000000000",
  };
}
