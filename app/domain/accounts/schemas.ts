import { z } from "zod";
import { emailField, optionalText, passwordField, requiredText } from "~/utils/validation";

/**
 * Form schemas of the accounts pages. They run in the browser (through Conform)
 * and on the server, so this module must stay free of server-only imports.
 */

// Letters of the Latin script (with accents), spaces and the punctuation found in names.
const LATIN_NAME = /^[\p{Script=Latin}\p{M}\s.'’,-]+$/u;

export const nameLatinField = () => requiredText(100).refine((v) => LATIN_NAME.test(v), "validation.latinName");
export const localeField = () => z.enum(["en", "zh"], { error: "validation.required" });

export const signupSchema = z.object({
  email: emailField(),
  password: passwordField(),
  nameLatin: nameLatinField(),
  nameNative: optionalText(100),
  locale: localeField(),
});

export const loginSchema = z.object({
  email: emailField(),
  // Any non-empty password is checked against the hash: the length rule applies when choosing one, not here.
  password: z.string({ error: "validation.required" }).min(1, "validation.required").max(200, "validation.tooLong"),
  redirectTo: z.string().optional(),
});

/** Asking for a link by email (sign-in link, password reset, verification again). */
export const emailOnlySchema = z.object({ email: emailField() });

export const resetPasswordSchema = z.object({ token: z.string().min(1), password: passwordField() });

export const profileSchema = z.object({
  nameLatin: nameLatinField(),
  nameNative: optionalText(100),
  title: optionalText(100),
  locale: localeField(),
});

export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: "validation.required" }).min(1, "validation.required"),
  newPassword: passwordField(),
});

export const revokeSessionSchema = z.object({ sessionId: z.guid() });
