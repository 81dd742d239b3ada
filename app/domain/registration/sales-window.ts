import { isoDay } from "~/utils/time";
import { localDayBounds } from "~/utils/zoned-time";

/**
 * A conference's calendar bounds what registration may do (decision 062):
 * sales, holds, waitlist offers and attendees' own cancellations all close when
 * the conference is over — midnight after its last day in the venue's zone —
 * whatever a ticket's sales end, a hold's length or the cancellation deadline
 * would otherwise allow. Pure, so pages and domain operations share one rule.
 */
export type ConferenceCalendar = { startDate: Date; endDate: Date; timeZone: string };

/** The instant the conference is over: the end of its last day in the venue's zone. */
export function conferenceOver(c: Pick<ConferenceCalendar, "endDate" | "timeZone">): Date {
  const lastDay = isoDay(c.endDate);
  // A DATE that cannot be shown (decision 040) never closes anything by itself.
  if (!lastDay) return new Date(8.64e15);
  return localDayBounds(lastDay, c.timeZone).end;
}

/** Whether registering, holding and offering have closed for good. */
export function registrationClosed(c: Pick<ConferenceCalendar, "endDate" | "timeZone">, now: Date): boolean {
  return now >= conferenceOver(c);
}

/** An expiry (hold, offer) that cannot outlive the conference. */
export function capAtEnd(at: Date, c: Pick<ConferenceCalendar, "endDate" | "timeZone">): Date {
  const over = conferenceOver(c);
  return at > over ? over : at;
}

/**
 * Until when attendees may cancel their own registration: the organizers'
 * deadline (by default the first day), never after the conference is over.
 */
export function attendeeCancelDeadline(cancelUntil: Date | null, c: ConferenceCalendar): Date {
  return capAtEnd(cancelUntil ?? c.startDate, c);
}

/**
 * SQL for "the conference `alias` is over at `now`": the end of its last day
 * in its zone. For the sweeper, which releases holds and offers of ended
 * conferences even when their own expiry lies later (rows written before the
 * cap existed).
 */
export const CONFERENCE_OVER_SQL = (alias: string) => `((${alias}."endDate" + 1)::timestamp AT TIME ZONE ${alias}."timeZone")`;
