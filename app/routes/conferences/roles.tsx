import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { ConfirmAsk } from "~/components/confirm";
import { Field, FormErrors, SelectField, SubmitButton, firstErrorField } from "~/components/forms";
import { getConferenceRoles } from "~/domain/conferences/get-conference-roles.server";
import { grantConferenceRole } from "~/domain/conferences/grant-conference-role.server";
import { revokeConferenceRole } from "~/domain/conferences/revoke-conference-role.server";
import { CONFERENCE_ROLES, grantRoleSchema, revokeRoleSchema } from "~/domain/conferences/schema";
import { useT } from "~/i18n";
import { confirmFirst, splitAsk } from "~/utils/confirm";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";
import { BackToConference } from "~/components/back-to-conference";

export const meta: MetaFunction = () => [{ title: "Conference team · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return orRespond(() => getConferenceRoles({ actor: user, slug: params.slug ?? "" }));
}

type ActionResult = { form: "grant" | "revoke"; result: SubmissionResult<string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const formData = await request.formData();
  if (formData.get("intent") === "revoke") {
    const submission = parseWithZod(formData, { schema: revokeRoleSchema });
    if (submission.status !== "success") return data<ActionResult>({ form: "revoke", result: submission.reply() }, { status: 400 });
    const { userId, role } = submission.value;
    const outcome = await runForm(request, submission, () =>
      confirmFirst(formData, (confirmed) => revokeConferenceRole({ actor: user, slug, userId, role, confirmed })),
    );
    if (!outcome.ok) return data<ActionResult>({ form: "revoke", result: outcome.result }, { status: outcome.status });
    if (!outcome.value.done) return outcome.value.ask;
    return redirectWithToast(`/conferences/${slug}/roles`, { message: "conf.roles.revoked" });
  }
  const submission = parseWithZod(formData, { schema: grantRoleSchema });
  if (submission.status !== "success") return data<ActionResult>({ form: "grant", result: submission.reply() }, { status: 400 });
  const { email, role } = submission.value;
  const outcome = await runForm(request, submission, () => grantConferenceRole({ actor: user, slug, email, role }));
  if (!outcome.ok) return data<ActionResult>({ form: "grant", result: outcome.result }, { status: outcome.status });
  return redirectWithToast(`/conferences/${slug}/roles`, {
    message: outcome.value.granted ? "conf.roles.granted" : "conf.roles.alreadyHad",
    vars: { email },
  });
}

/** The page; the grant form remounts (and empties) after each successful change. */
export default function ConferenceRoles() {
  const { key } = useLocation();
  return <RolesPage key={key} />;
}

function RolesPage() {
  const { conference, roles } = useLoaderData<typeof loader>();
  const { ask, result } = splitAsk(useActionData<typeof action>());
  const actionData = result as ActionResult | undefined;
  const t = useT();
  const lastResult = actionData?.form === "grant" ? actionData.result : undefined;
  const [form, fields] = useForm({
    id: "grant",
    lastResult,
    defaultValue: { role: "REVIEWER" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: grantRoleSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const focus = firstErrorField(lastResult);
  const roleOptions = CONFERENCE_ROLES.map((r) => ({ value: r, label: t(`conf.role.${r}`) }));
  return (
    <>
      <BackToConference conference={conference} />
      <h1 className="mb-2 mt-2 text-3xl font-bold">{t("conf.roles.title")}</h1>
      <ConfirmAsk ask={ask} title={t("conf.confirm.revokeTitle")} yes={t("conf.confirm.revokeYes")} />
      <p className="mb-6 max-w-2xl text-stone-700">{t("conf.roles.lead", { org: conference.org.nameEn })}</p>
      <section aria-labelledby="grant-title" className="mb-10">
        <h2 id="grant-title" className="mb-3 text-xl font-semibold">
          {t("conf.roles.grantTitle")}
        </h2>
        <Form method="post" {...getFormProps(form)} className="max-w-xl">
          <input type="hidden" name="intent" value="grant" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field
            meta={fields.email}
            type="email"
            label={t("conf.roles.email")}
            hint={t("conf.roles.email.hint")}
            autoComplete="off"
            autoFocus={focus === "email"}
          />
          <SelectField meta={fields.role} label={t("conf.roles.role")} options={roleOptions} autoFocus={focus === "role"} />
          <SubmitButton>{t("conf.roles.grant")}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="team-title">
        <h2 id="team-title" className="mb-3 text-xl font-semibold">
          {t("conf.roles.team")}
        </h2>
        {actionData?.form === "revoke" ? <FormErrors id="revoke-errors" errors={actionData.result.error?.[""] ?? undefined} /> : null}
        {roles.length === 0 ? <p>{t("conf.roles.none")}</p> : null}
        <ul className="space-y-2">
          {roles.map((r) => (
            <li
              key={`${r.user.id}-${r.role}`}
              className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-stone-300 bg-white p-3"
            >
              <span>
                <span className="font-medium">{r.user.nameLatin}</span>
                {r.user.nameNative ? <span lang="und"> · {r.user.nameNative}</span> : null} · {r.user.email} ·{" "}
                <strong>{t(`conf.role.${r.role}`)}</strong>
              </span>
              <Form method="post" aria-label={t("conf.roles.revokeFor", { name: r.user.nameLatin, role: t(`conf.role.${r.role}`) })}>
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="userId" value={r.user.id} />
                <input type="hidden" name="role" value={r.role} />
                <SubmitButton variant="secondary">{t("conf.roles.revoke")}</SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
