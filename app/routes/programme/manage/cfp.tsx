import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { ConfirmAsk } from "~/components/confirm";
import {
  CheckboxField,
  CheckboxGroup,
  Field,
  FormErrors,
  SelectField,
  SubmitButton,
  TextareaField,
  firstErrorField,
} from "~/components/forms";
import { ManageNav, ZoneNote } from "~/components/programme";
import { assignReviewer } from "~/domain/programme/assign-reviewer.server";
import { getCfpSettings } from "~/domain/programme/get-cfp-settings.server";
import { deleteCfpItem } from "~/domain/programme/delete-cfp-item.server";
import { organizerContext } from "~/domain/programme/page-context.server";
import { saveCfp } from "~/domain/programme/save-cfp.server";
import { saveCfpItem } from "~/domain/programme/save-cfp-item.server";
import { setQuestionVisibility } from "~/domain/programme/set-question-visibility.server";
import {
  PROPOSAL_FORMATS,
  assignReviewerSchema,
  cfpSchema,
  criterionSchema,
  deleteCfpItemSchema,
  questionSchema,
  questionVisibilitySchema,
  unassignReviewerSchema,
} from "~/domain/programme/schema";
import { unassignReviewer } from "~/domain/programme/unassign-reviewer.server";
import { offsetLabel, toLocalInput } from "~/utils/zoned-time";
import { pick, useLocale, useT, type MessageKey } from "~/i18n";
import { confirmFirst, splitAsk } from "~/utils/confirm";
import { requireUser } from "~/utils/session.server";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Call for proposals · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { conference, call, questions, criteria, tracks } = await orRespond(() => getCfpSettings({ actor: user, slug: params.slug ?? "" }));
  const offset = offsetLabel(conference.startDate, conference.timeZone);
  const zone = conference.timeZone;
  return {
    conference: { slug: conference.slug, timeZone: zone, offset },
    cfp: call
      ? {
          opensAt: toLocalInput(call.opensAt, zone),
          closesAt: toLocalInput(call.closesAt, zone),
          formats: call.formats as string[],
          intro: call.intro,
          introZh: call.introZh ?? "",
          sameOrganizationConflicts: call.sameOrganizationConflicts,
          blindReview: call.blindReview,
        }
      : { formats: ["PAPER_SESSION"] },
    questions,
    criteria,
    tracks: tracks.map((tr) => ({ id: tr.id, name: tr.name, nameZh: tr.nameZh, reviewers: tr.reviewers.map((r) => r.user) })),
  };
}

