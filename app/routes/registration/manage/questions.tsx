import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmAsk } from "~/components/confirm";
import { Field, FormErrors, SelectField, SubmitButton, TextareaField } from "~/components/forms";
import { ManageNav } from "~/components/registration";
import { createQuestion } from "~/domain/registration/create-question.server";
import { deleteQuestion } from "~/domain/registration/delete-question.server";
import { questionAdmin } from "~/domain/registration/question-admin.server";
import { questionSchema } from "~/domain/registration/schemas";
import { pick, useLocale, useT } from "~/i18n";
import { confirmFirst, splitAsk } from "~/utils/confirm";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";
import { BackToConference } from "~/components/back-to-conference";

export const meta: MetaFunction = () => [{ title: "Registration questions · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return orRespond(() => questionAdmin({ actor: user, slug: params.slug ?? "" }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const self = `/conferences/${slug}/manage/tickets/questions`;
  const formData = await request.formData();
  if (formData.get("intent") === "delete") {
    const questionId = String(formData.get("questionId") ?? "");
    const outcome = await orRespond(() =>
      confirmFirst(formData, (confirmed) => deleteQuestion({ actor: user, slug, questionId, confirmed })),
    );
    if (!outcome.done) return outcome.ask;
    return redirectWithToast(self, { message: "reg.tickets.manage.saved" });
  }
  const submission = parseWithZod(formData, { schema: questionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await runForm(request, submission, () => createQuestion({ actor: user, slug, input: submission.value }));
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirectWithToast(self, { message: "reg.tickets.manage.saved" });
}

const KINDS = ["TEXT", "CHOICE", "MULTI_CHOICE", "YES_NO", "COUNTRY"] as const;

export default function Questions() {
  const { conference, questions } = useLoaderData<typeof loader>();
  const { ask, result: lastResult } = splitAsk(useActionData<typeof action>());
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { kind: "TEXT" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: questionSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <BackToConference conference={conference} />
      <h1 className="mb-2 mt-2 text-3xl font-bold">{t("reg.questions.title")}</h1>
      <ManageNav slug={conference.slug} />
      <ConfirmAsk ask={ask} title={t("reg.confirm.deleteQuestionTitle")} yes={t("reg.confirm.deleteQuestionYes")} />
      {questions.length === 0 ? <p>{t("reg.questions.none")}</p> : null}
      <ol className="mb-6 list-decimal pl-6">
        {questions.map((q) => (
          <li key={q.id} className="mt-2">
            <span className="font-medium">{pick(locale, q.labelEn, q.labelZh)}</span> · {t(`reg.questions.kind.${q.kind}`)}
            {q.required ? ` · ${t("reg.questions.required")}` : ""}
            {q.options.length ? ` · ${q.options.join(" / ")}` : ""}
            <Form method="post" className="ml-3 inline">
              <input type="hidden" name="questionId" value={q.id} />
              <button
                type="submit"
                name="intent"
                value="delete"
                className="text-red-800 underline"
                aria-label={t("reg.questions.deleteFor", { label: pick(locale, q.labelEn, q.labelZh) })}
              >
                {t("reg.questions.delete")}
              </button>
            </Form>
          </li>
        ))}
      </ol>
      <Form method="post" {...getFormProps(form)} className="max-w-xl rounded-md border border-stone-300 bg-white p-4">
        <h2 className="mb-2 text-lg font-semibold">{t("reg.questions.new")}</h2>
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="question" />
        <SelectField
          meta={fields.kind}
          label={t("reg.questions.kind")}
          options={KINDS.map((k) => ({ value: k, label: t(`reg.questions.kind.${k}`) }))}
        />
        <Field meta={fields.labelEn} label={t("reg.questions.labelEn")} autoFocus={!!fields.labelEn.errors} />
        <Field meta={fields.labelZh} label={t("reg.questions.labelZh")} optional />
        <label className="mb-4 flex items-center gap-2">
          <input type="checkbox" name="required" className="h-4 w-4" />
          {t("reg.questions.required")}
        </label>
        <TextareaField meta={fields.options} label={t("reg.questions.options")} optional rows={3} autoFocus={!!fields.options.errors} />
        <TextareaField meta={fields.optionsZh} label={t("reg.questions.optionsZh")} optional rows={3} />
        <SubmitButton>{t("reg.tickets.manage.save")}</SubmitButton>
      </Form>
    </>
  );
}
