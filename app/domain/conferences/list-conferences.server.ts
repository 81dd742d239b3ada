import { db } from "~/utils/db.server";

export type ListConferencesOptions = { now?: Date };

const select = {
  slug: true,
  title: true,
  titleZh: true,
  city: true,
  country: true,
  startDate: true,
  endDate: true,
  org: { select: { slug: true, nameEn: true, nameNative: true } },
} as const;

/** Published conferences: the upcoming ones soonest first (100 at most), the past ones latest first (50 at most). */
export async function listConferences({ now = new Date() }: ListConferencesOptions = {}) {
  // A conference is upcoming until its last day has passed everywhere (UTC-12 is the last to leave a day).
  const today = new Date(now.getTime() - 12 * 3600 * 1000);
  today.setUTCHours(0, 0, 0, 0);
  const [upcoming, past] = await Promise.all([
    db().conference.findMany({ where: { status: "PUBLISHED", endDate: { gte: today } }, orderBy: { startDate: "asc" }, take: 100, select }),
    db().conference.findMany({ where: { status: "PUBLISHED", endDate: { lt: today } }, orderBy: { startDate: "desc" }, take: 50, select }),
  ]);
  return { upcoming, past };
}