type FormName = "cfp" | "question" | "criterion" | "assign";
type ActionResult = { form: FormName; result: SubmissionResult<string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, conference } = await organizerContext(request, params.slug);
  const slug = conference.slug;
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = `/conferences/${slug}/manage/programme/cfp`;
  const done = () => redirectWithToast(back, { message: "programme.manage.saved" });
  if (intent === "delete-question" || intent === "delete-criterion") {
    const submission = parseWithZod(formData, { schema: deleteCfpItemSchema });
    if (submission.status !== "success") return data<ActionResult>({ form: "question", result: submission.reply() }, { status: 400 });
    const kind = intent === "delete-question" ? "question" : "criterion";
    const outcome = await orRespond(() =>
      confirmFirst(formData, (confirmed) => deleteCfpItem({ actor: user, slug, kind, id: submission.value.id, confirmed })),
    );
    if (!outcome.done) return outcome.ask;
    return redirectWithToast(back, { message: "programme.manage.deleted" });
  }
  if (intent === "unassign") {
    const submission = parseWithZod(formData, { schema: unassignReviewerSchema });
    if (submission.status !== "success") return data<ActionResult>({ form: "assign", result: submission.reply() }, { status: 400 });
    const { userId, trackId } = submission.value;
    const outcome = await orRespond(() =>
      confirmFirst(formData, (confirmed) => unassignReviewer({ actor: user, slug, userId, trackId, confirmed })),
    );
    if (!outcome.done) return outcome.ask;
    return redirectWithToast(back, { message: "programme.manage.deleted" });
  }
  // The forms that go through Conform: schema and domain operation.
  const run = async <S extends z.ZodType>(form: FormName, schema: S, op: (value: z.output<S>) => Promise<unknown>) => {
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") return data<ActionResult>({ form, result: submission.reply() }, { status: 400 });
    const value = submission.value as z.output<S>;
    const outcome = await runForm(request, submission, () => op(value));
    if (!outcome.ok) return data<ActionResult>({ form, result: outcome.result }, { status: outcome.status });
    return form === "assign" ? redirectWithToast(back, { message: "programme.cfp.assigned" }) : done();
  };
  if (intent === "question") return run("question", questionSchema, (item) => saveCfpItem({ actor: user, slug, item }));
  if (intent === "question-visibility")
    return run("question", questionVisibilitySchema, (v) =>
      setQuestionVisibility({ actor: user, slug, id: v.id, shownInBlindReview: v.shownInBlindReview }),
    );
  if (intent === "criterion") return run("criterion", criterionSchema, (item) => saveCfpItem({ actor: user, slug, item }));
  if (intent === "assign")
    return run("assign", assignReviewerSchema, (v) => assignReviewer({ actor: user, slug, email: v.email, trackId: v.trackId }));
  return run("cfp", cfpSchema, (input) => saveCfp({ actor: user, slug, input }));
}

/** Conform options shared by the page's four forms. */
function formOptions(id: FormName, actionData: ActionResult | undefined) {
  return {
    id,
    lastResult: actionData?.form === id ? actionData.result : undefined,
    shouldValidate: "onBlur" as const,
    shouldRevalidate: "onInput" as const,
  };
}

function DeleteButton({ intent, id, name, extra }: { intent: string; id?: string; name: string; extra?: Record<string, string> }) {
  const t = useT();
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className="ml-2 text-red-800 underline" aria-label={t("programme.manage.deleteFor", { name })}>
        {t("programme.manage.delete")}
      </button>
    </Form>
  );
}

/** Shows a question's answers to blind reviewers, or hides them again: one button, no JavaScript needed. */
function VisibilityButton({ id, label, shown }: { id: string; label: string; shown: boolean }) {
  const t = useT();
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value="question-visibility" />
      <input type="hidden" name="id" value={id} />
      {shown ? null : <input type="hidden" name="shownInBlindReview" value="on" />}
      <button
        type="submit"
        className="ml-2 text-blue-900 underline"
        aria-label={t(shown ? "programme.cfp.hideInBlindFor" : "programme.cfp.showInBlindFor", { label })}
      >
        {t(shown ? "programme.cfp.hideInBlind" : "programme.cfp.showInBlind")}
      </button>
    </Form>
  );
}

/** The panel's title and "Yes" button for each question this page's deletions can ask (decision 065). */
const PANELS: Partial<Record<MessageKey, [title: MessageKey, yes: MessageKey]>> = {
  "programme.confirm.deleteCfpQuestion": ["programme.confirm.deleteCfpQuestionTitle", "programme.confirm.deleteCfpQuestionYes"],
  "programme.confirm.deleteCriterion": ["programme.confirm.deleteCriterionTitle", "programme.confirm.deleteCriterionYes"],
  "programme.confirm.unassignReviewer": ["programme.confirm.unassignReviewerTitle", "programme.confirm.unassignReviewerYes"],
};

