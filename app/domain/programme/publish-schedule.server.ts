import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { absoluteUrl } from "~/utils/http.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { enqueueEmail } from "../email/enqueue.server";
import { programmeLocks } from "./locks.server";
import { guardedConference } from "./programme-conference.server";
import { planRelease } from "./release-plan.server";
import type { SnapshotSession } from "./schedule-snapshot";
import { localDay, localTime } from "~/utils/zoned-time";

export type PublishScheduleOptions = {
  actor: SessionUser | null;
  slug: string;
  /** The plan the organizer saw in the preview; the release is refused if the draft changed since. */
  fingerprint?: string;
};

/**
 * Releases the draft: copies every published, scheduled session's draft
 * placement to its released placement (and clears it for the others) in one
 * statement, removes rooms and tracks deleted in the draft, freezes the result
 * as the next numbered version, and tells speakers and attendees who starred a
 * moved, removed or cancelled session by email, in their language — all in one transaction, under
 * the timetable lock (docs/decisions/050-draft-and-release.md).
 */
export async function publishSchedule({ actor, slug, fingerprint }: PublishScheduleOptions) {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    await programmeLocks.timetable(tx, conference.id);
    const plan = await planRelease(tx, conference);
    if (fingerprint !== undefined && fingerprint !== plan.fingerprint) throw new AppError("RELEASE_CHANGED", "programme.release.changed");
    // Only rows whose released placement changes are written; their calendar SEQUENCE goes up.
    await tx.$executeRaw`
      UPDATE "ProgrammeSession" s
      SET "releasedRoomId" = d.room, "releasedStartsAt" = d.starts, "releasedEndsAt" = d.ends,
          "sequence" = s."sequence" + 1, "releasedAt" = now()
      FROM (
        SELECT id,
               CASE WHEN pub THEN "roomId" END AS room,
               CASE WHEN pub THEN "startsAt" END AS starts,
               CASE WHEN pub THEN "endsAt" END AS ends
        FROM (SELECT *, (status = 'PUBLISHED' AND "startsAt" IS NOT NULL AND "endsAt" IS NOT NULL) AS pub
              FROM "ProgrammeSession" WHERE "conferenceId" = ${conference.id}::uuid) x
      ) d
      WHERE s.id = d.id
        AND (s."releasedRoomId" IS DISTINCT FROM d.room OR s."releasedStartsAt" IS DISTINCT FROM d.starts
             OR s."releasedEndsAt" IS DISTINCT FROM d.ends)`;
    // Rooms and tracks deleted in the draft leave now that the released programme no longer shows them.
    await tx.programmeSession.updateMany({
      where: { conferenceId: conference.id, track: { deletedAt: { not: null } } },
      data: { trackId: null },
    });
    await tx.track.deleteMany({ where: { conferenceId: conference.id, deletedAt: { not: null } } });
    await tx.room.deleteMany({ where: { conferenceId: conference.id, deletedAt: { not: null }, releasedSessions: { none: {} } } });

    const previous = await tx.scheduleVersion.findFirst({
      where: { conferenceId: conference.id },
      orderBy: { number: "desc" },
      select: { number: true },
    });
    const number = (previous?.number ?? 0) + 1;
    await tx.scheduleVersion.create({ data: { conferenceId: conference.id, number, snapshot: plan.draft, publishedById: actor!.id } });

    const zone = conference.timeZone;
    const when = (s: SnapshotSession) =>
      `${localDay(new Date(s.startsAt), zone)} ${localTime(new Date(s.startsAt), zone)}–${localTime(new Date(s.endsAt), zone)} (${zone})${s.room ? `, ${s.room}` : ""}`;
    let emails = 0;
    for (const change of plan.changes) {
      if (change.kind === "added") continue;
      const session = change.kind === "moved" ? change.after : change.session;
      for (const r of plan.recipients[session.id] ?? []) {
        const zh = r.locale === "zh";
        const common = {
          name: r.name,
          conference: zh && conference.titleZh ? conference.titleZh : conference.title,
          title: zh && session.titleZh ? session.titleZh : session.title,
        };
        if (change.kind === "moved")
          await enqueueEmail(tx, {
            to: r.email,
            locale: r.locale,
            template: "sessionMoved",
            props: {
              ...common,
              from: when(change.before),
              to: when(change.after),
              url: absoluteUrl(`/conferences/${conference.slug}/sessions/${session.id}`),
            },
          });
        else
          // The session's public page is gone with it: the link goes to the programme's change log.
          await enqueueEmail(tx, {
            to: r.email,
            locale: r.locale,
            template: "sessionCancelled",
            props: {
              ...common,
              was: when(change.session),
              reason: change.kind,
              url: absoluteUrl(`/conferences/${conference.slug}/programme/changes`),
            },
          });
        emails++;
      }
    }
    const count = (kind: string) => plan.changes.filter((c) => c.kind === kind).length;
    await audit(tx, {
      actorId: actor!.id,
      action: "programme.schedule.release",
      entityType: "Conference",
      entityId: conference.id,
      data: {
        number,
        added: count("added"),
        moved: count("moved"),
        removed: count("removed"),
        cancelled: count("cancelled"),
        emails,
        deletedRooms: plan.deletedRooms,
        deletedTracks: plan.deletedTracks,
      },
    });
    return { number, changes: plan.changes, emails };
  });
}
