import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AuthPage, EmailLinkForm, linkClass } from "~/components/accounts";
import { Field, FormErrors, SubmitButton, firstErrorField } from "~/components/forms";
import { redirectSignedIn, requestContext } from "~/domain/accounts/responses.server";
import { replyInvalid, runForm } from "~/utils/form-action.server";
import { loginSchema } from "~/domain/accounts/schemas";
import { signIn } from "~/domain/accounts/sign-in.server";
import { useT } from "~/i18n";
import { safeRedirectPath } from "~/utils/http.server";
import { requireAnonymous } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Concord · Sign in" }];

const HIDE = ["password"];
const UNVERIFIED = "accounts.login.unverified";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return { redirectTo: safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")) };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await request.formData(), { schema: loginSchema });
  if (submission.status !== "success") return replyInvalid(submission, { hideFields: HIDE });
  const outcome = await runForm(request, submission, () => signIn(submission.value, requestContext(request)), { hideFields: HIDE });
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  const sessionId = outcome.value;
  // Only same-site paths: a crafted ?redirectTo=https://evil.example must not bounce a fresh session elsewhere.
  return redirectSignedIn(safeRedirectPath(submission.value.redirectTo), sessionId, "accounts.login.done");
}

export default function Login() {
  const t = useT();
  const { redirectTo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const focus = firstErrorField(lastResult);
  const unverified = form.errors?.includes(UNVERIFIED) ?? false;
  return (
    <AuthPage
      title={t("accounts.login.title")}
      lead={
        <p>
          {t("accounts.login.noAccount")}{" "}
          <Link to="/signup" className={linkClass}>
            {t("accounts.signup.title")}
          </Link>
        </p>
      }
    >
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name={fields.redirectTo.name} value={redirectTo} />
        <Field meta={fields.email} type="email" label={t("accounts.field.email")} autoComplete="email" autoFocus={focus === "email"} />
        <Field
          meta={fields.password}
          type="password"
          label={t("accounts.field.password")}
          autoComplete="current-password"
          autoFocus={focus === "password"}
        />
        <SubmitButton>{t("accounts.login.submit")}</SubmitButton>
      </Form>
      {unverified ? (
        <div className="mt-4">
          <EmailLinkForm
            id="resend-verification"
            action="/verify-email"
            submitLabel={t("accounts.verify.resend")}
            defaultEmail={fields.email.initialValue ?? ""}
            hiddenEmail
          />
        </div>
      ) : null}
      <ul className="mt-6 space-y-2">
        <li>
          <Link to="/login/email" className={linkClass}>
            {t("accounts.login.emailLink")}
          </Link>
        </li>
        <li>
          <Link to="/forgot-password" className={linkClass}>
            {t("accounts.login.forgot")}
          </Link>
        </li>
      </ul>
    </AuthPage>
  );
}
