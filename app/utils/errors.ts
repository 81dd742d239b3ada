import type { MessageKey } from "~/i18n";

/**
 * Every error code a domain operation may throw, and the one HTTP status it
 * answers with. A code means the same thing wherever it is thrown, so a client
 * (or a test) can rely on the pair.
 */
export const ERROR_STATUS = {
  // 400: the input cannot be used as it is
  BAD_AMOUNT: 400,
  BAD_ASSERTION: 400,
  BAD_CSV: 400,
  BAD_NONCE: 400,
  BAD_REGISTRATION: 400,
  BAD_REQUEST: 400,
  BAD_SIGNATURE: 400,
  CONFIRMATION_REQUIRED: 400,
  INVALID_FIELD: 400,
  INVITATION_UNUSABLE: 400,
  LOGO_TOO_LARGE: 400,
  LOGO_TYPE: 400,
  NOT_WORKSHOP: 400,
  NO_CHANGE: 400,
  NO_PASSKEY: 400,
  NO_SUCH_AMENDMENT: 400,
  NO_SUCH_COMMENT: 400,
  TOKEN_EXPIRED: 400,
  TOKEN_USED: 400,
  TOO_MANY_ATTEMPTS: 400,
  TOO_MANY_CLAUSES: 400,
  UNKNOWN_PASSKEY: 400,
  WRONG_PASSWORD: 400,
  // 401: who is asking is not known (or the credentials are wrong)
  INVALID_CREDENTIALS: 401,
  UNAUTHORIZED: 401,
  // 403: known, but not allowed
  EMAIL_UNVERIFIED: 403,
  EXPIRED: 403,
  FORBIDDEN: 403,
  NOT_YOUR_TURN: 403,
  UNVERIFIED: 403,
  WITHDRAWN: 403,
  WRONG_ACCOUNT: 403,
  // 404: there is no such thing (or it is not visible to this person)
  INVITATION_INVALID: 404,
  NOT_FOUND: 404,
  STRIPE_UNCONFIGURED: 404,
  TOKEN_UNKNOWN: 404,
  UNKNOWN_BADGE: 404,
  // 409: the thing is not in a state that allows it
  ACCORD_CLOSED: 409,
  ALREADY_DECIDED: 409,
  AMENDMENT_CONFLICT: 409,
  ALREADY_REGISTERED: 409,
  ALREADY_REVISED: 409,
  ALREADY_SIGNED: 409,
  ALREADY_WAITING: 409,
  CANCEL_CLOSED: 409,
  CARD_UNAVAILABLE: 409,
  CFP_CLOSED: 409,
  CLAUSE_GONE: 409,
  CONFLICT: 409,
  DECLINED: 409,
  EMAIL_TAKEN: 409,
  EMPTY_TEXT: 409,
  EXECUTED: 409,
  FULL: 409,
  LAST_ADMIN: 409,
  NOT_CANCELLABLE: 409,
  NOT_CONFIRMED: 409,
  NOT_DECLINED: 409,
  NOT_DRAFTING: 409,
  NOT_FROZEN: 409,
  NOT_FROZEN_TEXT: 409,
  NOT_PAYABLE: 409,
  NOT_PENDING: 409,
  NOT_REGISTERED: 409,
  NOT_SIGNING: 409,
  NOT_SOLD_OUT: 409,
  OUT_OF_STEP: 409,
  OFFER_EXPIRED: 409,
  PROPOSAL_FINAL: 409,
  PROPOSAL_NOT_READY: 409,
  QUOTA_BELOW_USED: 409,
  RELEASE_CHANGED: 409,
  SALES_CLOSED: 409,
  SESSION_RELEASED: 409,
  SOLD_OUT: 409,
  STALE_VERSION: 409,
  TICKET_CHANGED: 409,
  TICKET_QUOTAS_LOCKED: 409,
  VISA_DECIDED: 409,
  VOUCHER_USED: 409,
  VOUCHER_USED_UP: 409,
  // 413: too large
  TOO_LARGE: 413,
  // 429: too many attempts in a short time
  RATE_LIMITED: 429,
  // 502: a provider (Stripe) failed
  PAYMENT_PROVIDER_FAILED: 502,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * An error meant for the user: a stable code (its HTTP status comes from
 * ERROR_STATUS), and a message key translated where it is shown. Domain
 * operations throw it; `runForm` turns it into errors on the submitted form and
 * `toResponse` into a response for the route's error boundary.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly userMessage: MessageKey,
    readonly vars?: Record<string, string | number>,
  ) {
    super(`${code}: ${userMessage}`);
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
  }
}

/**
 * A mistake that belongs to one field of the submitted form (e.g. "no account
 * has this email"): domain operations throw it after checks only the database
 * can make, and the form shows it next to that field.
 */
export class FieldError extends AppError {
  constructor(
    readonly field: string,
    message: MessageKey,
    code: ErrorCode = "INVALID_FIELD",
  ) {
    super(code, message);
  }
}

export const notFound = (what = "error.notFound" as MessageKey) => new AppError("NOT_FOUND", what);
export const forbidden = () => new AppError("FORBIDDEN", "error.forbidden");
export const unauthorized = () => new AppError("UNAUTHORIZED", "error.unauthorized");

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
