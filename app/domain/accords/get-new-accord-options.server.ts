import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";

export type GetNewAccordOptionsOptions = { actor: SessionUser };

/** What the "start an accord" form offers: the organizations the actor administers, every organization, published conferences. */
export async function getNewAccordOptions({ actor }: GetNewAccordOptionsOptions) {
  const [adminOf, orgs, conferences] = await Promise.all([
    db().membership.findMany({
      where: { userId: actor.id, roles: { has: "ADMIN" } },
      select: { org: { select: { id: true, nameEn: true, nameNative: true } } },
    }),
    db().organization.findMany({ orderBy: { nameEn: "asc" }, select: { id: true, slug: true, nameEn: true, nameNative: true } }),
    db().conference.findMany({
      where: { status: "PUBLISHED" },
      orderBy: { startDate: "desc" },
      select: { id: true, title: true, titleZh: true },
    }),
  ]);
  return { adminOf: adminOf.map((m) => m.org), orgs, conferences };
}
