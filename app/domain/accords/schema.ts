import { z } from "zod";
import { optionalDayText } from "~/utils/dates";
import { optionalText, requiredText } from "~/utils/validation";

/**
 * Form schemas of the accord pages, shared by Conform in the browser and the
 * server. Messages are i18n keys. Limits keep one accord's text well under the
 * 2 MB request limit and the PDF reasonable.
 */
export const ACCORD_KINDS = ["JOINT_DECLARATION", "BILATERAL_AGREEMENT", "MEMORANDUM_OF_UNDERSTANDING"] as const;
/** Languages whose glyphs the executed PDF can render (Noto Sans SC covers Latin and Chinese). */
export const ACCORD_LANGUAGES = ["en", "zh"] as const;
export type AccordLanguage = (typeof ACCORD_LANGUAGES)[number];
export const MAX_CLAUSE_CHARS = 20_000;
export const MAX_CLAUSES = 200;
export const MAX_PARTIES = 120;

const uuid = () => z.string({ error: "validation.required" }).regex(/^[0-9a-f-]{36}$/i, "validation.invalid");
const reason = () => requiredText(1000);
const optionalUuid = () =>
  z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(uuid().optional());
const checkbox = () =>
  z
    .string()
    .optional()
    .transform((v) => v === "on");

export const createAccordSchema = z.object({
  initiatorOrgId: uuid(),
  kind: z.enum(ACCORD_KINDS, { error: "validation.required" }),
  title: requiredText(300),
  titleZh: optionalText(300),
  conferenceId: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(uuid().optional()),
  languages: z.array(z.enum(ACCORD_LANGUAGES, { error: "validation.invalid" })).min(1, "accords.validation.languages"),
  partyOrgIds: z.array(uuid()).max(MAX_PARTIES, "accords.validation.tooManyParties").default([]),
  witnessOrgIds: z.array(uuid()).max(MAX_PARTIES, "accords.validation.tooManyParties").default([]),
  /** Optional signing order: one line per group of organization slugs; unlisted parties sign last. */
  signingOrder: optionalText(5000),
  /** yyyy-mm-dd: the signing period ends at the end of that day in the accord's time zone (the venue's, else UTC). */
  signingEndsOn: optionalDayText("event"),
});

const clauseText = () => z.string().max(MAX_CLAUSE_CHARS, "accords.validation.clauseTooLong").optional().default("");

export const saveVersionSchema = z.object({
  intent: z.literal("save-version"),
  baseVersion: z.coerce.number().int().positive(),
  note: optionalText(500),
  clauses: z
    .array(
      z.object({
        /** The clause's identity; empty for a clause inserted in the editor. */
        key: optionalUuid(),
        en: clauseText(),
        zh: clauseText(),
        /** Ticked: this language, marked to be updated, already matches the other. */
        enInStep: checkbox(),
        zhInStep: checkbox(),
      }),
    )
    .max(MAX_CLAUSES + 1, "accords.validation.tooManyClauses")
    .default([]),
});

export const commentSchema = z.object({
  intent: z.literal("comment"),
  clauseKey: uuid(),
  visibility: z.enum(["SHARED", "INTERNAL"], { error: "validation.invalid" }).default("SHARED"),
  parentId: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  body: requiredText(5000),
});

export const resolveCommentSchema = z.object({ intent: z.literal("resolve-comment"), commentId: uuid() });

export const proposeAmendmentSchema = z.object({
  intent: z.literal("propose"),
  clauseKey: uuid(),
  /** Proposed wording per language, prefilled with the current text: a language left as it is is not amended. */
  en: optionalText(MAX_CLAUSE_CHARS),
  zh: optionalText(MAX_CLAUSE_CHARS),
  rationale: optionalText(2000),
});

export const decideAmendmentSchema = z
  .object({
    intent: z.literal("decide"),
    amendmentId: uuid(),
    decision: z.enum(["accept", "reject"], { error: "validation.required" }),
    reason: optionalText(1000),
    /** Set by the conflict confirmation: the current version number the decider compared the proposal with. */
    conflictSeenOn: z.coerce.number().int().positive().optional(),
  })
  .refine((v) => v.decision === "accept" || !!v.reason, { path: ["reason"], message: "accords.validation.reasonRequired" });

export const approveSchema = z.object({ intent: z.literal("approve"), partyId: uuid(), version: z.coerce.number().int().positive() });
export const withdrawSchema = z.object({ intent: z.literal("withdraw"), reason: reason() });
export const remindSchema = z.object({ intent: z.literal("remind") });
export const reviseSchema = z.object({ intent: z.literal("revise") });

export const scheduleSchema = z.object({
  intent: z.literal("schedule"),
  signingEndsOn: optionalDayText("event"),
  /** Days between automatic reminders; "never" turns them off. */
  reminderEveryDays: z.union([z.literal("never"), z.coerce.number().int().min(1, "validation.invalid").max(30, "validation.invalid")]),
});

export const designateSchema = z.object({
  intent: z.literal("designate"),
  partyId: uuid(),
  userId: uuid(),
  position: optionalText(200),
});
export const delegateSchema = z.object({
  intent: z.literal("delegate"),
  signatoryId: uuid(),
  userId: uuid(),
  reason: reason(),
});

export const requestCodeSchema = z.object({
  intent: z.literal("request-code"),
  partyId: uuid(),
  documentHash: z.string().regex(/^[0-9a-f]{64}$/, "validation.invalid"),
});
export const signWithCodeSchema = z.object({
  intent: z.literal("sign-code"),
  partyId: uuid(),
  documentHash: z.string().regex(/^[0-9a-f]{64}$/, "validation.invalid"),
  nonce: z.string().min(10, "validation.invalid").max(100),
  typedName: requiredText(200),
  code: z
    .string({ error: "validation.required" })
    .trim()
    .regex(/^\d{6}$/, "accords.validation.code"),
  confirm: z.literal("on", { error: "accords.validation.confirm" }),
});
export const declineSchema = z.object({ intent: z.literal("decline"), partyId: uuid(), reason: reason() });

/** One change to the parties or signing order (buttons of the parties section; each works without JavaScript). */
export const arrangePartiesSchema = z.discriminatedUnion("kind", [
  z.object({ intent: z.literal("arrange"), kind: z.literal("move"), partyId: uuid(), direction: z.enum(["up", "down"]) }),
  z.object({ intent: z.literal("arrange"), kind: z.literal("group"), partyId: uuid(), direction: z.enum(["earlier", "later"]) }),
  z.object({ intent: z.literal("arrange"), kind: z.literal("add"), orgId: uuid(), role: z.enum(["PARTY", "WITNESS"]) }),
  z.object({ intent: z.literal("arrange"), kind: z.literal("remove"), partyId: uuid() }),
]);
