import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { AuthPage, CheckEmail, linkClass } from "~/components/accounts";
import { Field, FormErrors, SelectField, SubmitButton, firstErrorField } from "~/components/forms";
import { createAccount } from "~/domain/accounts/create-account.server";
import { requestContext } from "~/domain/accounts/responses.server";
import { replyInvalid, runForm } from "~/utils/form-action.server";
import { signupSchema } from "~/domain/accounts/schemas";
import { useLocale, useT } from "~/i18n";
import { requireAnonymous } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Concord · Create account" }];

const HIDE = ["password"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await request.formData(), { schema: signupSchema });
  if (submission.status !== "success") return replyInvalid(submission, { hideFields: HIDE });
  // The same answer whether or not the address already has an account (its owner is told by email).
  const outcome = await runForm(request, submission, () => createAccount(submission.value, requestContext(request)), {
    hideFields: HIDE,
  });
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return { sent: true as const, email: submission.value.email };
}

export default function Signup() {
  const t = useT();
  const locale = useLocale();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData && !("sent" in actionData) ? actionData : undefined;
  const [form, fields] = useForm({
    id: "signup",
    lastResult,
    defaultValue: { locale },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signupSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  if (actionData && "sent" in actionData) {
    return (
      <AuthPage title={t("accounts.signup.sentTitle")}>
        <CheckEmail message={t("accounts.signup.sent", { email: actionData.email })} />
      </AuthPage>
    );
  }
  const focus = firstErrorField(lastResult);
  return (
    <AuthPage
      title={t("accounts.signup.title")}
      lead={
        <p>
          {t("accounts.signup.haveAccount")}{" "}
          <Link to="/login" className={linkClass}>
            {t("accounts.login.title")}
          </Link>
        </p>
      }
    >
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field meta={fields.email} type="email" label={t("accounts.field.email")} autoComplete="email" autoFocus={focus === "email"} />
        <Field
          meta={fields.password}
          type="password"
          label={t("accounts.field.newPassword")}
          hint={t("accounts.field.passwordHint")}
          autoComplete="new-password"
          autoFocus={focus === "password"}
        />
        <Field
          meta={fields.nameLatin}
          label={t("accounts.field.nameLatin")}
          hint={t("accounts.field.nameLatinHint")}
          autoComplete="name"
          autoFocus={focus === "nameLatin"}
        />
        <Field
          meta={fields.nameNative}
          label={t("accounts.field.nameNative")}
          hint={t("accounts.field.nameNativeHint")}
          optional
          autoFocus={focus === "nameNative"}
        />
        <SelectField
          meta={fields.locale}
          label={t("accounts.field.locale")}
          hint={t("accounts.field.localeHint")}
          options={[
            { value: "en", label: t("locale.en") },
            { value: "zh", label: t("locale.zh") },
          ]}
          autoFocus={focus === "locale"}
        />
        <SubmitButton>{t("accounts.signup.submit")}</SubmitButton>
      </Form>
    </AuthPage>
  );
}
