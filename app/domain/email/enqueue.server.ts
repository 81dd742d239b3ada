import { render, toPlainText } from "@react-email/render";
import { allTemplates, type TemplateName, type TemplateProps } from "#emails/templates";
import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import type { AttachmentRef } from "./attachments";

export type EmailRequest<N extends TemplateName> = {
  to: string;
  locale: "en" | "zh";
  template: N;
  props: TemplateProps<N>;
  /** Documents to attach, by reference: the worker produces them when it delivers (decision 068). */
  attachments?: AttachmentRef[];
};

type AnyTemplate = {
  subject: (l: string, p: unknown) => string;
  render: (l: string, p: unknown) => React.ReactElement;
};

const templateOf = (name: string) => {
  const template = (allTemplates as unknown as Record<string, AnyTemplate | undefined>)[name];
  if (!template) throw new Error(`unknown email template "${name}"`);
  return template;
};

/** Renders a template to HTML and plain text in the recipient's language. */
export async function renderEmail(req: { template: string; locale: string; props: unknown }) {
  const template = templateOf(req.template);
  // One React render; the plain-text version is derived from its HTML (what
  // render's plainText option does after rendering a second time).
  const html = await render(template.render(req.locale, req.props));
  return { subject: template.subject(req.locale, req.props), html, text: toPlainText(html) };
}

/**
 * Queues an email in the caller's transaction: if the change that causes it
 * rolls back, the email is never sent; if it commits, the outbox worker will
 * deliver it even if this process dies right after.
 *
 * Only the subject is composed here; the body is rendered by the worker from
 * the stored props when it delivers (decision 032). Rendering React and
 * deriving plain text costs milliseconds of CPU that a request at a ticket
 * launch should not pay. Props are plain JSON (strings, numbers, arrays): a
 * template never receives a Date or a class instance.
 */
export async function enqueueEmail<N extends TemplateName>(tx: Tx, req: EmailRequest<N>) {
  return tx.outboxEmail.create({ data: outboxRow(req), select: { id: true } });
}

/** Queues many emails of one template in the caller's transaction, in one insert (e.g. a message to every attendee). */
export async function enqueueEmails<N extends TemplateName>(tx: Tx, reqs: EmailRequest<N>[]) {
  if (reqs.length === 0) return 0;
  const { count } = await tx.outboxEmail.createMany({ data: reqs.map(outboxRow) });
  return count;
}

/** What enqueueEmail writes: the subject composed now, the body left to the worker. */
function outboxRow<N extends TemplateName>(req: EmailRequest<N>) {
  return {
    to: req.to,
    locale: req.locale,
    template: req.template,
    subject: templateOf(req.template).subject(req.locale, req.props),
    props: req.props as object,
    ...(req.attachments?.length ? { attachments: req.attachments } : {}),
  };
}

/**
 * The same insert as enqueueEmail, as a SQL statement, for the few hot
 * operations that write several rows in one statement (see
 * register-attendee.server.ts). `when` is a condition on the rest of that
 * statement (e.g. "the registration was written"); the email is queued only if it holds.
 */
export function enqueueEmailSql<N extends TemplateName>(req: EmailRequest<N>, when?: Prisma.Sql): Prisma.Sql {
  const row = outboxRow(req);
  const attachments = "attachments" in row ? JSON.stringify(row.attachments) : null;
  return Prisma.sql`INSERT INTO "OutboxEmail" (id, "to", subject, template, locale, props, attachments)
    SELECT gen_random_uuid(), ${row.to}, ${row.subject}, ${row.template}, ${row.locale}::"Locale", ${JSON.stringify(row.props)}::jsonb,
      ${attachments}::jsonb
    ${when ? Prisma.sql`WHERE ${when}` : Prisma.empty}`;
}
