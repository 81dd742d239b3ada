import { z } from "zod";
import { isCountryCode } from "~/utils/countries";
import { dayField, localDateTimeField } from "~/utils/dates";
import { isUuid, optionalText, requiredText } from "~/utils/validation";

/** Zod schemas of the registration area's forms (other than the registration form itself, see form-schema.ts). */

export const visaRequestSchema = z
  .object({
    passportName: requiredText(120),
    passportNumber: requiredText(30),
    nationality: z.string({ error: "validation.required" }).refine(isCountryCode, "validation.invalid"),
    birthDate: dayField("birth"),
    arrivalDate: dayField("travel"),
    departureDate: dayField("travel"),
  })
  .refine((v) => v.departureDate >= v.arrivalDate, { path: ["departureDate"], message: "conf.validation.endBeforeStart" });
export type VisaRequestInput = z.infer<typeof visaRequestSchema>;

export const visaDecisionSchema = z.object({
  requestId: z.string().uuid(),
  decision: z.enum(["approve", "decline"]),
  reason: optionalText(500),
});

export const moneyText = () =>
  z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(20, "validation.tooLong");

/** `anyway`: the organizer saw the duplicate / overpayment warning for this payment and records it still. */
export const markPaidSchema = z.object({
  intent: z.literal("mark-paid"),
  amount: moneyText(),
  note: optionalText(200),
  anyway: z.literal("on").optional(),
});

export const checkInSchema = z.object({
  code: z.string({ error: "validation.required" }).trim().toUpperCase().min(4, "reg.error.badgeUnknown").max(40, "reg.error.badgeUnknown"),
});

const localDateTime = () => localDateTimeField("reg.validation.dateTime");

const wholeNumber = (max: number, message: string) => z.coerce.number({ error: message }).int(message).min(0, message).max(max, message);

/**
 * The ticket type form, the same for creating and editing (one component,
 * TicketTypeFields, renders it on both pages). The price is text parsed in the
 * conference's currency by the domain; sales times are venue-local.
 */
export const ticketTypeSchema = z.object({
  intent: z.literal("ticket"),
  nameEn: requiredText(120),
  nameZh: optionalText(120),
  descriptionEn: optionalText(1000),
  descriptionZh: optionalText(1000),
  price: moneyText(),
  salesStart: localDateTime(),
  salesEnd: localDateTime(),
  eligibility: z.enum(["ANYONE", "STUDENT", "MEMBER_INSTITUTION"]).default("ANYONE"),
  // Not on the form (decision 071): one registration per person and conference makes it 1 in effect.
  // Still read so that older clients posting it keep working.
  perPersonLimit: z.coerce
    .number({ error: "reg.validation.perPersonLimit" })
    .int("reg.validation.perPersonLimit")
    .min(1, "reg.validation.perPersonLimit")
    .max(100, "reg.validation.perPersonLimit")
    .default(1),
  // An unchecked checkbox sends nothing: absent means visible.
  hidden: z
    .literal("on")
    .optional()
    .transform((v) => v === "on"),
  quotaIds: z.array(z.string().uuid()).default([]),
});
export type TicketTypeInput = z.infer<typeof ticketTypeSchema>;

export const quotaSchema = z.object({
  intent: z.literal("quota"),
  quotaId: z.string().uuid().optional(),
  name: requiredText(120),
  capacity: wholeNumber(1_000_000, "reg.validation.capacity"),
});
export type QuotaInput = z.infer<typeof quotaSchema>;

export const settingsSchema = z.object({
  intent: z.literal("settings"),
  cardHoldMinutes: z.coerce
    .number({ error: "reg.validation.capacity" })
    .int()
    .min(30, "reg.validation.capacity")
    .max(24 * 60, "reg.validation.capacity"),
  bankHoldDays: wholeNumber(90, "reg.validation.capacity"),
  offerHours: z.coerce
    .number({ error: "reg.validation.capacity" })
    .int()
    .min(1, "reg.validation.capacity")
    .max(24 * 14, "reg.validation.capacity"),
  cancelUntil: localDateTime(),
  bankInstructions: optionalText(2000),
  bankInstructionsZh: optionalText(2000),
});
export type SettingsInput = z.infer<typeof settingsSchema>;

export const questionSchema = z
  .object({
    intent: z.literal("question"),
    kind: z.enum(["TEXT", "CHOICE", "MULTI_CHOICE", "YES_NO", "COUNTRY"], { error: "validation.required" }),
    labelEn: requiredText(300),
    labelZh: optionalText(300),
    required: z.literal("on").optional(),
    options: optionalText(2000),
    optionsZh: optionalText(2000),
  })
  .refine((v) => !(v.kind === "CHOICE" || v.kind === "MULTI_CHOICE") || (v.options ?? "").trim().length > 0, {
    path: ["options"],
    message: "reg.validation.options",
  });
export type QuestionInput = z.infer<typeof questionSchema>;

export const voucherSchema = z
  .object({
    intent: z.literal("voucher"),
    code: z
      .string({ error: "validation.required" })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9-]{3,40}$/, "reg.validation.code"),
    kind: z.enum(["PERCENT", "FIXED"]),
    value: moneyText(),
    usageLimit: z.coerce.number().int().min(1, "reg.validation.capacity").max(1_000_000).optional(),
    validUntil: localDateTime(),
    ticketTypeIds: z.array(z.string().uuid()).default([]),
  })
  .refine((v) => v.kind !== "PERCENT" || (/^\d+$/.test(v.value) && Number(v.value) >= 1 && Number(v.value) <= 100), {
    path: ["value"],
    message: "reg.validation.percent",
  });
export type VoucherInput = z.infer<typeof voucherSchema>;

/** Whom "Email attendees" writes to: held or confirmed (the default), or one status. */
export const AUDIENCE_STATUSES = ["CONFIRMED", "RESERVED", "CANCELLED", "EXPIRED"] as const;
export const emailAttendeesSchema = z.object({
  intent: z.enum(["preview", "send"]),
  ticketTypeId: z
    .string()
    .optional()
    .refine((v) => !v || isUuid(v), "validation.invalid")
    .transform((v) => (v ? v : undefined)),
  status: z
    .enum(["", ...AUDIENCE_STATUSES], { error: "validation.invalid" })
    .optional()
    .transform((v) => (v ? v : undefined)),
  subjectEn: requiredText(200),
  bodyEn: requiredText(10_000),
  subjectZh: optionalText(200),
  bodyZh: optionalText(10_000),
  /** The number of recipients the organizer saw in the preview and confirmed. */
  expected: z.number().int().min(0).optional(),
});
export type EmailAttendeesInput = z.output<typeof emailAttendeesSchema>;

/** Deleting a voucher: the box that says so must be ticked (the form works without JavaScript). */
export const deleteVoucherSchema = z.object({
  intent: z.literal("delete-voucher"),
  confirm: z.literal("yes", { error: "reg.vouchers.confirmRequired" }),
});
