import { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { AppError, notFound, unauthorized } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { isUuid } from "~/utils/validation";
import { now as clockNow } from "~/utils/clock.server";
import { audit } from "../audit.server";
import { registrationClosed } from "./sales-window";

export type WaitlistOptions = { actor: SessionUser | null; slug: string; ticketTypeId: string; leave?: boolean; now?: Date };

/** Joins (or leaves) the waitlist of a sold-out ticket of a published conference. */
export async function joinWaitlist({ actor, slug, ticketTypeId, leave, now = clockNow() }: WaitlistOptions) {
  if (!actor) throw unauthorized();
  // A missing or malformed id names no ticket (and must not reach a ::uuid cast).
  if (!isUuid(ticketTypeId)) throw notFound();
  try {
    return await db().$transaction(async (tx) => {
      const ticket = await tx.ticketType.findFirst({
        where: { id: ticketTypeId, hidden: false, conference: { slug, status: "PUBLISHED" } },
        select: {
          id: true,
          conferenceId: true,
          conference: { select: { endDate: true, timeZone: true } },
          quotas: { select: { quota: { select: { capacity: true, used: true } } } },
        },
      });
      if (!ticket) throw notFound();
      if (!leave && registrationClosed(ticket.conference, now)) throw new AppError("SALES_CLOSED", "reg.error.registrationClosed");
      if (leave) {
        await tx.waitlistEntry.deleteMany({ where: { conferenceId: ticket.conferenceId, userId: actor.id, status: "WAITING" } });
        return { left: true };
      }
      const registered = await tx.registration.count({
        where: { conferenceId: ticket.conferenceId, userId: actor.id, status: { in: ["RESERVED", "CONFIRMED"] } },
      });
      if (registered) throw new AppError("ALREADY_REGISTERED", "reg.error.already");
      if (!ticket.quotas.some((q) => q.quota.used >= q.quota.capacity)) throw new AppError("NOT_SOLD_OUT", "reg.error.notSoldOut");
      // A finished entry (expired offer, claimed and later cancelled) starts again at the end of the line.
      await tx.waitlistEntry.deleteMany({
        where: { conferenceId: ticket.conferenceId, userId: actor.id, status: { in: ["EXPIRED", "CLAIMED", "LEFT"] } },
      });
      const entry = await tx.waitlistEntry.create({
        data: { conferenceId: ticket.conferenceId, userId: actor.id, ticketTypeId: ticket.id },
        select: { id: true },
      });
      await audit(tx, { actorId: actor.id, action: "waitlist.join", entityType: "WaitlistEntry", entityId: entry.id });
      return { left: false };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new AppError("ALREADY_WAITING", "reg.error.alreadyWaiting");
    throw error;
  }
}
