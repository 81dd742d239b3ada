import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AuthPage, CheckEmail, EmailLinkForm, LinkProblem, linkClass } from "~/components/accounts";
import { SubmitButton } from "~/components/forms";
import { redirectSignedIn, requestContext } from "~/domain/accounts/responses.server";
import { replyInvalid, runForm } from "~/utils/form-action.server";
import { emailOnlySchema } from "~/domain/accounts/schemas";
import { sendEmailLink } from "~/domain/accounts/send-email-link.server";
import { signInWithLink } from "~/domain/accounts/sign-in-with-link.server";
import { checkToken } from "~/domain/accounts/tokens.server";
import { useT, type MessageKey } from "~/i18n";
import { isAppError } from "~/utils/errors";

export const meta: MetaFunction = () => [{ title: "Concord · Verify email" }];

function problemPage(error: unknown) {
  if (!isAppError(error)) throw error;
  return data({ token: null, problem: error.userMessage }, { status: error.status });
}

/**
 * GET with ?token= only checks the link and shows a "Verify" button: a mail scanner that prefetches the
 * link must neither use it up nor get a session. Without a token, or with one that cannot be used, the
 * page offers to send a new link.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  if (!token) return { token: null, problem: null };
  try {
    await checkToken(token, "VERIFY_EMAIL");
    return { token, problem: null };
  } catch (error) {
    return problemPage(error);
  }
}

/**
 * POST with a token redeems the verification link and signs the browser in (whoever presses the button
 * proved they read the mailbox). POST with an email sends the verification email again: open to everyone,
 * signed in or not; the answer never says whether the address has an account, and it is rate-limited per
 * address and per client.
 */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const token = formData.get("token");
  if (token !== null) {
    try {
      const sessionId = await signInWithLink("VERIFY_EMAIL", typeof token === "string" ? token : "", requestContext(request));
      return redirectSignedIn("/", sessionId, "accounts.verify.done");
    } catch (error) {
      return problemPage(error);
    }
  }
  const submission = parseWithZod(formData, { schema: emailOnlySchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const outcome = await runForm(request, submission, () =>
    sendEmailLink("VERIFY_EMAIL", { email: submission.value.email, ip: requestContext(request).ip }),
  );
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return { sent: true as const };
}

export default function VerifyEmail() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData && "sent" in actionData) {
    return (
      <AuthPage title={t("accounts.verify.title")}>
        <CheckEmail message={t("accounts.verify.resent")} />
      </AuthPage>
    );
  }
  const problem = (actionData && "problem" in actionData ? actionData.problem : null) ?? loaded.problem;
  const resendResult = actionData && !("problem" in actionData) ? actionData : undefined;
  if (loaded.token && !problem) {
    return (
      <AuthPage title={t("accounts.verify.title")}>
        <Form method="post">
          <p className="mb-4">{t("accounts.verify.confirmLead")}</p>
          <input type="hidden" name="token" value={loaded.token} />
          <SubmitButton>{t("accounts.verify.confirm")}</SubmitButton>
        </Form>
      </AuthPage>
    );
  }
  return (
    <AuthPage title={t("accounts.verify.title")}>
      {problem ? <LinkProblem message={t(problem as MessageKey)} /> : null}
      <p className="mb-4">{t("accounts.verify.resendLead")}</p>
      <EmailLinkForm id="resend-verification" action="/verify-email" lastResult={resendResult} submitLabel={t("accounts.verify.resend")} />
      <p className="mt-6">
        <Link to="/login" className={linkClass}>
          {t("accounts.login.title")}
        </Link>
      </p>
    </AuthPage>
  );
}
