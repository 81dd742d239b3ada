import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { requirePermission } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { LOGO_MAX_BYTES, sniffImageType } from "./logo";
import { orgBySlug } from "./org-by-slug.server";
import type { OrgInput } from "./schema";

export type UpdateOrganizationOptions = {
  actor: SessionUser | null;
  slug: string;
  input: OrgInput;
  /** A new logo's bytes; its type is decided here from the bytes themselves. */
  logo?: Uint8Array;
  removeLogo?: boolean;
};

/** Edits an organization's public details and replaces or removes its logo. */
export async function updateOrganization({ actor, slug, input, logo, removeLogo }: UpdateOrganizationOptions) {
  // Checked again here (the form schema already did) so no caller can store an unchecked file.
  let logoType: string | null = null;
  if (logo) {
    if (logo.byteLength > LOGO_MAX_BYTES) throw new AppError("LOGO_TOO_LARGE", "org.logo.tooLarge");
    logoType = sniffImageType(logo);
    if (!logoType) throw new AppError("LOGO_TYPE", "org.logo.badType");
  }
  return db().$transaction(async (tx) => {
    const org = await orgBySlug(tx, slug);
    await requirePermission(actor, "org:update", { orgId: org.id }, tx);
    const logoChange = logo ? { logo: Buffer.from(logo), logoType } : removeLogo ? { logo: null, logoType: null } : {};
    await tx.organization.update({
      where: { id: org.id },
      data: {
        kind: input.kind,
        nameEn: input.nameEn,
        nameNative: input.nameNative ?? null,
        country: input.country,
        website: input.website ?? null,
        ...logoChange,
      },
    });
    await audit(tx, {
      actorId: actor!.id,
      action: "org.update",
      entityType: "Organization",
      entityId: org.id,
      data: { ...input, logo: logo ? { type: logoType, bytes: logo.byteLength } : removeLogo ? "removed" : "unchanged" },
    });
    return { slug: org.slug };
  });
}
