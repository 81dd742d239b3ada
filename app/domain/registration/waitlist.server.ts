import { enqueueEmail } from "~/domain/email/enqueue.server";
import { pick } from "~/i18n";
import type { Tx } from "~/utils/db.server";
import { absoluteUrl } from "~/utils/http.server";
import { formatDateTime } from "~/utils/time";
import { quotaIdsOf, tryTakePlaces } from "./quota.server";
import { capAtEnd, registrationClosed } from "./sales-window";
import { settingsOf } from "./settings.server";

/**
 * Hands freed places to the waitlist, oldest first, inside the caller's
 * transaction. An offer takes its places like a reservation (so nobody else
 * can take them) and is emailed; entries whose ticket is still full keep
 * waiting. Called after every release: cancellation, expiry, raised capacity.
 */
export async function offerFreedPlaces(tx: Tx, conferenceId: string, now: Date) {
  // Once the conference is over a place is worth nothing: nobody is offered one (decision 062).
  const calendar = await tx.conference.findUniqueOrThrow({ where: { id: conferenceId }, select: { endDate: true, timeZone: true } });
  if (registrationClosed(calendar, now)) return 0;
  const waiting = await tx.$queryRaw<{ id: string; ticketTypeId: string }[]>`
    SELECT id, "ticketTypeId" FROM "WaitlistEntry"
    WHERE "conferenceId" = ${conferenceId}::uuid AND status = 'WAITING'
    ORDER BY "createdAt", id LIMIT 50 FOR UPDATE SKIP LOCKED`;
  if (waiting.length === 0) return 0;
  const settings = await settingsOf(tx, conferenceId);
  const full = new Set<string>();
  let offered = 0;
  for (const entry of waiting) {
    if (full.has(entry.ticketTypeId)) continue;
    if (!(await tryTakePlaces(tx, await quotaIdsOf(tx, entry.ticketTypeId)))) {
      full.add(entry.ticketTypeId);
      continue;
    }
    // An offer never outlives the conference.
    const expires = capAtEnd(new Date(now.getTime() + settings.offerHours * 3600_000), calendar);
    const e = await tx.waitlistEntry.update({
      where: { id: entry.id },
      data: { status: "OFFERED", offeredAt: now, offerExpiresAt: expires },
      select: {
        user: { select: { email: true, nameLatin: true, locale: true } },
        ticketType: { select: { nameEn: true, nameZh: true } },
        conference: { select: { slug: true, title: true, titleZh: true, timeZone: true } },
      },
    });
    const l = e.user.locale;
    await enqueueEmail(tx, {
      to: e.user.email,
      locale: l,
      template: "waitlistOffer",
      props: {
        name: e.user.nameLatin,
        conference: pick(l, e.conference.title, e.conference.titleZh),
        url: absoluteUrl(`/conferences/${e.conference.slug}/register?offer=${entry.id}`),
        ticket: pick(l, e.ticketType.nameEn, e.ticketType.nameZh),
        expires: `${formatDateTime(expires, e.conference.timeZone, l)} (${e.conference.timeZone})`,
      },
    });
    offered += 1;
  }
  return offered;
}
