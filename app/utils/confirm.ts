import type { MessageKey } from "~/i18n";
import { AppError } from "./errors";

/**
 * Confirming a destructive action (docs/decisions/065-confirm-before-destroying.md). The first submit of a
 * cancel, delete, withdraw, publish… reaches the domain operation unconfirmed; after its access and state
 * checks the operation refuses with CONFIRMATION_REQUIRED and a message saying what would happen. The route
 * shows that message in a confirmation panel (`~/components/confirm`) whose "Yes, …" button sends the same
 * fields again with `confirm=1`. Works without JavaScript: it is one more POST and page.
 */
export const CONFIRM_FIELD = "confirm";

/** `confirm=1`, or `yes` from the room and track confirmation pages of decision 051. */
export function isConfirmed(formData: FormData) {
  const value = formData.get(CONFIRM_FIELD);
  return value === "1" || value === "yes";
}

/** Called by a domain operation once it knows the action is allowed and possible: refuses until confirmed. */
export function requireConfirmed(confirmed: boolean | undefined, consequence: MessageKey, vars?: Record<string, string | number>) {
  if (!confirmed) throw new AppError("CONFIRMATION_REQUIRED", consequence, vars);
}

/** What the confirmation panel needs: the consequence to show and the fields to send again. */
export type ConfirmationAsk = {
  confirm: { message: MessageKey; vars: Record<string, string | number> | null; fields: [string, string][] };
};

function isConfirmationAsk(value: unknown): value is ConfirmationAsk {
  return typeof value === "object" && value !== null && "confirm" in value;
}

/** Splits a page's action data into the confirmation question (if that is what came back) and the form's own result. */
export function splitAsk<T>(actionData: T): {
  ask: Extract<T, { confirm: unknown }> | null;
  result: Exclude<T, { confirm: unknown }> | undefined;
} {
  return isConfirmationAsk(actionData)
    ? { ask: actionData as Extract<T, { confirm: unknown }>, result: undefined }
    : { ask: null, result: actionData as Exclude<T, { confirm: unknown }> };
}

/**
 * Runs a destructive operation with `confirmed` taken from the form. An unconfirmed attempt the operation
 * refuses becomes `{ done: false, ask }` for the route to return as its action data; every other error
 * propagates (wrap the call in `orRespond` or `runForm` as usual).
 */
export async function confirmFirst<T>(
  formData: FormData,
  run: (confirmed: boolean) => Promise<T>,
): Promise<{ done: true; value: T } | { done: false; ask: ConfirmationAsk }> {
  try {
    return { done: true, value: await run(isConfirmed(formData)) };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "CONFIRMATION_REQUIRED") throw error;
    const fields = [...formData].flatMap(([name, value]): [string, string][] =>
      name !== CONFIRM_FIELD && typeof value === "string" ? [[name, value]] : [],
    );
    return { done: false, ask: { confirm: { message: error.userMessage, vars: error.vars ?? null, fields } } };
  }
}
