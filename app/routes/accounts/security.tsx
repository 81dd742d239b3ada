import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { linkClass } from "~/components/accounts";
import { ConfirmAsk } from "~/components/confirm";
import { Field, FormErrors, SubmitButton, firstErrorField } from "~/components/forms";
import { changePassword } from "~/domain/accounts/change-password.server";
import { replyInvalid, runForm } from "~/utils/form-action.server";
import { changePasswordSchema, revokeSessionSchema } from "~/domain/accounts/schemas";
import { listSessions, revokeOwnSession, signOutEverywhere } from "~/domain/accounts/sessions.server";
import { useLocale, useT, type MessageKey } from "~/i18n";
import { confirmFirst, splitAsk } from "~/utils/confirm";
import { AppError } from "~/utils/errors";
import { orRespond, toResponse } from "~/utils/http.server";
import { clearSessionCookie, requireUser, type SessionUser } from "~/utils/session.server";
import { formatDateTime } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Concord · Security" }];

const HIDE = ["currentPassword", "newPassword"];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { sessions: await listSessions(user) };
}

async function signedOut(message: "accounts.security.sessionRevoked" | "accounts.security.signedOutEverywhere") {
  return redirectWithToast("/", { message }, { headers: { "Set-Cookie": await clearSessionCookie() } });
}

async function changePasswordAction(request: Request, user: SessionUser, formData: FormData) {
  const submission = parseWithZod(formData, { schema: changePasswordSchema });
  if (submission.status !== "success") return replyInvalid(submission, { hideFields: HIDE });
  const outcome = await runForm(request, submission, () => changePassword(user, submission.value), {
    hideFields: HIDE,
    fieldFor: { WRONG_PASSWORD: "currentPassword" },
  });
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirectWithToast("/account/security", { message: "accounts.security.passwordChanged" });
}

async function revokeSessionAction(user: SessionUser, formData: FormData) {
  const parsed = revokeSessionSchema.safeParse({ sessionId: formData.get("sessionId") });
  // Not a session id at all: the same answer as someone else's session.
  if (!parsed.success) throw toResponse(new AppError("NOT_FOUND", "error.notFound"));
  const { sessionId } = parsed.data;
  const outcome = await orRespond(() => confirmFirst(formData, (confirmed) => revokeOwnSession(user, { sessionId, confirmed })));
  if (!outcome.done) return outcome.ask;
  if (outcome.value.current) return signedOut("accounts.security.sessionRevoked");
  return redirectWithToast("/account/security", { message: "accounts.security.sessionRevoked" });
}

async function signOutEverywhereAction(user: SessionUser, formData: FormData) {
  const outcome = await orRespond(() => confirmFirst(formData, (confirmed) => signOutEverywhere(user, { confirmed })));
  if (!outcome.done) return outcome.ask;
  // Home rather than /login: the toast says what happened and the header offers "Sign in".
  return signedOut("accounts.security.signedOutEverywhere");
}

/** One page, three forms, told apart by `intent`; each is only ever about the signed-in user's own account. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await orRespond(() => requireUser(request));
  const formData = await request.formData();
  switch (formData.get("intent")) {
    case "change-password":
      return changePasswordAction(request, user, formData);
    case "revoke-session":
      return revokeSessionAction(user, formData);
    case "sign-out-everywhere":
      return signOutEverywhereAction(user, formData);
    default:
      throw toResponse(new AppError("BAD_REQUEST", "error.badRequest"));
  }
}

/** The confirmation panel's title and "Yes" button for each question the sessions operations ask. */
function askWords(message: MessageKey): { title: MessageKey; yes: MessageKey } {
  if (message === "accounts.security.confirm.everywhere")
    return { title: "accounts.security.confirm.everywhereTitle", yes: "accounts.security.confirm.everywhereYes" };
  if (message.startsWith("accounts.security.confirm.revokeThis"))
    return { title: "accounts.security.confirm.revokeThisTitle", yes: "accounts.security.confirm.revokeThisYes" };
  return { title: "accounts.security.confirm.revokeTitle", yes: "accounts.security.confirm.revokeYes" };
}

