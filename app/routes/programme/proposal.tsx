import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmAsk } from "~/components/confirm";
import { Field, FormErrors, SelectField, SubmitButton, TextareaField, firstErrorField } from "~/components/forms";
import { cfpPage } from "~/domain/programme/cfp-page.server";
import { myProposal } from "~/domain/programme/reviews-view.server";
import { LANGUAGES, proposalSchema } from "~/domain/programme/schema";
import { submitProposal } from "~/domain/programme/submit-proposal.server";
import { withdrawProposal } from "~/domain/programme/withdraw-proposal.server";
import { useT } from "~/i18n";
import { confirmFirst, splitAsk } from "~/utils/confirm";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Proposal · Concord" }];

const EMPTY_AUTHOR_ROWS = 2;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await cfpPage(params.slug ?? "", await resolveLocale(request, user));
  if (!page) throw new Response("Not found", { status: 404 });
  const isNew = params.id === "new";
  const proposal = isNew ? null : await myProposal(user.id, page.conference.id, params.id ?? "");
  if (!isNew && !proposal) throw new Response("Not found", { status: 404 });
  const authors = proposal
    ? proposal.authors.map((a) => ({ name: a.name, email: a.email, affiliation: a.affiliation ?? "" }))
    : [{ name: user.nameLatin, email: user.email, affiliation: "" }];
  return {
    ...page,
    isNew,
    status: proposal?.status ?? null,
    editable: page.phase === "open" && (!proposal || proposal.status === "SUBMITTED"),
    defaults: {
      title: proposal?.title ?? "",
      abstract: proposal?.abstract ?? "",
      abstractZh: proposal?.abstractZh ?? "",
      format: proposal?.format ?? page.call?.formats[0] ?? "",
      trackId: proposal?.trackId ?? "",
      language: proposal?.language ?? "en",
      authors: [...authors, ...Array.from({ length: EMPTY_AUTHOR_ROWS }, () => ({ name: "", email: "", affiliation: "" }))],
      answers: Object.fromEntries((proposal?.answers ?? []).map((a) => [a.questionId, a.answer])),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const formData = await request.formData();
  const proposalId = params.id === "new" ? undefined : params.id;
  if (formData.get("intent") === "withdraw" && proposalId) {
    const outcome = await orRespond(() =>
      confirmFirst(formData, (confirmed) => withdrawProposal({ actor: user, slug, proposalId, confirmed })),
    );
    if (!outcome.done) return outcome.ask;
    return redirectWithToast(`/conferences/${slug}/proposals`, { message: "programme.proposal.withdrawn" });
  }
  const submission = parseWithZod(formData, { schema: proposalSchema });
  if (submission.status !== "success") return data<SubmissionResult<string[]>>(submission.reply(), { status: 400 });
  const outcome = await runForm(request, submission, () => submitProposal({ actor: user, slug, proposalId, input: submission.value }));
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirectWithToast(`/conferences/${slug}/proposals/${outcome.value.id}`, {
    message: proposalId ? "programme.manage.saved" : "programme.proposal.received",
  });
}

export default function ProposalPage() {
  const { conference, call, tracks, phase, isNew, status, editable, defaults } = useLoaderData<typeof loader>();
  const { ask, result: lastResult } = splitAsk(useActionData<typeof action>());
  const t = useT();
  const [form, fields] = useForm({
    id: "proposal",
    lastResult,
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: proposalSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const focus = firstErrorField(lastResult);
  const answers = fields.answers.getFieldset();
  return (
    <div className="max-w-2xl">
      <p>
        <Link to={`/conferences/${conference.slug}/proposals`} className="text-blue-900 underline">
          ← {t("programme.cfp.publicTitle", { conference: conference.title })}
        </Link>
      </p>
      <h1 className="mb-4 mt-2 text-3xl font-bold">{isNew ? t("programme.proposal.new") : defaults.title}</h1>
      <ConfirmAsk ask={ask} title={t("programme.confirm.withdrawTitle")} yes={t("programme.confirm.withdrawYes")} />
      {status ? (
        <p className="mb-4" data-testid="proposal-status">
          {t("programme.manage.col.status")}: {t(`programme.proposal.status.${status}`)}
        </p>
      ) : null}
      {!editable ? (
        <p role="status" className="mb-6 rounded-md border border-stone-300 bg-stone-50 p-3">
          {phase !== "open" ? t(`programme.cfp.phase.${phase}`) : t("programme.proposal.notEditable")}
        </p>
      ) : null}
      {editable || lastResult ? (
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field meta={fields.title} label={t("programme.field.title")} autoFocus={focus === "title"} />
          <TextareaField
            meta={fields.abstract}
            label={t("programme.field.abstract")}
            hint={call?.blindReview ? t("programme.proposal.blindAbstractHint") : undefined}
            autoFocus={focus === "abstract"}
          />
          <TextareaField meta={fields.abstractZh} label={t("programme.field.abstractZh")} optional autoFocus={focus === "abstractZh"} />
          <SelectField
            meta={fields.format}
            label={t("programme.field.kind")}
            options={(call?.formats ?? []).map((k) => ({ value: k, label: t(`programme.kind.${k}`) }))}
            autoFocus={focus === "format"}
          />
          <SelectField
            meta={fields.trackId}
            label={t("programme.field.track")}
            options={[{ value: "", label: t("programme.field.none") }, ...tracks.map((tr) => ({ value: tr.id, label: tr.name }))]}
            autoFocus={focus === "trackId"}
          />
          <SelectField
            meta={fields.language}
            label={t("programme.field.language")}
            options={LANGUAGES.map((l) => ({ value: l, label: t(`programme.lang.${l}`) }))}
          />
          <fieldset className="mb-4" aria-describedby={fields.authors.errors ? fields.authors.errorId : "authors-hint"}>
            <legend className="font-medium">{t("programme.proposal.authors")}</legend>
            <p id="authors-hint" className="mb-2 text-sm text-stone-600">
              {t("programme.proposal.authorsHint")}
            </p>
            {fields.authors.errors?.length ? (
              <p id={fields.authors.errorId} className="mb-2 text-sm text-red-700" role="alert">
                {fields.authors.errors.map((e) => t(e as Parameters<typeof t>[0])).join(" ")}
              </p>
            ) : null}
            {fields.authors.getFieldList().map((row, i) => {
              const a = row.getFieldset();
              return (
                <div key={row.key} className="grid gap-2 sm:grid-cols-3">
                  <Field meta={a.name} label={t("programme.proposal.authorName", { n: i + 1 })} optional={i > 0} />
                  <Field meta={a.email} type="email" label={t("programme.proposal.authorEmail", { n: i + 1 })} optional={i > 0} />
                  <Field meta={a.affiliation} label={t("programme.proposal.authorAffiliation", { n: i + 1 })} optional />
                </div>
              );
            })}
          </fieldset>
          {(call?.questions ?? []).map((q) => (
            <TextareaField
              key={q.id}
              meta={answers[q.id]}
              rows={3}
              label={q.label}
              optional={!q.required}
              hint={
                call?.blindReview
                  ? t(q.shownInBlindReview ? "programme.proposal.blindAnswerShown" : "programme.proposal.blindAnswerHidden")
                  : undefined
              }
              autoFocus={focus === `answers.${q.id}`}
            />
          ))}
          <SubmitButton>{t(isNew ? "programme.proposal.submit" : "programme.proposal.save")}</SubmitButton>
        </Form>
      ) : null}
      {!isNew && status === "SUBMITTED" ? (
        <Form method="post" className="mt-6">
          <input type="hidden" name="intent" value="withdraw" />
          <SubmitButton variant="danger">{t("programme.proposal.withdraw")}</SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}
