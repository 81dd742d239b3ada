import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AuthPage, LinkProblem, linkClass } from "~/components/accounts";
import { SubmitButton } from "~/components/forms";
import { redirectSignedIn, requestContext } from "~/domain/accounts/responses.server";
import { signInWithLink } from "~/domain/accounts/sign-in-with-link.server";
import { checkToken } from "~/domain/accounts/tokens.server";
import { useT, type MessageKey } from "~/i18n";
import { isAppError } from "~/utils/errors";

export const meta: MetaFunction = () => [{ title: "Concord · Sign in" }];

function problemPage(error: unknown) {
  if (!isAppError(error)) throw error;
  return data({ token: null, problem: error.userMessage }, { status: error.status });
}

/**
 * GET only shows a "Sign in" button: mail scanners that prefetch links must
 * not use up the one-time token. Following the link needs no session: the
 * token is the credential.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  try {
    await checkToken(token, "LOGIN_LINK");
    return { token, problem: null };
  } catch (error) {
    return problemPage(error);
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const token = (await request.formData()).get("token");
  try {
    const sessionId = await signInWithLink("LOGIN_LINK", typeof token === "string" ? token : "", requestContext(request));
    return redirectSignedIn("/", sessionId, "accounts.login.done");
  } catch (error) {
    return problemPage(error);
  }
}

export default function EmailLinkSignIn() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const problem = acted?.problem ?? loaded.problem;
  return (
    <AuthPage title={t("accounts.loginLink.confirmTitle")}>
      {problem || !loaded.token ? (
        <LinkProblem message={t((problem ?? "accounts.link.unknown") as MessageKey)}>
          <Link to="/login/email" className={linkClass}>
            {t("accounts.loginLink.again")}
          </Link>
        </LinkProblem>
      ) : (
        <Form method="post">
          <p className="mb-4">{t("accounts.loginLink.confirmLead")}</p>
          <input type="hidden" name="token" value={loaded.token} />
          <SubmitButton>{t("accounts.login.submit")}</SubmitButton>
        </Form>
      )}
    </AuthPage>
  );
}
