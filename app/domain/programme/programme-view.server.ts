import type { Prisma } from "~/generated/prisma/client";
import { type AppLocale, pick } from "~/i18n";
import { db } from "~/utils/db.server";
import { localDay, localTime } from "~/utils/zoned-time";

/**
 * The programme as pages and exports read it: one query per relation
 * (sessions, speakers, rooms, tracks), never one per session. Organizers read
 * the DRAFT placement (`sessionListSelect`); everyone else reads the RELEASED
 * one (`releasedSessionSelect` + `asReleased`), which only a release changes
 * (docs/decisions/050-draft-and-release.md). Both give a `ListedSession`.
 */
const roomSelect = { select: { id: true, name: true, nameZh: true } } as const;
const sessionFields = {
  id: true,
  title: true,
  titleZh: true,
  abstract: true,
  abstractZh: true,
  kind: true,
  language: true,
  status: true,
  sequence: true,
  updatedAt: true,
  releasedAt: true,
  signupRequired: true,
  signupCapacity: true,
  track: { select: { id: true, name: true, nameZh: true, colour: true } },
  speakers: {
    orderBy: { position: "asc" },
    select: { role: true, speaker: { select: { id: true, nameLatin: true, nameNative: true, organization: true } } },
  },
} satisfies Prisma.ProgrammeSessionSelect;

/** The draft placement: what organizers edit. */
export const sessionListSelect = {
  ...sessionFields,
  startsAt: true,
  endsAt: true,
  room: roomSelect,
} satisfies Prisma.ProgrammeSessionSelect;
export type ListedSession = Prisma.ProgrammeSessionGetPayload<{ select: typeof sessionListSelect }>;

/** The released placement: what the public programme, exports and feeds show. */
export const releasedSessionSelect = {
  ...sessionFields,
  releasedStartsAt: true,
  releasedEndsAt: true,
  releasedRoom: roomSelect,
} satisfies Prisma.ProgrammeSessionSelect;
type RawReleased = Prisma.ProgrammeSessionGetPayload<{ select: typeof releasedSessionSelect }>;

/** Sessions in the released programme (whatever the draft now says about them). */
export const releasedWhere = { releasedStartsAt: { not: null }, releasedEndsAt: { not: null } } satisfies Prisma.ProgrammeSessionWhereInput;
export const releasedOrder = [
  { releasedStartsAt: "asc" },
  { releasedEndsAt: "asc" },
  { title: "asc" },
] satisfies Prisma.ProgrammeSessionOrderByWithRelationInput[];

/** A released row in the shape every renderer takes (startsAt/endsAt/room = the released ones). */
export function asReleased<T extends RawReleased>(
  s: T,
): Omit<T, "releasedStartsAt" | "releasedEndsAt" | "releasedRoom"> & Pick<ListedSession, "startsAt" | "endsAt" | "room"> {
  const { releasedStartsAt, releasedEndsAt, releasedRoom, ...rest } = s;
  return { ...rest, startsAt: releasedStartsAt, endsAt: releasedEndsAt, room: releasedRoom };
}

/** The released programme of a conference, in time order. */
export async function publishedSessions(conferenceId: string): Promise<ListedSession[]> {
  const rows = await db().programmeSession.findMany({
    where: { conferenceId, ...releasedWhere },
    orderBy: releasedOrder,
    select: releasedSessionSelect,
  });
  return rows.map(asReleased);
}

/** A session as the public pages render it: times already on a wall clock (the venue's unless asked). */
export type SessionRow = {
  id: string;
  title: string;
  kind: string;
  /** The venue's local day: conference days are the venue's days. */
  day: string;
  start: string;
  end: string;
  /** The end falls on a later local day (a session crossing midnight). */
  endsNextDay: boolean;
  /** Shown in another zone: the local date ("26 Sept") when it is not the venue's day. */
  date?: string;
  room: { id: string; name: string } | null;
  track: { id: string; name: string; colour: string } | null;
  speakers: { id: string; name: string; role: string }[];
  language: string;
};

/** `zone` is the venue's; `shownZone` (default the venue's) is the wall clock the times are read on. */
export function toRow(s: ListedSession, zone: string, locale: AppLocale, shownZone: string = zone): SessionRow {
  const startsAt = s.startsAt!;
  const endsAt = s.endsAt!;
  const day = localDay(startsAt, zone);
  const shownDay = shownZone === zone ? day : localDay(startsAt, shownZone);
  return {
    id: s.id,
    title: pick(locale, s.title, s.titleZh),
    kind: s.kind,
    day,
    start: localTime(startsAt, shownZone),
    end: localTime(endsAt, shownZone),
    endsNextDay: localDay(endsAt, shownZone) !== shownDay,
    ...(shownDay !== day ? { date: dayLabel(shownDay, locale, "date") } : {}),
    room: s.room ? { id: s.room.id, name: pick(locale, s.room.name, s.room.nameZh) } : null,
    track: s.track ? { id: s.track.id, name: pick(locale, s.track.name, s.track.nameZh), colour: s.track.colour } : null,
    speakers: s.speakers.map((p) => ({
      id: p.speaker.id,
      name: locale === "zh" && p.speaker.nameNative ? p.speaker.nameNative : p.speaker.nameLatin,
      role: p.role,
    })),
    language: s.language,
  };
}

/**
 * A local calendar day ("2025-09-27") as words in the reader's language.
 * Formatted on the server: the browser's Intl data may differ from Node's,
 * and formatting during render would break hydration.
 */
export function dayLabel(day: string, locale: AppLocale, style: "short" | "full" | "date") {
  const key = `${locale}|${style}`;
  let format = dayFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      style === "full"
        ? { timeZone: "UTC", dateStyle: "full" }
        : style === "date"
          ? { timeZone: "UTC", day: "numeric", month: "short" }
          : { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" };
    format = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", options);
    dayFormats.set(key, format);
  }
  return format.format(new Date(day));
}
/** Made once per language and style: building a formatter costs far more than using one. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Case-insensitive match on titles, abstracts (en and zh) and speaker names. */
export function matches(s: ListedSession, query: string) {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const hay = [
    s.title,
    s.titleZh,
    s.abstract,
    s.abstractZh,
    ...s.speakers.flatMap((p) => [p.speaker.nameLatin, p.speaker.nameNative, p.speaker.organization]),
  ];
  return hay.some((h) => h?.toLowerCase().includes(q));
}
