import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { translator } from "~/i18n/dictionaries.server";
import { AppError, FieldError, type ErrorCode } from "./errors";
import { toResponse } from "./http.server";
import { resolveLocale } from "./locale.server";
import { getUser } from "./session.server";

type Replyable = {
  reply(options?: {
    formErrors?: string[];
    fieldErrors?: Record<string, string[]>;
    hideFields?: string[];
    resetForm?: boolean;
  }): SubmissionResult<string[]>;
};

export type FormReplyOptions = {
  /** Fields never sent back to the browser (passwords). */
  hideFields?: string[];
  /** Error codes that belong to one field (e.g. EMAIL_TAKEN → email) rather than to the whole form. */
  fieldFor?: Partial<Record<ErrorCode, string>>;
};

export type FormOutcome<T> = { ok: true; value: T } | { ok: false; result: SubmissionResult<string[]>; status: number; error: AppError };

/**
 * Codes that are about the page rather than the form: who may see it, and whether it exists. They go to the
 * route's error boundary; every other refusal is shown on the form with what the person typed.
 */
const PAGE_LEVEL: ReadonlySet<ErrorCode> = new Set(["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"]);

/** The schema refused the input: the same form again, with its field errors and a 400. */
export function replyInvalid(submission: Replyable, options: FormReplyOptions = {}) {
  return data(submission.reply({ hideFields: options.hideFields }), { status: 400 });
}

/**
 * Runs the domain operation behind a validated form — the one place where domain errors become form replies.
 * A FieldError lands on its field, an AppError on the form (or on a field named in `fieldFor`), with the
 * error's status and the typed values kept (minus `hideFields`). Messages with variables ("wait {minutes}
 * minutes") are translated here, since a form error is a plain string. UNAUTHORIZED/FORBIDDEN/NOT_FOUND are
 * thrown as responses for the error boundary; anything that is not an AppError is a bug and stays a 500.
 */
export async function runForm<T>(
  request: Request,
  submission: Replyable,
  fn: () => Promise<T>,
  options: FormReplyOptions = {},
): Promise<FormOutcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (PAGE_LEVEL.has(error.code)) throw toResponse(error);
    const message = error.vars
      ? translator(await resolveLocale(request, await getUser(request)))(error.userMessage, error.vars)
      : error.userMessage;
    const field = error instanceof FieldError ? error.field : options.fieldFor?.[error.code];
    const errors = field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] };
    return { ok: false, result: submission.reply({ hideFields: options.hideFields, ...errors }), status: error.status, error };
  }
}
