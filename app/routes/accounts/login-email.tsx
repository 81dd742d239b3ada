import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { AuthPage, CheckEmail, EmailLinkForm, linkClass } from "~/components/accounts";
import { requestContext } from "~/domain/accounts/responses.server";
import { replyInvalid, runForm } from "~/utils/form-action.server";
import { emailOnlySchema } from "~/domain/accounts/schemas";
import { sendEmailLink } from "~/domain/accounts/send-email-link.server";
import { useT } from "~/i18n";
import { requireAnonymous } from "~/utils/session.server";

// /login/email — a sibling of /login (the trailing underscore keeps it out of the sign-in page's layout).

export const meta: MetaFunction = () => [{ title: "Concord · Sign-in link" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await request.formData(), { schema: emailOnlySchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const outcome = await runForm(request, submission, () =>
    sendEmailLink("LOGIN_LINK", { email: submission.value.email, ip: requestContext(request).ip }),
  );
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return { sent: true as const, email: submission.value.email };
}

export default function LoginEmail() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  return (
    <AuthPage title={t("accounts.loginLink.title")} lead={<p>{t("accounts.loginLink.lead")}</p>}>
      {actionData && "sent" in actionData ? (
        <CheckEmail message={t("accounts.loginLink.sent", { email: actionData.email })} />
      ) : (
        <EmailLinkForm id="login-link" lastResult={actionData} submitLabel={t("accounts.loginLink.submit")} />
      )}
      <p className="mt-6">
        <Link to="/login" className={linkClass}>
          {t("accounts.loginLink.password")}
        </Link>
      </p>
    </AuthPage>
  );
}
