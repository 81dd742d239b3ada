import { enqueueEmail } from "~/domain/email/enqueue.server";
import { Prisma } from "~/generated/prisma/client";
import { pick } from "~/i18n";
import { db } from "~/utils/db.server";
import { absoluteUrl } from "~/utils/http.server";
import { audit } from "../audit.server";
import { registrationContext } from "./context.server";
import { quotaIdsOf, releasePlaces, releaseVoucherUse } from "./quota.server";
import { CONFERENCE_OVER_SQL } from "./sales-window";
import { offerFreedPlaces } from "./waitlist.server";

export type SweepOptions = { now?: Date; batch?: number };

/**
 * Releases unpaid holds and unclaimed waitlist offers whose time is up — or
 * whose conference is over, whatever their own expiry says (rows from before
 * holds were capped at the end, decision 062) — and passes the freed places to
 * the next people waiting (none once the conference is over). Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so every app process may run the sweeper at once
 * and a webhook confirming the same registration simply waits or wins.
 */
export async function sweepExpired({ now = new Date(), batch = 100 }: SweepOptions = {}) {
  const over = Prisma.raw(CONFERENCE_OVER_SQL("c"));
  return db().$transaction(
    async (tx) => {
      const holds = await tx.$queryRaw<
        { id: string; conferenceId: string; ticketTypeId: string; voucherId: string | null; over: boolean }[]
      >`
        SELECT r.id, r."conferenceId", r."ticketTypeId", r."voucherId", ${over} <= ${now} AS over FROM "Registration" r
        JOIN "Conference" c ON c.id = r."conferenceId"
        WHERE r.status = 'RESERVED' AND (r."holdUntil" <= ${now} OR ${over} <= ${now})
        ORDER BY r."holdUntil" LIMIT ${batch} FOR UPDATE OF r SKIP LOCKED`;
      const conferences = new Set<string>();
      for (const h of holds) {
        await tx.registration.update({ where: { id: h.id }, data: { status: "EXPIRED", holdUntil: null } });
        if (h.voucherId) await releaseVoucherUse(tx, h.voucherId);
        await releasePlaces(tx, await quotaIdsOf(tx, h.ticketTypeId));
        await audit(tx, { actorId: null, action: "registration.expire", entityType: "Registration", entityId: h.id });
        const ctx = await registrationContext(tx, h.id);
        await enqueueEmail(tx, {
          to: ctx.to,
          locale: ctx.locale,
          template: "holdExpired",
          props: { ...ctx.base, url: absoluteUrl(`/conferences/${ctx.conferenceSlug}/tickets`), over: h.over },
        });
        conferences.add(h.conferenceId);
      }
      const offers = await tx.$queryRaw<{ id: string; conferenceId: string; ticketTypeId: string }[]>`
        SELECT w.id, w."conferenceId", w."ticketTypeId" FROM "WaitlistEntry" w
        JOIN "Conference" c ON c.id = w."conferenceId"
        WHERE w.status = 'OFFERED' AND (w."offerExpiresAt" <= ${now} OR ${over} <= ${now})
        ORDER BY w."offerExpiresAt" LIMIT ${batch} FOR UPDATE OF w SKIP LOCKED`;
      for (const o of offers) {
        const e = await tx.waitlistEntry.update({
          where: { id: o.id },
          data: { status: "EXPIRED" },
          select: {
            user: { select: { email: true, nameLatin: true, locale: true } },
            conference: { select: { slug: true, title: true, titleZh: true } },
          },
        });
        await releasePlaces(tx, await quotaIdsOf(tx, o.ticketTypeId));
        await enqueueEmail(tx, {
          to: e.user.email,
          locale: e.user.locale,
          template: "offerExpired",
          props: {
            name: e.user.nameLatin,
            conference: pick(e.user.locale, e.conference.title, e.conference.titleZh),
            url: absoluteUrl(`/conferences/${e.conference.slug}/tickets`),
          },
        });
        conferences.add(o.conferenceId);
      }
      let offered = 0;
      for (const c of conferences) offered += await offerFreedPlaces(tx, c, now);
      return { expiredHolds: holds.length, expiredOffers: offers.length, offered };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
