// Reading queued emails in tests: the outbox stores a template and its props,
// and the worker renders the body at delivery (decision 032). Tests render it
// the same way, so an assertion on the text also proves the template renders.
import { renderEmail } from "~/domain/email/enqueue.server";
import type { OutboxEmail } from "~/generated/prisma/client";

/** The plain-text body the recipient gets (as already sent, or as the worker will render it). */
export async function emailText(row: Pick<OutboxEmail, "template" | "locale" | "props" | "text">): Promise<string> {
  return row.text ?? (await renderEmail(row)).text;
}
