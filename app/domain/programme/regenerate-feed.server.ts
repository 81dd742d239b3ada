import { hashSecret, newSecret } from "~/utils/crypto.server";
import { db } from "~/utils/db.server";
import { unauthorized } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";

export type RegenerateFeedOptions = { actor: SessionUser | null };

/**
 * Gives the actor a new secret calendar-feed address; the previous one stops
 * working at once. Only the hash is stored, so the address is shown only now.
 */
export async function regenerateFeed({ actor }: RegenerateFeedOptions) {
  if (!actor) throw unauthorized();
  const token = newSecret();
  await db().$transaction(async (tx) => {
    await tx.calendarFeed.upsert({
      where: { userId: actor.id },
      create: { userId: actor.id, tokenHash: hashSecret(token) },
      update: { tokenHash: hashSecret(token), createdAt: new Date() },
    });
    await audit(tx, { actorId: actor.id, action: "programme.feed.regenerate", entityType: "User", entityId: actor.id });
  });
  return { token };
}
