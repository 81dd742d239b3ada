import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import type { OrgKindValue } from "./schema";

export type ListOrganizationsOptions = { q: string; kind: OrgKindValue | null; limit?: number };

/** Organizations by English name, filtered by kind and by a piece of either name (case-insensitive). */
export async function listOrganizations({ q, kind, limit = 100 }: ListOrganizationsOptions) {
  const where: Prisma.OrganizationWhereInput = {
    ...(kind ? { kind } : {}),
    ...(q ? { OR: [{ nameEn: { contains: q, mode: "insensitive" } }, { nameNative: { contains: q, mode: "insensitive" } }] } : {}),
  };
  return db().organization.findMany({
    where,
    orderBy: { nameEn: "asc" },
    take: limit,
    select: { slug: true, nameEn: true, nameNative: true, kind: true, country: true, logoType: true, updatedAt: true },
  });
}
