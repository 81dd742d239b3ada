import { z } from "zod";
import { countryField } from "~/domain/organizations/schema";
import { isCurrencyCode } from "~/utils/countries";
import { dayField } from "~/utils/dates";
import { isValidTimeZone } from "~/utils/time";
import { emailField, optionalText, requiredText } from "~/utils/validation";

/** The conference form (new and edit), run in the browser and on the server. Days within ten years of today. */
const day = () => dayField("event");

export const conferenceSchema = z
  .object({
    title: requiredText(200),
    titleZh: optionalText(200),
    edition: z
      .number({ error: "conf.validation.edition" })
      .int("conf.validation.edition")
      .min(1, "conf.validation.edition")
      .max(999, "conf.validation.edition")
      .optional(),
    startDate: day(),
    endDate: day(),
    venue: requiredText(200),
    city: requiredText(100),
    country: countryField(),
    timeZone: z.string({ error: "validation.required" }).trim().refine(isValidTimeZone, "conf.validation.timeZone"),
    description: optionalText(10_000),
    descriptionZh: optionalText(10_000),
    defaultLocale: z.enum(["en", "zh"], { error: "validation.invalid" }).default("en"),
    currency: z
      .string({ error: "validation.required" })
      .trim()
      .toUpperCase()
      .refine((c) => /^[A-Z]{3}$/.test(c) && isCurrencyCode(c), "conf.validation.currency"),
  })
  .refine((v) => v.endDate.getTime() >= v.startDate.getTime(), {
    path: ["endDate"],
    message: "conf.validation.endBeforeStart",
    // Also reported while other fields still have errors, as long as both dates parsed.
    when: (payload) => {
      const v = payload.value as { startDate?: unknown; endDate?: unknown };
      return v?.startDate instanceof Date && v?.endDate instanceof Date && !Number.isNaN(+v.startDate) && !Number.isNaN(+v.endDate);
    },
  });
export type ConferenceInput = z.output<typeof conferenceSchema>;

export const CONFERENCE_ROLES = ["ORGANIZER", "REVIEWER", "CHECKIN"] as const;

export const grantRoleSchema = z.object({
  intent: z.literal("grant"),
  email: emailField(),
  role: z.enum(CONFERENCE_ROLES, { error: "conf.validation.role" }),
});

export const revokeRoleSchema = z.object({
  intent: z.literal("revoke"),
  userId: z.uuid("validation.invalid"),
  role: z.enum(CONFERENCE_ROLES, { error: "conf.validation.role" }),
});

export const statusSchema = z.object({
  intent: z.literal("status"),
  status: z.enum(["DRAFT", "PUBLISHED", "ARCHIVED"], { error: "validation.invalid" }),
});
