import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { emailOnlySchema } from "~/domain/accounts/schemas";
import { useT } from "~/i18n";
import { Field, FormErrors, SubmitButton, firstErrorField } from "./forms";

/** The narrow column the sign-in, sign-up and link pages share. */
export function AuthPage({ title, lead, children }: { title: string; lead?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby="page-title" className="mx-auto max-w-md rounded-md border border-stone-300 bg-white p-6">
      <h1 id="page-title" className="mb-2 text-2xl font-semibold">
        {title}
      </h1>
      {lead ? <div className="mb-4 text-stone-700">{lead}</div> : null}
      {children}
    </section>
  );
}

/** "We sent you an email" — worded the same whether or not the address has an account. */
export function CheckEmail({ message }: { message: string }) {
  return (
    <div role="status" className="rounded-md border border-green-700 bg-green-50 p-3 text-green-900">
      {message}
    </div>
  );
}

/**
 * The one-field form that asks for a link by email (sign-in link, password
 * reset, verification again). `action` points at the route that sends it.
 */
export function EmailLinkForm({
  id,
  action,
  lastResult,
  submitLabel,
  defaultEmail,
  hiddenEmail = false,
}: {
  id: string;
  action?: string;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
  defaultEmail?: string;
  /** A button only: the address is already known (e.g. from the sign-in form). */
  hiddenEmail?: boolean;
}) {
  const t = useT();
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue: { email: defaultEmail ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: emailOnlySchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" action={action} {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      {hiddenEmail ? (
        <input type="hidden" name={fields.email.name} value={defaultEmail} />
      ) : (
        <Field
          meta={fields.email}
          type="email"
          label={t("accounts.field.email")}
          autoComplete="email"
          autoFocus={firstErrorField(lastResult) === "email"}
        />
      )}
      <SubmitButton variant={hiddenEmail ? "secondary" : "primary"}>{submitLabel}</SubmitButton>
    </Form>
  );
}

/** An emailed link that cannot be used (unknown, expired or already used), and what to do instead. */
export function LinkProblem({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <>
      <div role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-red-800">
        {message}
      </div>
      {children}
    </>
  );
}

export const linkClass = "text-blue-900 underline";
