import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";

export type ListPasskeysOptions = { actor: SessionUser };

/** The signed-in person's own passkeys, oldest first (never anyone else's: the owner is in the where). */
export async function listPasskeys({ actor }: ListPasskeysOptions) {
  return db().webAuthnCredential.findMany({
    where: { userId: actor.id },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true },
  });
}
