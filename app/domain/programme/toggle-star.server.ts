import { db } from "~/utils/db.server";
import { notFound, unauthorized } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";

export type ToggleStarOptions = { actor: SessionUser | null; slug: string; sessionId: string; starred: boolean };

/** Adds a published session to (or removes it from) the actor's agenda; repeating it changes nothing. */
export async function toggleStar({ actor, slug, sessionId, starred }: ToggleStarOptions) {
  if (!actor) throw unauthorized();
  return db().$transaction(async (tx) => {
    const session = await tx.programmeSession.findFirst({
      where: { id: sessionId, status: "PUBLISHED", conference: { slug, status: "PUBLISHED" } },
      select: { id: true },
    });
    if (!session) throw notFound();
    if (starred) await tx.agendaStar.createMany({ data: [{ userId: actor.id, sessionId }], skipDuplicates: true });
    else await tx.agendaStar.deleteMany({ where: { userId: actor.id, sessionId } });
    return { starred };
  });
}
