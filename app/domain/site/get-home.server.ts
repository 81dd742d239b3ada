import { db } from "~/utils/db.server";

export type GetHomeOptions = { limit?: number };

/** What the front page lists: the next published conferences (soonest first) and how many organizations there are. */
export async function getHome({ limit = 20 }: GetHomeOptions = {}) {
  const [conferences, orgCount] = await Promise.all([
    db().conference.findMany({
      where: { status: "PUBLISHED" },
      orderBy: { startDate: "asc" },
      take: limit,
      select: { slug: true, title: true, titleZh: true, city: true, country: true, startDate: true, endDate: true, timeZone: true },
    }),
    db().organization.count(),
  ]);
  return { conferences, orgCount };
}
