import { z } from "zod";
import { emailField, optionalText, requiredText } from "~/utils/validation";
import { localDateTimeField } from "~/utils/dates";

/**
 * Form schemas of the programme pages, shared by the browser (Conform) and
 * the server. Times are venue-local "YYYY-MM-DDTHH:mm" text here; the domain
 * turns them into instants with the conference's zone (zoned-time.ts).
 */
export const SESSION_KINDS = ["KEYNOTE", "PLENARY", "PANEL", "PAPER_SESSION", "WORKSHOP", "SIGNING_CEREMONY", "BREAK"] as const;
/** What a call for proposals may ask for: every kind of session except a break, which nobody proposes. */
export const PROPOSAL_FORMATS = SESSION_KINDS.filter((k): k is Exclude<(typeof SESSION_KINDS)[number], "BREAK"> => k !== "BREAK");
export type SessionKindValue = (typeof SESSION_KINDS)[number];
export const SPEAKER_ROLES = ["SPEAKER", "CO_SPEAKER", "MODERATOR", "PANELIST", "CHAIR"] as const;
export type SpeakerRoleValue = (typeof SPEAKER_ROLES)[number];
export const LANGUAGES = ["en", "zh", "es", "pt", "fr", "id", "lo", "sw"] as const;

const optionalUuid = () =>
  z
    .string()
    .optional()
    .refine((v) => !v || z.uuid().safeParse(v).success, "validation.invalid")
    .transform((v) => (v ? v : undefined));

const optionalInt = (min: number, max: number) =>
  z
    .number({ error: "programme.validation.number" })
    .int("programme.validation.number")
    .min(min, "programme.validation.number")
    .max(max, "programme.validation.number")
    .optional();

export const localTimeField = () => localDateTimeField("programme.validation.localTime");

export const roomSchema = z.object({
  intent: z.literal("room"),
  id: optionalUuid(),
  name: requiredText(120),
  nameZh: optionalText(120),
  capacity: optionalInt(1, 100_000),
  notes: optionalText(1000),
});
export type RoomInput = z.output<typeof roomSchema>;

