import { createHash } from "node:crypto";
import { pick, type AppLocale } from "~/i18n";
import { hashSecret } from "~/utils/crypto.server";
import { db } from "~/utils/db.server";
import { Lru } from "~/utils/lru";
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

/**
 * Everything an agenda feed's body is made of, hashed by PostgreSQL in one statement: the owner's
 * language, and per starred released session its placement, sequence, titles, room, conference and
 * speakers. Equal digests mean equal bodies (for one build and APP_URL), so it is a strong ETag
 * that costs one indexed read instead of building 100 events.
 */
async function feedVersion(tokenHash: string) {
  const [row] = await db().$queryRaw<{ userId: string; locale: AppLocale; digest: string }[]>`/* prepared */
    SELECT u.id AS "userId", u.locale::text AS locale,
      (SELECT md5(coalesce(string_agg(concat_ws('|', s.id, s.sequence, coalesce(s."releasedAt", s."updatedAt"),
                s."releasedStartsAt", s."releasedEndsAt", s.title, s."titleZh", r.name, r."nameZh", c.slug, c.title, c."titleZh", c."timeZone", c.venue,
                (SELECT string_agg(concat_ws(':', sp.id, sp."nameLatin"), ',' ORDER BY ss.position, sp.id)
                   FROM "SessionSpeaker" ss JOIN "Speaker" sp ON sp.id = ss."speakerId" WHERE ss."sessionId" = s.id)),
              E'\n' ORDER BY s.id), ''))
         FROM "AgendaStar" a
         JOIN "ProgrammeSession" s ON s.id = a."sessionId"
         JOIN "Conference" c ON c.id = s."conferenceId"
         LEFT JOIN "Room" r ON r.id = s."releasedRoomId"
        WHERE a."userId" = u.id AND s."releasedStartsAt" IS NOT NULL AND s."releasedEndsAt" IS NOT NULL
          AND c.status = 'PUBLISHED') AS digest
    FROM "CalendarFeed" f JOIN "User" u ON u.id = f."userId"
    WHERE f."tokenHash" = ${tokenHash}`;
  if (!row) return null;
  // The format of the body and the links in it change only with the build and APP_URL.
  const etag = `"${createHash("sha256")
    .update(`agenda-1|${absoluteUrl("/")}|${row.userId}|${row.locale}|${row.digest}`)
    .digest("base64url")
    .slice(0, 32)}"`;
  return { etag };
}

/**
 * Bodies by ETag: a calendar app polling an unchanged feed without If-None-Match costs the version read only.
 * Kept from the moment a body is being written, so that polls arriving meanwhile (the same person's phone,
 * laptop and tablet after a release) wait for it rather than each writing it again.
 */
const bodies = new Lru<string, Promise<string | null>>(500);

/** `If-None-Match` matches `etag` (a list of tags, or `*`; weak tags compare by their value). */
export function etagMatches(ifNoneMatch: string | null, etag: string) {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}

/**
 * The agenda feed behind a secret token as a conditional response: its strong ETag, and the body
 * unless the caller already has this version (`ifNoneMatch`); null when the token names no feed.
 */
export async function agendaFeed(token: string, ifNoneMatch: string | null) {
  const version = await feedVersion(hashSecret(token));
  if (!version) return null;
  const { etag } = version;
  if (etagMatches(ifNoneMatch, etag)) return { etag, body: null };
  // Neither a failed body nor a feed that has gone meanwhile is kept.
  const body = await bodies.remember(
    etag,
    () => agendaCalendar(token),
    (written) => written !== null,
  );
  return body === null ? null : { etag, body };
}