export default function Security() {
  const t = useT();
  const locale = useLocale();
  const { sessions } = useLoaderData<typeof loader>();
  const { ask, result: lastResult } = splitAsk(useActionData<typeof action>());
  const [form, fields] = useForm({
    id: "change-password",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const focus = firstErrorField(lastResult);
  const when = (d: Date | string) => formatDateTime(new Date(d), "UTC", locale) + " UTC";
  const words = ask ? askWords(ask.confirm.message) : null;
  return (
    <>
      <h1 className="text-3xl font-bold">{t("accounts.security.title")}</h1>
      <p className="mt-2">
        <Link to="/account" className={linkClass}>
          {t("accounts.account.title")}
        </Link>
      </p>
      {ask && words ? (
        <div className="mt-6">
          <ConfirmAsk ask={ask} title={t(words.title)} yes={t(words.yes)} />
        </div>
      ) : null}

      <section aria-labelledby="password-title" className="mt-6 rounded-md border border-stone-300 bg-white p-6">
        <h2 id="password-title" className="mb-2 text-xl font-semibold">
          {t("accounts.security.changePassword")}
        </h2>
        <p className="mb-4 text-stone-700">{t("accounts.security.changePasswordLead")}</p>
        <Form method="post" {...getFormProps(form)} className="max-w-md">
          <input type="hidden" name="intent" value="change-password" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field
            meta={fields.currentPassword}
            type="password"
            label={t("accounts.field.currentPassword")}
            autoComplete="current-password"
            autoFocus={focus === "currentPassword"}
          />
          <Field
            meta={fields.newPassword}
            type="password"
            label={t("accounts.field.newPassword")}
            hint={t("accounts.field.passwordHint")}
            autoComplete="new-password"
            autoFocus={focus === "newPassword"}
          />
          <SubmitButton>{t("accounts.security.changePasswordSubmit")}</SubmitButton>
        </Form>
        <p className="mt-4">
          <Link to="/forgot-password" className={linkClass}>
            {t("accounts.login.forgot")}
          </Link>
        </p>
      </section>

      <section aria-labelledby="sessions-title" className="mt-6 rounded-md border border-stone-300 bg-white p-6">
        <h2 id="sessions-title" className="mb-4 text-xl font-semibold">
          {t("accounts.security.sessions")}
        </h2>
        <table className="w-full text-left text-sm">
          <thead>
            <tr>
              <th scope="col">{t("accounts.security.device")}</th>
              <th scope="col">{t("accounts.security.created")}</th>
              <th scope="col">{t("accounts.security.lastSeen")}</th>
              <th scope="col">{t("accounts.security.ip")}</th>
              <th scope="col">
                <span className="sr-only">{t("accounts.security.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id} className="border-t border-stone-200 align-top">
                <td className="py-2 pr-2">
                  <span className="font-medium">{s.device ?? t("accounts.security.unknownDevice")}</span>
                  {s.current ? <strong className="ml-2 text-green-800">({t("accounts.security.thisBrowser")})</strong> : null}
                  {s.userAgent && s.userAgent !== s.device ? (
                    <span className="block break-all text-xs text-stone-600">{s.userAgent}</span>
                  ) : null}
                </td>
                <td className="py-2 pr-2">{when(s.createdAt)}</td>
                <td className="py-2 pr-2">{when(s.lastSeenAt)}</td>
                <td className="py-2 pr-2">{s.ip ?? "—"}</td>
                <td className="py-2">
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke-session" />
                    <input type="hidden" name="sessionId" value={s.id} />
                    <SubmitButton variant="secondary">{t("accounts.security.revoke")}</SubmitButton>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Form method="post" className="mt-6">
          <input type="hidden" name="intent" value="sign-out-everywhere" />
          <p className="mb-2 text-stone-700">{t("accounts.security.everywhereLead")}</p>
          <SubmitButton variant="danger">{t("accounts.security.everywhere")}</SubmitButton>
        </Form>
      </section>
    </>
  );
}
