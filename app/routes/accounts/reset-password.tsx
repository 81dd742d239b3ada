import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AuthPage, LinkProblem, linkClass } from "~/components/accounts";
import { Field, FormErrors, SubmitButton, firstErrorField } from "~/components/forms";
import { resetPassword } from "~/domain/accounts/reset-password.server";
import { redirectSignedIn, requestContext } from "~/domain/accounts/responses.server";
import { replyInvalid, runForm } from "~/utils/form-action.server";
import { resetPasswordSchema } from "~/domain/accounts/schemas";
import { checkToken } from "~/domain/accounts/tokens.server";
import { useT, type MessageKey } from "~/i18n";
import { isAppError } from "~/utils/errors";

export const meta: MetaFunction = () => [{ title: "Concord · New password" }];

const HIDE = ["password"];

/** The token is the credential: no session is needed (nor refused) to use it. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  try {
    await checkToken(token, "RESET_PASSWORD");
    return { token, problem: null };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return data({ token: null, problem: error.userMessage }, { status: error.status });
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: resetPasswordSchema });
  if (submission.status !== "success") return replyInvalid(submission, { hideFields: HIDE });
  const outcome = await runForm(
    request,
    submission,
    () => resetPassword(submission.value.token, submission.value.password, requestContext(request)),
    { hideFields: HIDE },
  );
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirectSignedIn("/", outcome.value, "accounts.reset.done");
}

export default function ResetPassword() {
  const t = useT();
  const { token, problem } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const again = (
    <Link to="/forgot-password" className={linkClass}>
      {t("accounts.reset.again")}
    </Link>
  );
  if (problem || !token) {
    return (
      <AuthPage title={t("accounts.reset.title")}>
        <LinkProblem message={t((problem ?? "accounts.link.unknown") as MessageKey)}>{again}</LinkProblem>
      </AuthPage>
    );
  }
  return (
    <AuthPage title={t("accounts.reset.title")} lead={<p>{t("accounts.reset.lead")}</p>}>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name={fields.token.name} value={token} />
        <Field
          meta={fields.password}
          type="password"
          label={t("accounts.field.newPassword")}
          hint={t("accounts.field.passwordHint")}
          autoComplete="new-password"
          autoFocus={firstErrorField(lastResult) === "password"}
        />
        <SubmitButton>{t("accounts.reset.submit")}</SubmitButton>
      </Form>
      <p className="mt-6">{again}</p>
    </AuthPage>
  );
}
