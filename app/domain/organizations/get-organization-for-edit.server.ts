import { db } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";
import { orgBySlug } from "./org-by-slug.server";

export type GetOrganizationForEditOptions = { actor: SessionUser | null; slug: string };

/**
 * The organization's editable fields, for its admins (404 when there is none, then 403). The edit action
 * calls it too, before reading an upload, so strangers cannot make us parse their files.
 */
export async function getOrganizationForEdit({ actor, slug }: GetOrganizationForEditOptions) {
  const { id } = await orgBySlug(db(), slug);
  await requirePermission(actor, "org:update", { orgId: id });
  return db().organization.findUniqueOrThrow({
    where: { id },
    select: { slug: true, nameEn: true, nameNative: true, kind: true, country: true, website: true, logoType: true, updatedAt: true },
  });
}
