import { pick, type AppLocale } from "~/i18n";
import { db } from "~/utils/db.server";
import { canProgramme } from "~/utils/permissions/programme.server";
import type { SessionUser } from "~/utils/session.server";
import { localDay, localTime } from "~/utils/zoned-time";
import { releasedWhere } from "./programme-view.server";
import { isUuid } from "~/utils/validation";

/** Speakers of released sessions (the public speaker pages list no one who has no public session). */
const publicSpeakerWhere = (conferenceId: string) => ({ conferenceId, sessions: { some: { session: releasedWhere } } });

async function visibleConference(slug: string, user: SessionUser | null) {
  const conference = await db().conference.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, titleZh: true, status: true, timeZone: true },
  });
  if (!conference) return null;
  if (conference.status !== "PUBLISHED" && !(await canProgramme(user, "programme:view-draft", { conferenceId: conference.id })))
    return null;
  return conference;
}

export async function publicSpeakers(slug: string, user: SessionUser | null, locale: AppLocale) {
  const conference = await visibleConference(slug, user);
  if (!conference) return null;
  const speakers = await db().speaker.findMany({
    where: publicSpeakerWhere(conference.id),
    orderBy: { nameLatin: "asc" },
    select: { id: true, nameLatin: true, nameNative: true, position: true, organization: true, photoType: true, updatedAt: true },
  });
  return {
    conference: { slug: conference.slug, title: pick(locale, conference.title, conference.titleZh) },
    speakers: speakers.map((s) => ({
      id: s.id,
      name: s.nameLatin,
      nameNative: s.nameNative,
      position: s.position,
      organization: s.organization,
      hasPhoto: !!s.photoType,
      version: s.updatedAt.getTime().toString(36),
    })),
  };
}

export async function publicSpeaker(slug: string, speakerId: string, user: SessionUser | null, locale: AppLocale) {
  const conference = await visibleConference(slug, user);
  if (!conference || !isUuid(speakerId)) return null;
  const speaker = await db().speaker.findFirst({
    where: { id: speakerId, ...publicSpeakerWhere(conference.id) },
    select: {
      id: true,
      nameLatin: true,
      nameNative: true,
      position: true,
      organization: true,
      bio: true,
      bioZh: true,
      photoType: true,
      updatedAt: true,
      sessions: {
        where: { session: releasedWhere },
        orderBy: { session: { releasedStartsAt: "asc" } },
        select: {
          role: true,
          session: { select: { id: true, title: true, titleZh: true, releasedStartsAt: true, releasedEndsAt: true } },
        },
      },
    },
  });
  if (!speaker) return null;
  const zone = conference.timeZone;
  return {
    conference: { slug: conference.slug, title: pick(locale, conference.title, conference.titleZh), timeZone: zone },
    speaker: {
      id: speaker.id,
      name: speaker.nameLatin,
      nameNative: speaker.nameNative,
      position: speaker.position,
      organization: speaker.organization,
      bio: pick(locale, speaker.bio, speaker.bioZh),
      hasPhoto: !!speaker.photoType,
      version: speaker.updatedAt.getTime().toString(36),
      sessions: speaker.sessions.map(({ role, session: { releasedStartsAt: startsAt, releasedEndsAt: endsAt, ...s } }) => ({
        id: s.id,
        role,
        title: pick(locale, s.title, s.titleZh),
        when: startsAt && endsAt ? `${localDay(startsAt, zone)} ${localTime(startsAt, zone)}–${localTime(endsAt, zone)}` : null,
      })),
    },
  };
}
