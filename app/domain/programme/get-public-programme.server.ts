import { createHash } from "node:crypto";
import { packRows, type PackedRows } from "./packed-rows";
import { type AppLocale, pick } from "~/i18n";
import { db } from "~/utils/db.server";
import { Lru } from "~/utils/lru";
import { canProgramme } from "~/utils/permissions/programme.server";
import type { SessionUser } from "~/utils/session.server";
import { isValidTimeZone } from "~/utils/time";
import { calendarDays, offsetLabel } from "~/utils/zoned-time";
import { dayLabel, matches, publishedSessions, toRow, type ListedSession } from "./programme-view.server";

export type ProgrammeView = "day" | "track" | "room";

export type GetProgrammePageOptions = {
  actor: SessionUser | null;
  slug: string;
  locale: AppLocale;
  view: ProgrammeView;
  /** Search text (already bounded by the caller). */
  q: string;
  /** The day asked for (ignored unless it is one of the conference's days). */
  day: string | null;
  /** A time zone asked for (ignored unless valid): the wall clock to read the times on. */
  tz: string;
};

type Head = {
  id: string;
  slug: string;
  title: string;
  titleZh: string | null;
  status: string;
  timeZone: string;
  startDate: Date;
  endDate: Date;
  revision: number;
  starred: string[];
};

/**
 * Everything a programme page shows, by the revision it was computed from (decision 077): the released
 * sessions per conference revision, and per view of them (language, zone, view, day, search) the rows
 * as the page sends them. A revision is raised by the database in the transaction that changes what the
 * programme shows, so an entry is never stale; it is only forgotten when unused.
 */
const sessionsByRevision = new Lru<string, Promise<ListedSession[]>>(20);
const listings = new Lru<string, Listing>(200);

type Listing = { list: PackedRows; listKey: string; total: number };

function releasedSessions(conferenceId: string, revision: number) {
  const key = `${conferenceId}:${revision}`;
  // A failed load is not remembered.
  return sessionsByRevision.remember(key, () => publishedSessions(conferenceId));
}

/**
 * The public programme of a conference as one reader sees it: the released sessions of the view asked
 * for, on the wall clock asked for, and which of them the reader starred. Two small queries per request
 * (the conference with its revision and the reader's stars; the sessions only when the revision moved).
 * Null when the conference does not exist or is a draft the reader may not see (drafts do not leak).
 */
export async function getProgrammePage({ actor, slug, locale, view, q, day: askedDay, tz }: GetProgrammePageOptions) {
  // The revision is read before the sessions: rows loaded after it are at least as new as it says.
  const [head] = await db().$queryRaw<Head[]>`/* prepared */
    SELECT c.id, c.slug, c.title, c."titleZh", c.status::text AS status, c."timeZone", c."startDate", c."endDate",
           c."programmeRevision" AS revision,
           ARRAY(SELECT a."sessionId"::text FROM "AgendaStar" a JOIN "ProgrammeSession" s ON s.id = a."sessionId"
                 WHERE a."userId" = ${actor?.id ?? null}::uuid AND s."conferenceId" = c.id) AS starred
    FROM "Conference" c WHERE c.slug = ${slug}`;
  if (!head) return null;
  if (head.status !== "PUBLISHED" && !(await canProgramme(actor, "programme:view-draft", { conferenceId: head.id }))) return null;
  const zone = head.timeZone;
  const shownZone = tz && isValidTimeZone(tz) ? tz : zone;
  const days = calendarDays(head.startDate, head.endDate);
  const day = days.find((d) => d === askedDay) ?? days[0];
  const signedIn = !!actor;
  const listingKey = JSON.stringify([head.id, head.revision, locale, view, q, day, shownZone, signedIn]);
  let listing = listings.get(listingKey);
  if (!listing) {
    const sessions = await releasedSessions(head.id, head.revision);
    // What the list shows and nothing more: the page carries its rows as data too (for hydration).
    const rows = sessions
      .filter((s) => matches(s, q))
      .map((s) => {
        const { language: _language, speakers, ...row } = toRow(s, zone, locale, shownZone);
        return { ...row, who: speakers.map((p) => p.name).join(", ") };
      });
    const shown = q || view !== "day" ? rows : rows.filter((r) => r.day === day);
    listing = listings.set(listingKey, {
      list: packRows(shown),
      // The session list's markup is a function of these alone (and of the build): the key under which
      // the server reuses it (decision 067). Stars are spliced in per reader.
      listKey: createHash("sha1")
        .update(JSON.stringify([head.slug, locale, view, q, day, signedIn, shown]))
        .digest("base64url"),
      total: sessions.length,
    });
  }
  return {
    conference: {
      slug: head.slug,
      title: pick(locale, head.title, head.titleZh),
      timeZone: zone,
      offset: offsetLabel(head.startDate, zone),
    },
    shownZone: shownZone === zone ? null : { zone: shownZone, offset: offsetLabel(head.startDate, shownZone) },
    day,
    days: days.map((d) => ({ day: d, label: dayLabel(d, locale, "short") })),
    tzInvalid: !!tz && shownZone !== tz,
    starred: head.starred,
    signedIn,
    ...listing,
  };
}
