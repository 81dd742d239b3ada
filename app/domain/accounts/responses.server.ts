import type { Submission } from "@conform-to/react";
import { data } from "@remix-run/node";
import type { MessageKey } from "~/i18n";
import { translator } from "~/i18n/dictionaries.server";
import { AppError } from "~/utils/errors";
import { clientIp } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { createSessionCookie, getUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";
import type { SessionContext } from "./sessions.server";

/**
 * Route glue shared by the accounts pages. A failed form submission answers
 * with the typed values (minus `hideFields`: passwords are never echoed), the
 * errors, and a 4xx status.
 */
type AnySubmission = Pick<Submission<unknown>, "reply">;
export type ReplyOptions = {
  hideFields?: string[];
  /** AppError codes that belong to one field (e.g. EMAIL_TAKEN → email) rather than to the whole form. */
  fieldFor?: Record<string, string>;
};

/** The schema rejected the input. */
export function replyInvalid(submission: AnySubmission, options: ReplyOptions = {}) {
  return data(submission.reply({ hideFields: options.hideFields }), { status: 400 });
}

/**
 * A domain operation refused with an AppError. Messages with variables (e.g.
 * "wait {minutes} minutes") are translated here, since a form error is a plain
 * string; the others stay keys and are translated where they are shown.
 * Anything that is not an AppError is a bug and is rethrown (500).
 */
export async function replyWithError(request: Request, submission: AnySubmission, error: unknown, options: ReplyOptions = {}) {
  if (!(error instanceof AppError)) throw error;
  const message = error.vars
    ? translator(await resolveLocale(request, await getUser(request)))(error.userMessage, error.vars)
    : error.userMessage;
  const field = options.fieldFor?.[error.code];
  const errors = field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] };
  return data(submission.reply({ hideFields: options.hideFields, ...errors }), { status: error.status });
}

/** Where a new session comes from, shown later in the list of signed-in browsers. */
export function requestContext(request: Request): SessionContext & { ip: string } {
  return { ip: clientIp(request), userAgent: request.headers.get("User-Agent") };
}

/** Sets the cookie of a freshly created session and moves on with a toast. */
export async function redirectSignedIn(to: string, sessionId: string, message: MessageKey) {
  return redirectWithToast(to, { message }, { headers: { "Set-Cookie": await createSessionCookie(sessionId) } });
}
