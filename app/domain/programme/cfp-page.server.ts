import { pick, type AppLocale } from "~/i18n";
import { db } from "~/utils/db.server";
import { cfpPhase, loadCall } from "./cfp-state.server";
import { localDay, localTime, offsetLabel } from "~/utils/zoned-time";

/**
 * What the submitters' pages show of a published conference's call: phase,
 * dates in the venue's zone (labelled), formats, tracks and questions. Null
 * when there is no such public conference.
 */
export async function cfpPage(slug: string, locale: AppLocale, now = new Date()) {
  const conference = await db().conference.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, titleZh: true, status: true, timeZone: true, startDate: true },
  });
  if (!conference || conference.status !== "PUBLISHED") return null;
  const [call, tracks] = await Promise.all([
    loadCall(db(), conference.id),
    db().track.findMany({
      where: { conferenceId: conference.id, deletedAt: null },
      orderBy: { position: "asc" },
      select: { id: true, name: true, nameZh: true },
    }),
  ]);
  const zone = conference.timeZone;
  const at = (d: Date) => `${localDay(d, zone)} ${localTime(d, zone)}`;
  return {
    conference: {
      id: conference.id,
      slug: conference.slug,
      title: pick(locale, conference.title, conference.titleZh),
      timeZone: zone,
      offset: offsetLabel(conference.startDate, zone),
    },
    phase: cfpPhase(call, now),
    call: call
      ? {
          opensAt: at(call.opensAt),
          closesAt: at(call.closesAt),
          // A break is never proposed, even where an older call listed it (decision 072).
          formats: call.formats.filter((f) => f !== "BREAK"),
          intro: pick(locale, call.intro, call.introZh),
          /** Submitters are told what reviewers of a blind call will read, so they do not name themselves there (decision 072). */
          blindReview: call.blindReview,
          questions: call.conference.cfpQuestions.map((q) => ({
            id: q.id,
            label: pick(locale, q.label, q.labelZh),
            required: q.required,
            shownInBlindReview: q.shownInBlindReview,
          })),
        }
      : null,
    tracks: tracks.map((tr) => ({ id: tr.id, name: pick(locale, tr.name, tr.nameZh) })),
  };
}
