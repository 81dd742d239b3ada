import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { can } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";

export type GetOrganizationPageOptions = { actor: SessionUser | null; slug: string };

/** An organization's public page: the people who act for it, its published conferences, and what the reader may do. */
export async function getOrganizationPage({ actor, slug }: GetOrganizationPageOptions) {
  const org = await db().organization.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      kind: true,
      nameEn: true,
      nameNative: true,
      country: true,
      website: true,
      logoType: true,
      updatedAt: true,
      // Only admins and signatories are listed publicly: they act for the organization.
      members: {
        where: { NOT: { roles: { isEmpty: true } } },
        orderBy: { createdAt: "asc" },
        select: { roles: true, position: true, user: { select: { id: true, nameLatin: true, nameNative: true } } },
      },
      conferences: {
        where: { status: "PUBLISHED" },
        orderBy: { startDate: "desc" },
        select: { slug: true, title: true, titleZh: true, startDate: true, endDate: true, city: true },
      },
    },
  });
  if (!org) throw notFound();
  const [isAdmin, mayCreateConference] = actor
    ? await Promise.all([can(actor, "org:update", { orgId: org.id }), can(actor, "org:create-conference", { orgId: org.id })])
    : [false, false];
  const { id: _id, ...rest } = org;
  return { org: rest, isAdmin, mayCreateConference };
}
