import { db } from "~/utils/db.server";
import { absoluteUrl } from "~/utils/http.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { enqueueEmail } from "../email/enqueue.server";
import { programmeLocks } from "./locks.server";
import { guardedConference } from "./programme-conference.server";
import { diffSnapshots, parseSnapshot, type ScheduleSnapshot, type SnapshotSession } from "./schedule-snapshot";
import { localDay, localTime } from "~/utils/zoned-time";

export type PublishScheduleOptions = { actor: SessionUser | null; slug: string };

/**
 * Freezes the published, scheduled sessions as the next numbered version.
 * Speakers and attendees who starred a session that moved since the previous
 * version are told by email, in their language, in the same transaction.
 */
export async function publishSchedule({ actor, slug }: PublishScheduleOptions) {
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    await programmeLocks.timetable(tx, conference.id);
    const sessions = await tx.programmeSession.findMany({
      where: { conferenceId: conference.id, status: "PUBLISHED", startsAt: { not: null }, endsAt: { not: null } },
      orderBy: { startsAt: "asc" },
      select: { id: true, title: true, titleZh: true, startsAt: true, endsAt: true, roomId: true, room: { select: { name: true } } },
    });
    const snapshot: ScheduleSnapshot = {
      sessions: sessions.map((s) => ({
        id: s.id,
        title: s.title,
        titleZh: s.titleZh,
        startsAt: s.startsAt!.toISOString(),
        endsAt: s.endsAt!.toISOString(),
        roomId: s.roomId,
        room: s.room?.name ?? null,
      })),
    };
    const previous = await tx.scheduleVersion.findFirst({
      where: { conferenceId: conference.id },
      orderBy: { number: "desc" },
      select: { number: true, snapshot: true },
    });
    const number = (previous?.number ?? 0) + 1;
    await tx.scheduleVersion.create({ data: { conferenceId: conference.id, number, snapshot, publishedById: actor!.id } });
    const changes = previous ? diffSnapshots(parseSnapshot(previous.snapshot), snapshot) : [];
    const moved = changes.flatMap((c) => (c.kind === "moved" ? [c] : []));
    if (moved.length) {
      const ids = moved.map((m) => m.after.id);
      const [speakerLinks, stars] = await Promise.all([
        tx.sessionSpeaker.findMany({
          where: { sessionId: { in: ids } },
          select: {
            sessionId: true,
            speaker: { select: { nameLatin: true, email: true, user: { select: { email: true, locale: true } } } },
          },
        }),
        tx.agendaStar.findMany({
          where: { sessionId: { in: ids } },
          select: { sessionId: true, user: { select: { email: true, nameLatin: true, locale: true } } },
        }),
      ]);
      // Speakers without a linked account still get the email in their language when an account uses their address.
      const addresses = speakerLinks.flatMap((l) => (l.speaker.user ? [] : l.speaker.email ? [l.speaker.email] : []));
      const accounts = addresses.length
        ? await tx.user.findMany({ where: { email: { in: addresses } }, select: { email: true, locale: true } })
        : [];
      const localeOf = new Map(accounts.map((a) => [a.email, a.locale]));
      const zone = conference.timeZone;
      const when = (s: SnapshotSession) =>
        `${localDay(new Date(s.startsAt), zone)} ${localTime(new Date(s.startsAt), zone)}–${localTime(new Date(s.endsAt), zone)} (${zone})${s.room ? `, ${s.room}` : ""}`;
      for (const m of moved) {
        const recipients = new Map<string, { name: string; locale: "en" | "zh" }>();
        for (const link of speakerLinks.filter((l) => l.sessionId === m.after.id)) {
          const to = link.speaker.user?.email ?? link.speaker.email;
          if (to) recipients.set(to, { name: link.speaker.nameLatin, locale: link.speaker.user?.locale ?? localeOf.get(to) ?? "en" });
        }
        for (const star of stars.filter((s) => s.sessionId === m.after.id))
          recipients.set(star.user.email, { name: star.user.nameLatin, locale: star.user.locale });
        for (const [to, r] of recipients) {
          const zh = r.locale === "zh";
          await enqueueEmail(tx, {
            to,
            locale: r.locale,
            template: "sessionMoved",
            props: {
              name: r.name,
              conference: zh && conference.titleZh ? conference.titleZh : conference.title,
              title: zh && m.after.titleZh ? m.after.titleZh : m.after.title,
              from: when(m.before),
              to: when(m.after),
              url: absoluteUrl(`/conferences/${conference.slug}/sessions/${m.after.id}`),
            },
          });
        }
      }
    }
    await audit(tx, {
      actorId: actor!.id,
      action: "programme.schedule.publish",
      entityType: "Conference",
      entityId: conference.id,
      data: { number, changes: changes.length },
    });
    return { number, changes };
  });
}
