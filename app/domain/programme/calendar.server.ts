import { pick, type AppLocale } from "~/i18n";
import { hashSecret } from "~/utils/crypto.server";
import { db } from "~/utils/db.server";
import { absoluteUrl } from "~/utils/http.server";
import { renderCalendar, type IcsEvent } from "~/utils/ics";
import { asReleased, releasedOrder, releasedSessionSelect, releasedWhere, type ListedSession } from "./programme-view.server";
import { localTime } from "~/utils/zoned-time";
import { isUuid } from "~/utils/validation";

type ConferenceInfo = { slug: string; title: string; titleZh: string | null; timeZone: string; venue: string };

/** Calendar events of scheduled sessions; times in UTC, the venue time named in the description. */
export function sessionEvents(sessions: ListedSession[], conference: ConferenceInfo, locale: AppLocale): IcsEvent[] {
  return sessions
    .filter((s) => s.startsAt && s.endsAt)
    .map((s) => {
      const speakers = s.speakers.map((p) => p.speaker.nameLatin).join(", ");
      const venueTime = `${localTime(s.startsAt!, conference.timeZone)}–${localTime(s.endsAt!, conference.timeZone)} ${conference.timeZone}`;
      return {
        uid: `${s.id}@concord`,
        sequence: s.sequence,
        start: s.startsAt!,
        end: s.endsAt!,
        summary: pick(locale, s.title, s.titleZh),
        location: [s.room ? pick(locale, s.room.name, s.room.nameZh) : null, conference.venue].filter(Boolean).join(", "),
        description: [pick(locale, conference.title, conference.titleZh), venueTime, speakers].filter(Boolean).join("\n"),
        url: absoluteUrl(`/conferences/${conference.slug}/sessions/${s.id}`),
        lastModified: s.releasedAt ?? s.updatedAt,
      };
    });
}

const conferenceInfo = { slug: true, title: true, titleZh: true, timeZone: true, venue: true } as const;

/** The .ics of one published session, or null when there is none to show. */
export async function sessionCalendar(slug: string, sessionId: string, locale: AppLocale) {
  if (!isUuid(sessionId)) return null;
  const raw = await db().programmeSession.findFirst({
    where: { id: sessionId, ...releasedWhere, conference: { slug, status: "PUBLISHED" } },
    select: { ...releasedSessionSelect, conference: { select: conferenceInfo } },
  });
  if (!raw) return null;
  const session = asReleased(raw);
  return renderCalendar({
    name: pick(locale, session.title, session.titleZh),
    events: sessionEvents([session], session.conference, locale),
  });
}

/** The .ics of a published conference's whole published programme. */
export async function conferenceCalendar(slug: string, locale: AppLocale) {
  const conference = await db().conference.findFirst({ where: { slug, status: "PUBLISHED" }, select: { id: true, ...conferenceInfo } });
  if (!conference) return null;
  const sessions = (
    await db().programmeSession.findMany({
      where: { conferenceId: conference.id, ...releasedWhere },
      orderBy: releasedOrder,
      select: releasedSessionSelect,
    })
  ).map(asReleased);
  return renderCalendar({ name: pick(locale, conference.title, conference.titleZh), events: sessionEvents(sessions, conference, locale) });
}

/**
 * The agenda feed behind a secret token: every published session the owner
 * starred, across conferences, at its released time (so calendars follow released moves).
 */
export async function agendaCalendar(token: string) {
  const feed = await db().calendarFeed.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: { user: { select: { id: true, locale: true } } },
  });
  if (!feed) return null;
  const stars = await db().agendaStar.findMany({
    where: { userId: feed.user.id, session: { ...releasedWhere, conference: { status: "PUBLISHED" } } },
    select: { session: { select: { ...releasedSessionSelect, conference: { select: conferenceInfo } } } },
    orderBy: { session: { releasedStartsAt: "asc" } },
  });
  const locale = feed.user.locale;
  const events = stars.flatMap(({ session }) => sessionEvents([asReleased(session)], session.conference, locale));
  return renderCalendar({ name: locale === "zh" ? "我的会议日程 · Concord" : "My agenda · Concord", events });
}
