import { z } from "zod";
import { isCountryCode } from "~/utils/countries";
import { emailField, optionalText, requiredText, urlField } from "~/utils/validation";
import { LOGO_MAX_BYTES, LOGO_TYPES } from "./logo";

/**
 * Form schemas of the organization pages, shared by the browser (Conform's
 * instant validation) and the server (the authority). Messages are i18n keys.
 */
export const ORG_KINDS = [
  "UNIVERSITY",
  "ACCREDITATION_BODY",
  "ENGINEERING_ASSOCIATION",
  "INTERNATIONAL_ALLIANCE",
  "GOVERNMENT_BODY",
  "COMPANY",
] as const;
export type OrgKindValue = (typeof ORG_KINDS)[number];

export const ORG_ROLES = ["ADMIN", "SIGNATORY"] as const;
export type OrgRoleValue = (typeof ORG_ROLES)[number];

export const countryField = () =>
  z.string({ error: "validation.country" }).trim().toUpperCase().refine(isCountryCode, "validation.country");

const rolesField = () => z.array(z.enum(ORG_ROLES, { error: "validation.invalid" })).default([]);

export const orgFields = {
  nameEn: requiredText(200),
  nameNative: optionalText(200),
  kind: z.enum(ORG_KINDS, { error: "org.validation.kind" }),
  country: countryField(),
  website: urlField(),
};

export const createOrgSchema = z.object(orgFields);
export type OrgInput = z.output<typeof createOrgSchema>;

export const editOrgSchema = z.object({
  ...orgFields,
  // On the server the File's type is the sniffed one (see read-org-form.server.ts).
  logo: z
    .file({ error: "validation.invalid" })
    .max(LOGO_MAX_BYTES, "org.logo.tooLarge")
    .mime([...LOGO_TYPES], "org.logo.badType")
    .optional(),
  removeLogo: z.boolean().optional(),
});

export const inviteSchema = z.object({
  intent: z.literal("invite"),
  email: emailField(),
  roles: rolesField(),
});

export const memberSchema = z.object({
  intent: z.literal("update-member"),
  userId: z.uuid("validation.invalid"),
  roles: rolesField(),
  position: optionalText(120),
});

export const removeMemberSchema = z.object({
  intent: z.literal("remove-member"),
  userId: z.uuid("validation.invalid"),
});

export const revokeInvitationSchema = z.object({
  intent: z.literal("revoke-invitation"),
  invitationId: z.uuid("validation.invalid"),
});
