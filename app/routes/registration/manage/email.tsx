import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { BackToConference } from "~/components/back-to-conference";
import { Field, FormErrors, SelectField, SubmitButton, TextareaField } from "~/components/forms";
import { ManageNav } from "~/components/registration";
import { emailAttendees, emailAttendeesPage } from "~/domain/registration/email-attendees.server";
import { AUDIENCE_STATUSES, emailAttendeesSchema } from "~/domain/registration/schemas";
import { pick, useLocale, useT } from "~/i18n";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Email attendees · Concord" }];

export { ErrorBoundary } from "~/root";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return orRespond(() => emailAttendeesPage({ actor: user, slug: params.slug ?? "", audience: {} }));
}

type Reply = { result: SubmissionResult<string[]>; preview?: { recipients: number; changed: boolean } };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const submission = parseWithZod(await request.formData(), { schema: emailAttendeesSchema });
  if (submission.status !== "success") return data<Reply>({ result: submission.reply() }, { status: 400 });
  const outcome = await runForm(request, submission, () => emailAttendees({ actor: user, slug, input: submission.value }));
  if (!outcome.ok) return data<Reply>({ result: outcome.result }, { status: outcome.status });
  if (!outcome.value.sent) {
    // The message stays as typed, with how many people it would reach and a button to send it to them.
    const changed = "changed" in outcome.value && Boolean(outcome.value.changed);
    return data<Reply>(
      { result: submission.reply(), preview: { recipients: outcome.value.recipients, changed } },
      { status: changed ? 409 : 200 },
    );
  }
  return redirectWithToast(`/conferences/${slug}/manage/registrations/email`, {
    message: "reg.email.sent",
    vars: { count: outcome.value.recipients },
  });
}

export default function EmailAttendees() {
  const { conference, tickets, recipients } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    lastResult: reply?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: emailAttendeesSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const preview = reply?.preview;
  return (
    <>
      <BackToConference conference={conference} />
      <h1 className="mb-2 mt-2 text-3xl font-bold">{t("reg.email.title")}</h1>
      <ManageNav slug={conference.slug} />
      <p className="mb-4 max-w-2xl">{t("reg.email.lead", { count: recipients })}</p>
      <Form method="post" {...getFormProps(form)} className="max-w-2xl rounded-md border border-stone-300 bg-white p-4">
        <FormErrors errors={form.errors} id={form.errorId} />
        <fieldset className="mb-4">
          <legend className="mb-2 text-lg font-semibold">{t("reg.email.audience")}</legend>
          <SelectField
            meta={fields.ticketTypeId}
            label={t("reg.email.ticket")}
            options={[
              { value: "", label: t("reg.email.allTickets") },
              ...tickets.map((tk) => ({ value: tk.id, label: pick(locale, tk.nameEn, tk.nameZh) })),
            ]}
          />
          <SelectField
            meta={fields.status}
            label={t("reg.email.status")}
            options={[
              { value: "", label: t("reg.email.live") },
              ...AUDIENCE_STATUSES.map((s) => ({ value: s, label: t(`reg.status.${s}`) })),
            ]}
          />
        </fieldset>
        <Field meta={fields.subjectEn} label={t("reg.email.subjectEn")} autoFocus={!!fields.subjectEn.errors} />
        <TextareaField meta={fields.bodyEn} label={t("reg.email.bodyEn")} rows={8} autoFocus={!!fields.bodyEn.errors} />
        <Field meta={fields.subjectZh} label={t("reg.email.subjectZh")} optional hint={t("reg.email.zhHint")} />
        <TextareaField meta={fields.bodyZh} label={t("reg.email.bodyZh")} optional rows={8} />
        {preview ? (
          <div role="status" data-testid="email-preview" className="mb-4 rounded-md border border-blue-900 bg-blue-50 p-3">
            {preview.changed ? <p className="font-medium">{t("reg.email.changed")}</p> : null}
            <p>{t("reg.email.preview", { count: preview.recipients })}</p>
          </div>
        ) : null}
        <div className="flex flex-wrap gap-3">
          <SubmitButton name="intent" value="preview" variant={preview ? "secondary" : undefined}>
            {t("reg.email.previewButton")}
          </SubmitButton>
          {preview && preview.recipients > 0 ? (
            <>
              <input type="hidden" name="expected" value={preview.recipients} />
              <SubmitButton name="intent" value="send">
                {t("reg.email.send", { count: preview.recipients })}
              </SubmitButton>
            </>
          ) : null}
        </div>
      </Form>
    </>
  );
}
