import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { AuthPage, CheckEmail, EmailLinkForm, linkClass } from "~/components/accounts";
import { requestContext } from "~/domain/accounts/responses.server";
import { replyInvalid, runForm } from "~/utils/form-action.server";
import { emailOnlySchema } from "~/domain/accounts/schemas";
import { sendEmailLink } from "~/domain/accounts/send-email-link.server";
import { useT } from "~/i18n";

export const meta: MetaFunction = () => [{ title: "Concord · Forgot password" }];

/**
 * Open to signed-in visitors too (someone who forgot the password their
 * current session was started with); the answer never says whether the
 * address has an account, and the requests are rate-limited.
 */
export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: emailOnlySchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const outcome = await runForm(request, submission, () =>
    sendEmailLink("RESET_PASSWORD", { email: submission.value.email, ip: requestContext(request).ip }),
  );
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return { sent: true as const, email: submission.value.email };
}

export default function ForgotPassword() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  return (
    <AuthPage title={t("accounts.forgot.title")} lead={<p>{t("accounts.forgot.lead")}</p>}>
      {actionData && "sent" in actionData ? (
        <CheckEmail message={t("accounts.forgot.sent", { email: actionData.email })} />
      ) : (
        <EmailLinkForm id="forgot-password" lastResult={actionData} submitLabel={t("accounts.forgot.submit")} />
      )}
      <p className="mt-6">
        <Link to="/login" className={linkClass}>
          {t("accounts.login.title")}
        </Link>
      </p>
    </AuthPage>
  );
}
