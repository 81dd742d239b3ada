import { z } from "zod";

/**
 * Zod building blocks shared by every form. Messages are i18n keys
 * (translated by the form components), so one schema serves en and zh and runs
 * both on the server and, through Conform, in the browser.
 */
/** Whether a string has the shape of a uuid: checked before it meets a ::uuid cast, which would fail the whole statement. */
export const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

export const requiredText = (max = 200) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(max, { message: "validation.tooLong", params: { max } } as never);

export const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((v) => (v ? v : undefined));

export const emailField = () =>
  z.string({ error: "validation.required" }).trim().toLowerCase().max(254, "validation.tooLong").pipe(z.email("validation.email"));

export const passwordField = () =>
  z.string({ error: "validation.required" }).min(10, "validation.passwordShort").max(200, "validation.tooLong");

export const urlField = () =>
  z
    .string()
    .trim()
    .max(300, "validation.tooLong")
    .optional()
    .refine((v) => !v || /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(v), "validation.url")
    .transform((v) => (v ? v : undefined));
