import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AuthPage, CheckEmail, EmailLinkForm, LinkProblem, linkClass } from "~/components/accounts";
import { redirectSignedIn, requestContext } from "~/domain/accounts/responses.server";
import { replyInvalid, runForm } from "~/utils/form-action.server";
import { emailOnlySchema } from "~/domain/accounts/schemas";
import { sendEmailLink } from "~/domain/accounts/send-email-link.server";
import { signInWithLink } from "~/domain/accounts/sign-in-with-link.server";
import { useT, type MessageKey } from "~/i18n";
import { isAppError } from "~/utils/errors";

export const meta: MetaFunction = () => [{ title: "Concord · Verify email" }];

/**
 * GET with ?token= redeems the verification link and signs the browser in
 * (whoever follows the link proved they read the mailbox; a signed-in user
 * simply gets a session for the verified account). Without a token, or with
 * one that cannot be used, the page offers to send a new link.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  if (!token) return { problem: null };
  try {
    const sessionId = await signInWithLink("VERIFY_EMAIL", token, requestContext(request));
    return redirectSignedIn("/", sessionId, "accounts.verify.done");
  } catch (error) {
    if (!isAppError(error)) throw error;
    return data({ problem: error.userMessage }, { status: error.status });
  }
}

/**
 * Sends the verification email again. Open to everyone, signed in or not: the
 * answer never says whether the address has an account, and it is rate-limited
 * per address and per client.
 */
export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: emailOnlySchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const outcome = await runForm(request, submission, () =>
    sendEmailLink("VERIFY_EMAIL", { email: submission.value.email, ip: requestContext(request).ip }),
  );
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return { sent: true as const };
}

export default function VerifyEmail() {
  const t = useT();
  const { problem } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData && "sent" in actionData) {
    return (
      <AuthPage title={t("accounts.verify.title")}>
        <CheckEmail message={t("accounts.verify.resent")} />
      </AuthPage>
    );
  }
  return (
    <AuthPage title={t("accounts.verify.title")}>
      {problem ? <LinkProblem message={t(problem as MessageKey)} /> : null}
      <p className="mb-4">{t("accounts.verify.resendLead")}</p>
      <EmailLinkForm id="resend-verification" action="/verify-email" lastResult={actionData} submitLabel={t("accounts.verify.resend")} />
      <p className="mt-6">
        <Link to="/login" className={linkClass}>
          {t("accounts.login.title")}
        </Link>
      </p>
    </AuthPage>
  );
}
