import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { requirePermission } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";

export type GetConferenceHostOptions = { actor: SessionUser | null; orgSlug: string };

/** The organization that would host a new conference — 404 if there is none, 403 unless the actor may create one for it. */
export async function getConferenceHost({ actor, orgSlug }: GetConferenceHostOptions) {
  const org = await db().organization.findUnique({
    where: { slug: orgSlug },
    select: { id: true, slug: true, nameEn: true, nameNative: true, country: true },
  });
  if (!org) throw notFound();
  await requirePermission(actor, "org:create-conference", { orgId: org.id });
  return org;
}
