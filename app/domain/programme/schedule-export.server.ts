import { createHash } from "node:crypto";
import { db } from "~/utils/db.server";
import { absoluteUrl } from "~/utils/http.server";
import { publishedSessions, type ListedSession } from "./programme-view.server";
import { calendarDays, isoWithOffset, localDay, localDayBounds, localTime } from "~/utils/zoned-time";

/**
 * The published programme in the frab/pentabarf "schedule" shape that
 * conference apps (Giggity, ConfClerk, the c3nav family…) read, as XML and
 * JSON, and Concord's own JSON API. Only published sessions of published
 * conferences; times on the venue's wall clock with the zone named.
 */
export async function exportableProgramme(slug: string) {
  const conference = await db().conference.findFirst({
    where: { slug, status: "PUBLISHED" },
    select: { id: true, slug: true, title: true, titleZh: true, startDate: true, endDate: true, timeZone: true, venue: true, city: true },
  });
  if (!conference) return null;
  const [sessions, rooms, tracks, release] = await Promise.all([
    publishedSessions(conference.id),
    db().room.findMany({
      // A room deleted in the draft stays listed while the released programme uses it.
      where: { conferenceId: conference.id, OR: [{ deletedAt: null }, { releasedSessions: { some: {} } }] },
      orderBy: { position: "asc" },
      select: { id: true, name: true, nameZh: true, capacity: true },
    }),
    db().track.findMany({
      where: { conferenceId: conference.id },
      orderBy: { position: "asc" },
      select: { id: true, name: true, nameZh: true, colour: true },
    }),
    db().scheduleVersion.findFirst({ where: { conferenceId: conference.id }, orderBy: { number: "desc" }, select: { number: true } }),
  ]);
  return { conference, sessions, rooms, tracks, version: release?.number ?? 0 };
}
type Programme = NonNullable<Awaited<ReturnType<typeof exportableProgramme>>>;

/** frab wants integer ids: a stable one derived from the uuid. */
const intId = (uuid: string) => createHash("sha256").update(uuid).digest().readUInt32BE(0) & 0x7fffffff;
/**
 * The c3voc schema's acronym (`^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$`) allows no hyphen after the first
 * character and needs four: schedule readers use it in file and stream names. Our slugs are words joined by
 * hyphens ("beijing-2025"), so hyphens (and anything else) become underscores and a short slug is padded.
 */
export const frabAcronym = (slug: string) =>
  slug
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_")
    .padEnd(4, "_");
const duration = (s: ListedSession) => {
  const minutes = Math.round((s.endsAt!.getTime() - s.startsAt!.getTime()) / 60_000);
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
};

function frabEvent(p: Programme, s: ListedSession) {
  const zone = p.conference.timeZone;
  const id = intId(s.id);
  return {
    guid: s.id,
    id,
    date: isoWithOffset(s.startsAt!, zone),
    start: localTime(s.startsAt!, zone),
    duration: duration(s),
    room: s.room?.name ?? "",
    // The XSD's slug is "<4+ of [a-z0-9_]>-<4+ more>": the acronym, then the id padded to four digits.
    slug: `${frabAcronym(p.conference.slug)}-${String(id).padStart(4, "0")}`,
    url: absoluteUrl(`/conferences/${p.conference.slug}/sessions/${s.id}`),
    title: s.title,
    subtitle: s.titleZh ?? "",
    track: s.track?.name ?? "",
    type: s.kind.toLowerCase(),
    language: s.language,
    abstract: s.abstract,
    description: s.abstractZh ?? "",
    persons: s.speakers.map((x) => ({
      id: intId(x.speaker.id),
      guid: x.speaker.id,
      public_name: x.speaker.nameLatin,
      role: x.role.toLowerCase(),
    })),
    links: [],
    attachments: [],
  };
}

