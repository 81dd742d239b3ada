import { pick, type AppLocale } from "~/i18n";
import { db } from "~/utils/db.server";
import { localDay, localTime, offsetLabel } from "~/utils/zoned-time";

/**
 * The speaker portal's view of one account: each conference profile linked
 * to it, with its sessions (draft ones too: the speaker should know what is
 * planned) in the venue's zone, rooms and uploaded materials.
 */
export async function portalOf(userId: string, locale: AppLocale) {
  const profiles = await db().speaker.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      nameLatin: true,
      invitation: true,
      conference: { select: { slug: true, title: true, titleZh: true, timeZone: true, startDate: true } },
      sessions: {
        orderBy: { session: { startsAt: { sort: "asc", nulls: "last" } } },
        select: {
          role: true,
          session: {
            select: {
              id: true,
              title: true,
              titleZh: true,
              status: true,
              startsAt: true,
              endsAt: true,
              room: { select: { name: true, nameZh: true } },
            },
          },
        },
      },
      materials: { orderBy: { createdAt: "asc" }, select: { id: true, fileName: true, contentType: true, createdAt: true } },
    },
  });
  return profiles.map((p) => {
    const zone = p.conference.timeZone;
    return {
      id: p.id,
      name: p.nameLatin,
      invitation: p.invitation,
      conference: {
        slug: p.conference.slug,
        title: pick(locale, p.conference.title, p.conference.titleZh),
        timeZone: zone,
        offset: offsetLabel(p.conference.startDate, zone),
      },
      sessions: p.sessions.map(({ role, session: s }) => ({
        id: s.id,
        role,
        status: s.status,
        title: pick(locale, s.title, s.titleZh),
        when: s.startsAt && s.endsAt ? `${localDay(s.startsAt, zone)} ${localTime(s.startsAt, zone)}–${localTime(s.endsAt, zone)}` : null,
        room: s.room ? pick(locale, s.room.name, s.room.nameZh) : null,
      })),
      materials: p.materials.map((m) => ({ id: m.id, fileName: m.fileName, uploadedAt: m.createdAt.toISOString().slice(0, 10) })),
    };
  });
}