export const trackSchema = z.object({
  intent: z.literal("track"),
  id: optionalUuid(),
  name: requiredText(120),
  nameZh: optionalText(120),
  colour: z
    .string()
    .trim()
    .default("#1e3a8a")
    .refine((v) => /^#[0-9a-fA-F]{6}$/.test(v), "programme.validation.colour"),
});
export type TrackInput = z.output<typeof trackSchema>;

export const deleteSchema = z.object({
  intent: z.enum(["delete-room", "delete-track", "delete-session", "delete-speaker"]),
  id: z.uuid("validation.invalid"),
});

/** Start and end are both given or both left out; the end comes after the start. */
const withTimes = <T extends z.ZodObject<{ start: ReturnType<typeof localTimeField>; end: ReturnType<typeof localTimeField> }>>(
  schema: T,
) =>
  schema
    .refine((v) => !!v.start === !!v.end, { path: ["end"], message: "programme.validation.bothTimes" })
    .refine((v) => !v.start || !v.end || v.end > v.start, { path: ["end"], message: "programme.validation.endBeforeStart" });

export const sessionSchema = withTimes(
  z.object({
    title: requiredText(300),
    titleZh: optionalText(300),
    abstract: optionalText(10_000),
    abstractZh: optionalText(10_000),
    kind: z.enum(SESSION_KINDS, { error: "programme.validation.kind" }),
    trackId: optionalUuid(),
    roomId: optionalUuid(),
    start: localTimeField(),
    end: localTimeField(),
    language: z.enum(LANGUAGES, { error: "validation.invalid" }).default("en"),
    status: z.enum(["DRAFT", "PUBLISHED"], { error: "validation.invalid" }).default("DRAFT"),
    signupRequired: z.boolean().default(false),
    signupCapacity: optionalInt(1, 100_000),
    speakers: z
      .array(z.object({ speakerId: optionalUuid(), role: z.enum(SPEAKER_ROLES, { error: "validation.invalid" }).default("SPEAKER") }))
      .default([])
      .transform((rows) => rows.filter((r): r is { speakerId: string; role: SpeakerRoleValue } => !!r.speakerId))
      .refine((rows) => new Set(rows.map((r) => r.speakerId)).size === rows.length, "programme.validation.speakerTwice"),
  }),
).refine((v) => !v.signupRequired || v.signupCapacity !== undefined, {
  path: ["signupCapacity"],
  message: "programme.validation.capacityNeeded",
});
export type SessionInput = z.output<typeof sessionSchema>;

/** The timetable editor's placement form: "check" shows conflicts, "place" saves. */
export const placementSchema = withTimes(
  z.object({
    intent: z.enum(["check", "place"]),
    sessionId: z.uuid("validation.invalid"),
    roomId: optionalUuid(),
    start: localTimeField(),
    end: localTimeField(),
  }),
).refine((v) => !!v.start, { path: ["start"], message: "validation.required" });
export type PlacementInput = z.output<typeof placementSchema>;

export const speakerFields = {
  nameLatin: requiredText(200),
  nameNative: optionalText(200),
  position: optionalText(200),
  organization: optionalText(200),
  bio: optionalText(5000),
  bioZh: optionalText(5000),
};
export const speakerSchema = z.object({
  ...speakerFields,
  email: z
    .union([z.literal(""), emailField()])
    .optional()
    .transform((v) => v || undefined),
});
export type SpeakerInput = z.output<typeof speakerSchema>;
export const ownProfileSchema = z.object(speakerFields);
export type OwnProfileInput = z.output<typeof ownProfileSchema>;

// ───────────── call for proposals ─────────────

export const cfpSchema = z
  .object({
    intent: z.literal("cfp"),
    opensAt: localTimeField().refine((v) => !!v, "validation.required"),
    closesAt: localTimeField().refine((v) => !!v, "validation.required"),
    formats: z.array(z.enum(PROPOSAL_FORMATS, { error: "validation.invalid" })).min(1, "programme.validation.formats"),
    intro: optionalText(5000),
    introZh: optionalText(5000),
    sameOrganizationConflicts: z.boolean().default(false),
    blindReview: z.boolean().default(false),
  })
  .refine((v) => !v.opensAt || !v.closesAt || v.closesAt > v.opensAt, {
    path: ["closesAt"],
    message: "programme.validation.endBeforeStart",
  });
export type CfpInput = z.output<typeof cfpSchema>;

export const questionSchema = z.object({
  intent: z.literal("question"),
  label: requiredText(300),
  labelZh: optionalText(300),
  required: z.boolean().default(false),
  /** Blind review: whether reviewers read the answers (default no: such answers often name the authors, decision 072). */
  shownInBlindReview: z.boolean().default(false),
});
/** Shows a question's answers to blind reviewers, or hides them again (absent checkbox: hidden). */
export const questionVisibilitySchema = z.object({
  intent: z.literal("question-visibility"),
  id: z.uuid("validation.invalid"),
  shownInBlindReview: z.boolean().default(false),
});
export const criterionSchema = z.object({
  intent: z.literal("criterion"),
  name: requiredText(120),
  nameZh: optionalText(120),
  maxScore: z.number({ error: "programme.validation.number" }).int().min(1).max(10).default(5),
});
export const assignReviewerSchema = z.object({ intent: z.literal("assign"), email: emailField(), trackId: z.uuid("validation.invalid") });
export const decideSchema = z.object({ intent: z.enum(["accept", "reject"]), proposalId: z.uuid("validation.invalid") });

export const proposalSchema = z.object({
  title: requiredText(300),
  abstract: requiredText(10_000),
  abstractZh: optionalText(10_000),
  format: z.enum(PROPOSAL_FORMATS, { error: "programme.validation.kind" }),
  trackId: optionalUuid(),
  language: z.enum(LANGUAGES, { error: "validation.invalid" }).default("en"),
  authors: z
    .array(z.object({ name: optionalText(200), email: z.union([z.literal(""), emailField()]).optional(), affiliation: optionalText(200) }))
    .default([])
    .transform((rows) => rows.filter((r) => r.name || r.email))
    .refine((rows) => rows.every((r) => r.name && r.email), "programme.validation.author")
    .transform((rows) => rows.map((r) => ({ name: r.name!, email: r.email!, affiliation: r.affiliation })))
    .refine((rows) => rows.length >= 1, "programme.validation.oneAuthor"),
  answers: z.record(z.string(), z.string().max(5000, "validation.tooLong")).default({}),
});
export type ProposalInput = z.output<typeof proposalSchema>;

export const reviewSchema = z.object({
  comment: optionalText(10_000),
  // Conform coerces declared number fields only; record values arrive as text.
  scores: z.record(
    z.string(),
    z
      .string()
      .trim()
      .regex(/^\d{1,3}$/, "programme.validation.number")
      .transform(Number),
  ),
});
export type ReviewInput = z.output<typeof reviewSchema>;

export const inviteSpeakerSchema = z.object({ intent: z.literal("invite"), speakerId: z.uuid("validation.invalid"), email: emailField() });
export const materialSchema = z.object({ intent: z.literal("material") });
/** A speaker's availability: one window per line, "2025-09-27 09:00-12:30", on the venue's clock; empty = any time. */
export const availabilitySchema = z.object({
  intent: z.literal("availability"),
  availability: z.string().trim().max(2000, "validation.tooLong").optional().default(""),
});
export type AvailabilityInput = z.output<typeof availabilitySchema>;
export const respondInvitationSchema = z.object({ intent: z.enum(["accept", "decline"]) });

/** Deleting a custom question or a review criterion of the call for proposals. */
export const deleteCfpItemSchema = z.object({ intent: z.enum(["delete-question", "delete-criterion"]), id: z.uuid("validation.invalid") });
export const unassignReviewerSchema = z.object({
  intent: z.literal("unassign"),
  userId: z.uuid("validation.invalid"),
  trackId: z.uuid("validation.invalid"),
});
export const toSessionSchema = z.object({ intent: z.literal("to-session"), proposalId: z.uuid("validation.invalid") });