export default function ManageCfp() {
  const { conference, cfp, questions, criteria, tracks } = useLoaderData<typeof loader>();
  const { ask, result } = splitAsk(useActionData<typeof action>());
  const actionData = result as ActionResult | undefined;
  const panel = ask ? PANELS[ask.confirm.message] : undefined;
  const t = useT();
  const locale = useLocale();
  const [cForm, f] = useForm({
    ...formOptions("cfp", actionData),
    defaultValue: cfp,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cfpSchema }),
  });
  const [qForm, qf] = useForm({
    ...formOptions("question", actionData),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: questionSchema }),
  });
  const [kForm, kf] = useForm({
    ...formOptions("criterion", actionData),
    defaultValue: { maxScore: 5 },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: criterionSchema }),
  });
  const [aForm, af] = useForm({
    ...formOptions("assign", actionData),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: assignReviewerSchema }),
  });
  const focus = firstErrorField(actionData?.result);
  const c = { form: cForm, focus: actionData?.form === "cfp" ? focus : undefined };
  const q = { form: qForm, focus: actionData?.form === "question" ? focus : undefined };
  const k = { form: kForm, focus: actionData?.form === "criterion" ? focus : undefined };
  const a = { form: aForm, focus: actionData?.form === "assign" ? focus : undefined };
  return (
    <>
      <h1 className="mb-4 text-3xl font-bold">{t("programme.manage.cfp")}</h1>
      <ManageNav slug={conference.slug} />
      <ZoneNote zone={conference.timeZone} offset={conference.offset} />
      {panel ? <ConfirmAsk ask={ask} title={t(panel[0])} yes={t(panel[1])} /> : null}
      <section aria-labelledby="cfp-settings" className="mb-10 max-w-2xl">
        <h2 id="cfp-settings" className="mb-3 text-xl font-semibold">
          {t("programme.cfp.settings")}
        </h2>
        <Form method="post" {...getFormProps(c.form)}>
          <input type="hidden" name="intent" value="cfp" />
          <FormErrors id={c.form.errorId} errors={c.form.errors} />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              meta={f.opensAt}
              type="datetime-local"
              label={t("programme.cfp.opensAt")}
              hint={t("programme.cfp.venueTime", { zone: conference.timeZone })}
              autoFocus={c.focus === "opensAt"}
            />
            <Field
              meta={f.closesAt}
              type="datetime-local"
              label={t("programme.cfp.closesAt")}
              hint={t("programme.cfp.venueTime", { zone: conference.timeZone })}
              autoFocus={c.focus === "closesAt"}
            />
          </div>
          <CheckboxGroup
            meta={f.formats}
            legend={t("programme.cfp.formats")}
            options={PROPOSAL_FORMATS.map((kind) => ({ value: kind, label: t(`programme.kind.${kind}`) }))}
          />
          <TextareaField meta={f.intro} label={t("programme.cfp.intro")} optional autoFocus={c.focus === "intro"} />
          <TextareaField meta={f.introZh} label={t("programme.cfp.introZh")} optional autoFocus={c.focus === "introZh"} />
          <CheckboxField
            meta={f.sameOrganizationConflicts}
            label={t("programme.cfp.sameOrganizationConflicts")}
            hint={t("programme.cfp.sameOrganizationConflictsHint")}
          />
          <CheckboxField meta={f.blindReview} label={t("programme.cfp.blindReview")} hint={t("programme.cfp.blindReviewHint")} />
          <SubmitButton>{t("programme.cfp.save")}</SubmitButton>
        </Form>
      </section>
      <div className="grid gap-10 md:grid-cols-2">
        <section aria-labelledby="cfp-questions">
          <h2 id="cfp-questions" className="mb-3 text-xl font-semibold">
            {t("programme.cfp.questions")}
          </h2>
          <ul className="mb-4 list-disc pl-5">
            {questions.map((x) => (
              <li key={x.id}>
                {pick(locale, x.label, x.labelZh)} {x.required ? `(${t("programme.cfp.requiredMark")})` : null}
                <span className="text-sm text-stone-700" data-testid="question-visibility">
                  {" · "}
                  {t(x.shownInBlindReview ? "programme.cfp.shownInBlind" : "programme.cfp.hiddenInBlind")}
                </span>
                <VisibilityButton id={x.id} label={x.label} shown={x.shownInBlindReview} />
                <DeleteButton intent="delete-question" id={x.id} name={x.label} />
              </li>
            ))}
          </ul>
          <Form method="post" {...getFormProps(q.form)}>
            <input type="hidden" name="intent" value="question" />
            <Field meta={qf.label} label={t("programme.cfp.questionLabel")} autoFocus={q.focus === "label"} />
            <Field meta={qf.labelZh} label={t("programme.cfp.questionLabelZh")} optional />
            <label className="mb-4 flex items-center gap-2">
              <input type="checkbox" name={qf.required.name} defaultChecked={false} className="h-4 w-4" />
              {t("programme.cfp.questionRequired")}
            </label>
            <CheckboxField
              meta={qf.shownInBlindReview}
              label={t("programme.cfp.questionShownInBlind")}
              hint={t("programme.cfp.questionShownInBlindHint")}
            />
            <SubmitButton variant="secondary">{t("programme.cfp.addQuestion")}</SubmitButton>
          </Form>
        </section>
        <section aria-labelledby="cfp-criteria">
          <h2 id="cfp-criteria" className="mb-3 text-xl font-semibold">
            {t("programme.cfp.criteria")}
          </h2>
          <ul className="mb-4 list-disc pl-5">
            {criteria.map((x) => (
              <li key={x.id}>
                {pick(locale, x.name, x.nameZh)} (0–{x.maxScore})
                <DeleteButton intent="delete-criterion" id={x.id} name={x.name} />
              </li>
            ))}
          </ul>
          <Form method="post" {...getFormProps(k.form)}>
            <input type="hidden" name="intent" value="criterion" />
            <Field meta={kf.name} label={t("programme.cfp.criterionName")} autoFocus={k.focus === "name"} />
            <Field meta={kf.nameZh} label={t("programme.cfp.criterionNameZh")} optional />
            <Field meta={kf.maxScore} type="number" label={t("programme.cfp.maxScore")} autoFocus={k.focus === "maxScore"} />
            <SubmitButton variant="secondary">{t("programme.cfp.addCriterion")}</SubmitButton>
          </Form>
        </section>
      </div>
      <section aria-labelledby="cfp-reviewers" className="mt-10 max-w-2xl">
        <h2 id="cfp-reviewers" className="mb-3 text-xl font-semibold">
          {t("programme.cfp.reviewers")}
        </h2>
        <p className="mb-3 text-sm text-stone-700">{t("programme.cfp.reviewersLead")}</p>
        {tracks.length === 0 ? <p>{t("programme.tracks.none")}</p> : null}
        <ul className="mb-4 space-y-2">
          {tracks.map((tr) => (
            <li key={tr.id}>
              <span className="font-medium">{pick(locale, tr.name, tr.nameZh)}</span>:{" "}
              {tr.reviewers.length === 0
                ? t("programme.cfp.noReviewers")
                : tr.reviewers.map((r) => (
                    <span key={r.id} className="mr-3">
                      {r.nameLatin} &lt;{r.email}&gt;
                      <DeleteButton intent="unassign" name={`${r.nameLatin} · ${tr.name}`} extra={{ userId: r.id, trackId: tr.id }} />
                    </span>
                  ))}
            </li>
          ))}
        </ul>
        {tracks.length ? (
          <Form method="post" {...getFormProps(a.form)}>
            <input type="hidden" name="intent" value="assign" />
            <FormErrors id={a.form.errorId} errors={a.form.errors} />
            <Field meta={af.email} type="email" label={t("programme.cfp.reviewerEmail")} autoFocus={a.focus === "email"} />
            <SelectField
              meta={af.trackId}
              label={t("programme.field.track")}
              options={tracks.map((tr) => ({ value: tr.id, label: pick(locale, tr.name, tr.nameZh) }))}
              autoFocus={a.focus === "trackId"}
            />
            <SubmitButton variant="secondary">{t("programme.cfp.assign")}</SubmitButton>
          </Form>
        ) : null}
      </section>
    </>
  );
}
