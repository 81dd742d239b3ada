import { db } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { uniqueSlug } from "../slug.server";
import type { OrgInput } from "./schema";

export type CreateOrganizationOptions = { actor: SessionUser | null; input: OrgInput };

/** Creates an organization; its founder becomes its first admin in the same transaction. */
export async function createOrganization({ actor, input }: CreateOrganizationOptions) {
  return db().$transaction(async (tx) => {
    await requirePermission(actor, "org:create", { site: true }, tx);
    const slug = await uniqueSlug(tx, "organization", input.nameEn, "org");
    const org = await tx.organization.create({
      data: {
        slug,
        kind: input.kind,
        nameEn: input.nameEn,
        nameNative: input.nameNative ?? null,
        country: input.country,
        website: input.website ?? null,
        members: { create: { userId: actor!.id, roles: ["ADMIN"] } },
      },
      select: { id: true, slug: true },
    });
    await audit(tx, { actorId: actor!.id, action: "org.create", entityType: "Organization", entityId: org.id, data: { slug, ...input } });
    return org;
  });
}
