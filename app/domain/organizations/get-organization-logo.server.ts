import { db } from "~/utils/db.server";

export type GetOrganizationLogoOptions = { slug: string };

/** The organization's logo bytes and type (public), or null when it has none. */
export async function getOrganizationLogo({ slug }: GetOrganizationLogoOptions) {
  const org = await db().organization.findUnique({ where: { slug }, select: { logo: true, logoType: true, updatedAt: true } });
  if (!org?.logo || !org.logoType) return null;
  return { logo: org.logo, logoType: org.logoType, updatedAt: org.updatedAt };
}
