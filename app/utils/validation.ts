import { z } from "zod";

/**
 * Zod building blocks shared by every form. Messages are i18n keys
 * (translated by the form components), so one schema serves en and zh and runs
 * both on the server and, through Conform, in the browser.
 */
/** Whether a string has the shape of a uuid: checked before it meets a ::uuid cast, which would fail the whole statement. */
export const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/**
 * Control characters other than tab and line breaks (NUL, BEL, ESC, backspace, DEL…): never typed by a
 * person, invisible on the page, and NUL cannot even be stored in a text column. Every text helper below
 * refuses them with a field error (the HTTP layer already refuses NUL in any form, decision 040).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export const hasControlCharacters = (v: string) => CONTROL.test(v);
const noControl = { message: "validation.controlCharacters" } as const;

export const requiredText = (max = 200) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(max, { message: "validation.tooLong", params: { max } } as never)
    .refine((v) => !hasControlCharacters(v), noControl);

export const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .refine((v) => !hasControlCharacters(v), noControl)
    .optional()
    .transform((v) => (v ? v : undefined));

export const emailField = () =>
  z.string({ error: "validation.required" }).trim().toLowerCase().max(254, "validation.tooLong").pipe(z.email("validation.email"));

export const passwordField = () =>
  z
    .string({ error: "validation.required" })
    .min(10, "validation.passwordShort")
    .max(200, "validation.tooLong")
    .refine((v) => !hasControlCharacters(v), noControl);

export const urlField = () =>
  z
    .string()
    .trim()
    .max(300, "validation.tooLong")
    .optional()
    .refine((v) => !v || /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(v), "validation.url")
    .transform((v) => (v ? v : undefined));
