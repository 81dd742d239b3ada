import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, SubmitButton } from "~/components/forms";
import { acceptInvitation, invitationState } from "~/domain/organizations/accept-invitation.server";
import { getInvitation } from "~/domain/organizations/get-invitation.server";
import { rolesText } from "~/domain/organizations/roles-text";
import { pick, useLocale, useT, type MessageKey } from "~/i18n";
import { AppError } from "~/utils/errors";
import { orRespond } from "~/utils/http.server";
import { requireUser, getUser } from "~/utils/session.server";
import { toastHeader } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Invitation · Concord" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const inv = await orRespond(() => getInvitation({ token: params.token ?? "" }));
  const user = await getUser(request);
  const path = new URL(request.url).pathname;
  return {
    org: inv.org,
    roles: inv.roles,
    inviter: inv.invitedBy.nameLatin,
    state: invitationState(inv),
    // The link itself is the secret, so whoever holds it was sent it: naming the
    // invited address helps them sign in with the right account.
    email: inv.email,
    signedIn: user ? { email: user.email, matches: user.email === inv.email } : null,
    redirectTo: encodeURIComponent(path),
  };
}

type ActionResult = { error: { message: MessageKey; vars: Record<string, string | number> | null } };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    const { slug } = await acceptInvitation({ actor: user, token: params.token ?? "" });
    return redirect(`/orgs/${slug}`, { headers: { "Set-Cookie": await toastHeader({ message: "invite.accepted" }) } });
  } catch (error) {
    // Shown on this page (not the error page) so the visitor can still switch accounts.
    if (error instanceof AppError && error.status < 500) {
      return data<ActionResult>({ error: { message: error.userMessage, vars: error.vars ?? null } }, { status: error.status });
    }
    throw error;
  }
}

export default function Invitation() {
  const { org, roles, inviter, state, email, signedIn, redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const locale = useLocale();
  const orgName = pick(locale, org.nameEn, org.nameNative);
  return (
    <section aria-labelledby="inv-title" className="max-w-xl rounded-md border border-stone-300 bg-white p-6">
      <h1 id="inv-title" className="text-2xl font-semibold">
        {t("invite.title", { org: orgName })}
      </h1>
      <p className="mt-2">{t("invite.lead", { inviter, roles: rolesText(t, roles) })}</p>
      {actionData?.error ? (
        <div role="alert" className="mt-4 rounded-md border border-red-700 bg-red-50 p-3 text-red-800">
          {t(actionData.error.message, actionData.error.vars ?? undefined)}
        </div>
      ) : null}
      {state ? (
        <FormErrors id="inv-state" errors={[`invite.${state}`]} />
      ) : signedIn ? (
        <>
          {!signedIn.matches ? <p className="mt-4 text-stone-700">{t("invite.otherAccount", { email, current: signedIn.email })}</p> : null}
          <Form method="post" className="mt-4">
            <SubmitButton>{t("invite.accept")}</SubmitButton>
          </Form>
        </>
      ) : (
        <>
          <p className="mt-4">{t("invite.signInFirst", { email })}</p>
          <p className="mt-3 flex flex-wrap gap-4">
            <Link to={`/login?redirectTo=${redirectTo}`} className="rounded-md bg-blue-900 px-4 py-2 font-medium text-white">
              {t("invite.signIn")}
            </Link>
            <Link to={`/signup?redirectTo=${redirectTo}`} className="rounded-md border border-blue-900 px-4 py-2 font-medium text-blue-900">
              {t("invite.signUp")}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
