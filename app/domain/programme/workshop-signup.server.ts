import { db } from "~/utils/db.server";
import { AppError, notFound, unauthorized } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { programmeLocks, type ProgrammeLocking } from "./locks.server";

export type WorkshopSignupOptions = {
  actor: SessionUser | null;
  slug: string;
  sessionId: string;
  join: boolean;
  /** The workshop's lock; always `programmeLocks`, except in the race tests. */
  locking?: ProgrammeLocking;
};

/**
 * Signs the actor up for a workshop (or cancels). The workshop's row is locked
 * for the count-then-insert, so concurrent sign-ups can never exceed its
 * capacity (tests/programme/workshop-race.test.ts, with its control).
 */
export async function workshopSignup({ actor, slug, sessionId, join, locking = programmeLocks }: WorkshopSignupOptions) {
  if (!actor) throw unauthorized();
  return db().$transaction(async (tx) => {
    const session = await tx.programmeSession.findFirst({
      where: { id: sessionId, status: "PUBLISHED", conference: { slug, status: "PUBLISHED" } },
      select: { id: true, signupRequired: true, signupCapacity: true },
    });
    if (!session) throw notFound();
    if (!session.signupRequired || !session.signupCapacity) throw new AppError("NOT_WORKSHOP", "programme.error.notWorkshop");
    if (!join) {
      await tx.workshopSignup.deleteMany({ where: { sessionId, userId: actor.id } });
      await audit(tx, { actorId: actor.id, action: "programme.workshop.leave", entityType: "ProgrammeSession", entityId: sessionId });
      return { joined: false };
    }
    await locking.session(tx, sessionId);
    const mine = await tx.workshopSignup.findUnique({
      where: { sessionId_userId: { sessionId, userId: actor.id } },
      select: { userId: true },
    });
    if (mine) return { joined: true };
    const taken = await tx.workshopSignup.count({ where: { sessionId } });
    if (taken >= session.signupCapacity) throw new AppError("FULL", "programme.error.full");
    await locking.afterCheck();
    await tx.workshopSignup.create({ data: { sessionId, userId: actor.id } });
    await audit(tx, { actorId: actor.id, action: "programme.workshop.join", entityType: "ProgrammeSession", entityId: sessionId });
    return { joined: true };
  });
}
