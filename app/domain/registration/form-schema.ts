import { z } from "zod";
import { isCountryCode } from "~/utils/countries";
import { optionalText } from "~/utils/validation";

/**
 * The registration form's schema, built from the organizer's question
 * definitions. The same function runs in the browser (Conform) and on the
 * server, so answers are validated and typed the same way in both places.
 */
export type QuestionDef = {
  id: string;
  kind: "TEXT" | "CHOICE" | "MULTI_CHOICE" | "YES_NO" | "COUNTRY";
  labelEn: string;
  labelZh: string | null;
  required: boolean;
  options: string[];
  optionsZh: string[];
};

/** Form field name of a question (flat: Conform reads dots and brackets as paths). */
export const answerField = (questionId: string) => `q_${questionId.replace(/-/g, "")}`;

export type AnswerValue = { text?: string; choices?: string[]; yes?: boolean };

function answerSchema(q: QuestionDef) {
  const required = "validation.required";
  switch (q.kind) {
    case "TEXT":
      return q.required ? z.string({ error: required }).trim().min(1, required).max(1000, "validation.tooLong") : optionalText(1000);
    case "CHOICE": {
      const one = z.enum(q.options as [string, ...string[]], { error: q.required ? required : "validation.invalid" });
      return q.required ? one : one.optional();
    }
    case "MULTI_CHOICE": {
      const many = z.array(z.enum(q.options as [string, ...string[]], { error: "validation.invalid" }));
      return q.required ? many.min(1, required) : many.default([]);
    }
    case "YES_NO": {
      const yn = z.enum(["yes", "no"], { error: q.required ? required : "validation.invalid" });
      return q.required ? yn : yn.optional();
    }
    case "COUNTRY": {
      const c = z.string({ error: required }).refine(isCountryCode, "validation.invalid");
      return q.required ? c : c.optional();
    }
  }
}

/**
 * Schemas already built, by the definitions they were built from. A request
 * builds the schema twice (the form, then the check inside the transaction)
 * and the browser on every keystroke, and building a zod object with its
 * checks costs far more than validating with it. Bounded: the oldest entry goes first.
 */
const built = new Map<string, ReturnType<typeof buildSchema>>();
const MAX_SCHEMAS = 100;

export function registrationFormSchema(questions: QuestionDef[]) {
  const key = JSON.stringify(questions.map((q) => [q.id, q.kind, q.required, q.options]));
  let schema = built.get(key);
  if (!schema) {
    schema = buildSchema(questions);
    if (built.size >= MAX_SCHEMAS) built.delete(built.keys().next().value!);
    built.set(key, schema);
  }
  return schema;
}

function buildSchema(questions: QuestionDef[]) {
  const answers: Record<string, z.ZodType> = {};
  for (const q of questions) answers[answerField(q.id)] = answerSchema(q);
  return z.object({
    ticketTypeId: z.string({ error: "reg.validation.ticket" }).uuid("reg.validation.ticket"),
    method: z.enum(["card", "bank"], { error: "reg.validation.method" }).optional(),
    voucher: optionalText(40),
    payerOrganization: optionalText(200),
    payerTaxId: optionalText(60),
    payerAddress: optionalText(500),
    offerId: z.string().uuid().optional(),
    ...answers,
  });
}

export type RegistrationFormValue = {
  ticketTypeId: string;
  method?: "card" | "bank";
  voucher?: string;
  payerOrganization?: string;
  payerTaxId?: string;
  payerAddress?: string;
  offerId?: string;
} & Record<string, unknown>;

/** Typed answers (one column per kind) from a validated form value. */
export function answersFrom(questions: QuestionDef[], value: Record<string, unknown>) {
  const out: { questionId: string; text: string | null; choices: string[]; yes: boolean | null }[] = [];
  for (const q of questions) {
    const v = value[answerField(q.id)];
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) continue;
    if (q.kind === "MULTI_CHOICE") out.push({ questionId: q.id, text: null, choices: v as string[], yes: null });
    else if (q.kind === "CHOICE") out.push({ questionId: q.id, text: null, choices: [v as string], yes: null });
    else if (q.kind === "YES_NO") out.push({ questionId: q.id, text: null, choices: [], yes: v === "yes" });
    else out.push({ questionId: q.id, text: String(v), choices: [], yes: null });
  }
  return out;
}
