import type { SubmissionResult } from "@conform-to/react";
import type { MessageKey } from "~/i18n";
import { AppError } from "./errors";
import { toResponse } from "./http.server";

/**
 * A user mistake that belongs to one field of the submitted form (e.g. "no
 * account has this email"): domain operations throw it after checks only the
 * database can make, and the route shows it next to that field.
 */
export class FieldError extends AppError {
  constructor(
    readonly field: string,
    message: MessageKey,
    status = 400,
  ) {
    super("INVALID_FIELD", status, message);
  }
}

type Replyable = {
  reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; resetForm?: boolean }): SubmissionResult<string[]>;
};

export type FormOutcome<T> = { ok: true; value: T } | { ok: false; result: SubmissionResult<string[]>; status: number };

/**
 * Runs the domain operation behind a validated form. Mistakes the user can fix
 * (4xx other than 401/403/404) come back as errors on the same form with their
 * status and the typed values kept; 401/403/404 are thrown as responses for the
 * error boundary; anything else stays an unexpected error.
 */
export async function runForm<T>(submission: Replyable, fn: () => Promise<T>): Promise<FormOutcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    if (error instanceof FieldError) {
      return { ok: false, result: submission.reply({ fieldErrors: { [error.field]: [error.userMessage] } }), status: error.status };
    }
    if (error instanceof AppError) {
      if (error.status >= 400 && error.status < 500 && ![401, 403, 404].includes(error.status)) {
        return { ok: false, result: submission.reply({ formErrors: [error.userMessage] }), status: error.status };
      }
      throw toResponse(error);
    }
    throw error;
  }
}
