import { Form, Link, useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useT } from "~/i18n";
import { CONFIRM_FIELD, type ConfirmationAsk } from "~/utils/confirm";

/**
 * The one confirmation panel for destructive actions (docs/decisions/065-confirm-before-destroying.md): a
 * title, what will happen, a "Yes, …" button sending `fields` again with `confirm=1`, and a link back to the
 * page as it was. Rendered by the server after the first submit, so it works without JavaScript; with it,
 * focus moves to the panel so keyboard and screen-reader users land on the question.
 */
export function ConfirmPanel({
  title,
  yes,
  fields,
  children,
  action,
  back,
}: {
  title: string;
  yes: string;
  fields: [string, string][];
  children: ReactNode;
  /** Where the form posts, when not the current page. */
  action?: string;
  /** Where "No, go back" leads, when the panel was opened by a link (its address would show it again). */
  back?: string;
}) {
  const t = useT();
  const location = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section
      aria-labelledby="confirm-title"
      className="mb-8 max-w-3xl rounded-md border-2 border-red-800 bg-white p-4"
      data-testid="confirm-panel"
    >
      <h2 id="confirm-title" ref={heading} tabIndex={-1} className="mb-2 text-xl font-semibold">
        {title}
      </h2>
      <div className="mb-3 space-y-2">{children}</div>
      <Form method="post" action={action} className="flex flex-wrap items-center gap-4">
        {fields.map(([name, value], i) => (
          <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name={CONFIRM_FIELD} value="1" />
        <button type="submit" className="rounded-md bg-red-800 px-4 py-2 font-medium text-white">
          {yes}
        </button>
        <Link to={back ?? `${location.pathname}${location.search}`} className="text-blue-900 underline">
          {t("common.confirm.keep")}
        </Link>
      </Form>
    </section>
  );
}

/** The panel for an action the domain refused until confirmed: its message says what will happen. */
export function ConfirmAsk({ ask, title, yes }: { ask: ConfirmationAsk | undefined | null; title: string; yes: string }) {
  const t = useT();
  if (!ask) return null;
  return (
    <ConfirmPanel title={title} yes={yes} fields={ask.confirm.fields}>
      <p>{t(ask.confirm.message, ask.confirm.vars ?? undefined)}</p>
    </ConfirmPanel>
  );
}
