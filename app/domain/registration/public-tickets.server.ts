import { now as clockNow } from "~/utils/clock.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import type { QuestionDef } from "./form-schema";
import { registrationClosed } from "./sales-window";
import { stripeConfigured } from "./stripe.server";

export type TicketsPageOptions = { slug: string; viewer: SessionUser | null; now?: Date };

/**
 * A published conference's ticket types with what is left of their quotas,
 * its registration questions, and the viewer's own registration, waitlist
 * entry and offer. Availability is informative only: the reservation decides.
 */
export async function ticketsPage({ slug, viewer, now = clockNow() }: TicketsPageOptions) {
  const conference = await db().conference.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, titleZh: true, status: true, currency: true, timeZone: true, endDate: true },
  });
  if (!conference || conference.status !== "PUBLISHED") throw notFound();
  const [types, questions, mine, waiting] = await Promise.all([
    db().ticketType.findMany({
      where: { conferenceId: conference.id, hidden: false },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      include: { quotas: { select: { quota: { select: { capacity: true, used: true } } } } },
    }),
    db().registrationQuestion.findMany({
      where: { conferenceId: conference.id },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, kind: true, labelEn: true, labelZh: true, required: true, options: true, optionsZh: true },
    }),
    viewer
      ? db().registration.findUnique({
          where: { conferenceId_userId: { conferenceId: conference.id, userId: viewer.id } },
          select: { id: true, status: true },
        })
      : null,
    viewer
      ? db().waitlistEntry.findUnique({
          where: { conferenceId_userId: { conferenceId: conference.id, userId: viewer.id } },
          select: { id: true, status: true, ticketTypeId: true, offerExpiresAt: true },
        })
      : null,
  ]);
  // Once the conference is over nothing is sold, held or offered (decision 062).
  const over = registrationClosed(conference, now);
  const tickets = types.map((t) => {
    const left = t.quotas.length ? Math.min(...t.quotas.map((q) => Math.max(q.quota.capacity - q.quota.used, 0))) : null;
    const sale = over ? "closed" : t.salesStart && t.salesStart > now ? "notOpen" : t.salesEnd && t.salesEnd <= now ? "closed" : "open";
    return {
      id: t.id,
      nameEn: t.nameEn,
      nameZh: t.nameZh,
      descriptionEn: t.descriptionEn,
      descriptionZh: t.descriptionZh,
      priceCents: t.priceCents,
      currency: t.currency,
      eligibility: t.eligibility,
      salesStart: t.salesStart,
      salesEnd: t.salesEnd,
      sale: sale as "notOpen" | "closed" | "open",
      left,
    };
  });
  const registered = mine && (mine.status === "RESERVED" || mine.status === "CONFIRMED") ? mine : null;
  const offer = !over && waiting?.status === "OFFERED" && waiting.offerExpiresAt && waiting.offerExpiresAt > now ? waiting : null;
  return {
    conference,
    registrationClosed: over,
    tickets,
    questions: questions as QuestionDef[],
    registered,
    waitlist: waiting && (waiting.status === "WAITING" || offer) ? waiting : null,
    offer,
    cardAvailable: stripeConfigured(),
  };
}
