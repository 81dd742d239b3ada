import { render, toPlainText } from "@react-email/render";
import { allTemplates, type TemplateName, type TemplateProps } from "#emails/templates";
import type { Tx } from "~/utils/db.server";

export type EmailRequest<N extends TemplateName> = {
  to: string;
  locale: "en" | "zh";
  template: N;
  props: TemplateProps<N>;
};

/** Renders a template to HTML and plain text in the recipient's language. */
export async function renderEmail<N extends TemplateName>(req: EmailRequest<N>) {
  const template = allTemplates[req.template] as unknown as {
    subject: (l: string, p: unknown) => string;
    render: (l: string, p: unknown) => React.ReactElement;
  };
  const element = template.render(req.locale, req.props);
  // One React render; the plain-text version is derived from its HTML (what
  // render's plainText option does after rendering a second time).
  const html = await render(element);
  const text = toPlainText(html);
  return { subject: template.subject(req.locale, req.props), html, text };
}

/**
 * Queues an email in the caller's transaction: if the change that causes it
 * rolls back, the email is never sent; if it commits, the outbox worker will
 * deliver it even if this process dies right after.
 */
export async function enqueueEmail<N extends TemplateName>(tx: Tx, req: EmailRequest<N>) {
  const rendered = await renderEmail(req);
  return tx.outboxEmail.create({
    data: { to: req.to, locale: req.locale, template: req.template, ...rendered },
    select: { id: true },
  });
}
