import { createHash } from "node:crypto";
import type { AppLocale } from "~/i18n";
import type { Tx } from "~/utils/db.server";
import type { ProgrammeConference } from "./programme-conference.server";
import { diffSnapshots, type ScheduleSnapshot, type SnapshotSession } from "./schedule-snapshot";

/** One difference between the released programme and the draft, as a release would apply it. */
export type ReleaseChange =
  | { kind: "added"; session: SnapshotSession }
  | { kind: "moved"; before: SnapshotSession; after: SnapshotSession }
  /** Taken out of the timetable (unscheduled) in the draft. */
  | { kind: "removed"; session: SnapshotSession }
  /** No longer published (set back to draft) in the draft. */
  | { kind: "cancelled"; session: SnapshotSession };

export type Recipient = { email: string; name: string; locale: AppLocale; as: "speaker" | "attendee" };

export type ReleasePlan = {
  released: ScheduleSnapshot;
  draft: ScheduleSnapshot;
  changes: ReleaseChange[];
  /** Who is told about each moved, removed or cancelled session (speakers and attendees who starred it), by session id. */
  recipients: Record<string, Recipient[]>;
  /** Rooms and tracks deleted in the draft that the release removes for good. */
  deletedRooms: string[];
  deletedTracks: string[];
  /** Identifies this plan: a release confirms the plan its preview showed, not a later one. */
  fingerprint: string;
};

const placementSelect = {
  id: true,
  title: true,
  titleZh: true,
  status: true,
  startsAt: true,
  endsAt: true,
  roomId: true,
  room: { select: { name: true } },
  releasedStartsAt: true,
  releasedEndsAt: true,
  releasedRoomId: true,
  releasedRoom: { select: { name: true } },
} as const;

/**
 * What releasing the draft would change, computed inside the caller's
 * transaction (the release takes the timetable lock first, so the plan it
 * applies is the one it computed). Four queries whatever the programme's size.
 */
export async function planRelease(tx: Tx, conference: ProgrammeConference): Promise<ReleasePlan> {
  const [sessions, rooms, tracks] = await Promise.all([
    tx.programmeSession.findMany({ where: { conferenceId: conference.id }, select: placementSelect }),
    tx.room.findMany({ where: { conferenceId: conference.id, deletedAt: { not: null } }, select: { name: true } }),
    tx.track.findMany({ where: { conferenceId: conference.id, deletedAt: { not: null } }, select: { name: true } }),
  ]);
  const order = (a: SnapshotSession, b: SnapshotSession) => a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title);
  const draft: ScheduleSnapshot = {
    sessions: sessions
      .filter((s) => s.status === "PUBLISHED" && s.startsAt && s.endsAt)
      .map((s) => ({
        id: s.id,
        title: s.title,
        titleZh: s.titleZh,
        startsAt: s.startsAt!.toISOString(),
        endsAt: s.endsAt!.toISOString(),
        roomId: s.roomId,
        room: s.room?.name ?? null,
      }))
      .sort(order),
  };
  const released: ScheduleSnapshot = {
    sessions: sessions
      .filter((s) => s.releasedStartsAt && s.releasedEndsAt)
      .map((s) => ({
        id: s.id,
        title: s.title,
        titleZh: s.titleZh,
        startsAt: s.releasedStartsAt!.toISOString(),
        endsAt: s.releasedEndsAt!.toISOString(),
        roomId: s.releasedRoomId,
        room: s.releasedRoom?.name ?? null,
      }))
      .sort(order),
  };
  const status = new Map(sessions.map((s) => [s.id, s.status]));
  const changes = diffSnapshots(released, draft).flatMap((c): ReleaseChange[] => {
    if (c.kind === "retitled") return []; // titles are not versioned: both snapshots carry the current one
    if (c.kind === "removed") return [{ kind: status.get(c.session.id) === "PUBLISHED" ? "removed" : "cancelled", session: c.session }];
    return [c];
  });
  // Added sessions tell no one (nobody could have starred them yet); the others change what someone planned on.
  const toldIds = changes.flatMap((c) => (c.kind === "moved" ? [c.after.id] : c.kind === "added" ? [] : [c.session.id]));
  const recipients = toldIds.length ? await recipientsOf(tx, toldIds) : {};
  const deletedRooms = rooms.map((r) => r.name).sort();
  const deletedTracks = tracks.map((t) => t.name).sort();
  const fingerprint = createHash("sha256")
    .update(JSON.stringify({ draft, released, deletedRooms, deletedTracks }))
    .digest("base64url")
    .slice(0, 22);
  return { released, draft, changes, recipients, deletedRooms, deletedTracks, fingerprint };
}

/** Speakers (by their account's address and language, else the speaker's own address) and attendees who starred each session. */
async function recipientsOf(tx: Tx, sessionIds: string[]): Promise<Record<string, Recipient[]>> {
  const [speakerLinks, stars] = await Promise.all([
    tx.sessionSpeaker.findMany({
      where: { sessionId: { in: sessionIds } },
      orderBy: { position: "asc" },
      select: { sessionId: true, speaker: { select: { nameLatin: true, email: true, user: { select: { email: true, locale: true } } } } },
    }),
    tx.agendaStar.findMany({
      where: { sessionId: { in: sessionIds } },
      orderBy: { createdAt: "asc" },
      select: { sessionId: true, user: { select: { email: true, nameLatin: true, locale: true } } },
    }),
  ]);
  // Speakers without a linked account still get the email in their language when an account uses their address.
  const addresses = speakerLinks.flatMap((l) => (l.speaker.user ? [] : l.speaker.email ? [l.speaker.email] : []));
  const accounts = addresses.length
    ? await tx.user.findMany({ where: { email: { in: addresses } }, select: { email: true, locale: true } })
    : [];
  const localeOf = new Map(accounts.map((a) => [a.email, a.locale]));
  const out: Record<string, Map<string, Recipient>> = {};
  for (const id of sessionIds) out[id] = new Map();
  for (const link of speakerLinks) {
    const email = link.speaker.user?.email ?? link.speaker.email;
    if (email)
      out[link.sessionId].set(email, {
        email,
        name: link.speaker.nameLatin,
        locale: link.speaker.user?.locale ?? localeOf.get(email) ?? "en",
        as: "speaker",
      });
  }
  for (const star of stars) {
    if (!out[star.sessionId].has(star.user.email))
      out[star.sessionId].set(star.user.email, {
        email: star.user.email,
        name: star.user.nameLatin,
        locale: star.user.locale,
        as: "attendee",
      });
  }
  return Object.fromEntries(Object.entries(out).map(([id, m]) => [id, [...m.values()]]));
}
