import type { MessageKey } from "~/i18n";

/**
 * An error meant for the user: a stable code, an HTTP status, and a message key
 * translated where it is shown. Domain operations throw it; routes and the root
 * error boundary turn it into a response (see `toResponse`).
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly userMessage: MessageKey,
    readonly vars?: Record<string, string | number>,
  ) {
    super(`${code}: ${userMessage}`);
    this.name = "AppError";
  }
}

export const notFound = (what = "error.notFound" as MessageKey) => new AppError("NOT_FOUND", 404, what);
export const forbidden = () => new AppError("FORBIDDEN", 403, "error.forbidden");
export const unauthorized = () => new AppError("UNAUTHORIZED", 401, "error.unauthorized");

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
