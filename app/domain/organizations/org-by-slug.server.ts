import type { Tx } from "~/utils/db.server";
import { notFound } from "~/utils/errors";

/** The organization's id and names, or a 404 (shared by the operations that take a slug). */
export async function orgBySlug(tx: Tx, slug: string) {
  const org = await tx.organization.findUnique({ where: { slug }, select: { id: true, slug: true, nameEn: true, nameNative: true } });
  if (!org) throw notFound();
  return org;
}

/**
 * Serializes changes to one organization's memberships: two admins demoting
 * each other at the same moment must not leave the organization without any.
 */
export async function lockOrg(tx: Tx, orgId: string) {
  await tx.$queryRaw`SELECT 1 FROM "Organization" WHERE "id" = ${orgId}::uuid FOR UPDATE`;
}