export function frabJson(p: Programme) {
  const zone = p.conference.timeZone;
  const days = calendarDays(p.conference.startDate, p.conference.endDate);
  return {
    $schema: "https://c3voc.de/schedule/schema.json",
    generator: { name: "Concord" },
    schedule: {
      // The released version's number: a draft edit changes nothing here.
      version: String(p.version),
      base_url: absoluteUrl("/"),
      conference: {
        acronym: frabAcronym(p.conference.slug),
        title: p.conference.title,
        start: days[0],
        end: days[days.length - 1],
        daysCount: days.length,
        timeslot_duration: "00:15",
        time_zone_name: zone,
        rooms: p.rooms.map((r) => ({ name: r.name, guid: r.id, capacity: r.capacity })),
        tracks: p.tracks.map((t) => ({ name: t.name, color: t.colour })),
        days: days.map((day, index) => {
          const { start, end } = localDayBounds(day, zone);
          const todays = p.sessions.filter((s) => localDay(s.startsAt!, zone) === day);
          const byRoom: Record<string, ReturnType<typeof frabEvent>[]> = {};
          // frab events live in rooms: a session without one (a break for everyone) is not exported, rather than
          // put in a room with an empty name that schedule readers show as a room.
          for (const s of todays) if (s.room) (byRoom[s.room.name] ??= []).push(frabEvent(p, s));
          return { index: index + 1, date: day, day_start: isoWithOffset(start, zone), day_end: isoWithOffset(end, zone), rooms: byRoom };
        }),
      },
    },
  };
}

const esc = (v: unknown) => String(v).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const el = (name: string, value: unknown) => `<${name}>${esc(value)}</${name}>`;

export function frabXml(p: Programme) {
  const json = frabJson(p).schedule;
  const c = json.conference;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', "<schedule>", el("version", json.version), "<conference>"];
  out.push(
    el("acronym", c.acronym),
    el("title", c.title),
    el("start", c.start),
    el("end", c.end),
    el("days", c.daysCount),
    el("timeslot_duration", c.timeslot_duration),
    el("time_zone_name", c.time_zone_name),
    el("base_url", json.base_url),
    ...c.tracks.map((t) => `<track name="${esc(t.name)}" color="${esc(t.color)}"/>`),
    "</conference>",
  );
  for (const day of c.days) {
    out.push(`<day index="${day.index}" date="${day.date}" start="${day.day_start}" end="${day.day_end}">`);
    for (const [room, events] of Object.entries(day.rooms)) {
      out.push(`<room name="${esc(room)}">`);
      for (const e of events) {
        out.push(`<event guid="${e.guid}" id="${e.id}">`);
        for (const key of [
          "date",
          "start",
          "duration",
          "room",
          "slug",
          "url",
          "title",
          "subtitle",
          "track",
          "type",
          "language",
          "abstract",
          "description",
        ] as const)
          out.push(el(key, e[key]));
        out.push(
          "<persons>",
          ...e.persons.map((x) => `<person id="${x.id}" guid="${x.guid}">${esc(x.public_name)}</person>`),
          "</persons>",
          "<links/>",
          "<attachments/>",
          "</event>",
        );
      }
      out.push("</room>");
    }
    out.push("</day>");
  }
  out.push("</schedule>");
  return out.join("\n");
}

/** Concord's JSON API of the published programme: UTC instants plus the venue's zone. */
export function apiJson(p: Programme) {
  return {
    conference: {
      slug: p.conference.slug,
      title: p.conference.title,
      titleZh: p.conference.titleZh,
      timeZone: p.conference.timeZone,
      startDate: p.conference.startDate.toISOString().slice(0, 10),
      endDate: p.conference.endDate.toISOString().slice(0, 10),
      venue: p.conference.venue,
      city: p.conference.city,
    },
    rooms: p.rooms,
    tracks: p.tracks,
    sessions: p.sessions.map((s) => ({
      id: s.id,
      title: s.title,
      titleZh: s.titleZh,
      abstract: s.abstract,
      abstractZh: s.abstractZh,
      kind: s.kind,
      language: s.language,
      startsAt: s.startsAt!.toISOString(),
      endsAt: s.endsAt!.toISOString(),
      localStart: isoWithOffset(s.startsAt!, p.conference.timeZone),
      roomId: s.room?.id ?? null,
      trackId: s.track?.id ?? null,
      speakers: s.speakers.map((x) => ({
        id: x.speaker.id,
        name: x.speaker.nameLatin,
        nameNative: x.speaker.nameNative,
        organization: x.speaker.organization,
        role: x.role,
      })),
      url: absoluteUrl(`/conferences/${p.conference.slug}/sessions/${s.id}`),
    })),
  };
}
