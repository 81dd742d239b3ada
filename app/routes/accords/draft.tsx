import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, SelectField, SubmitButton, TextareaField } from "~/components/forms";
import { getDraftPage } from "~/domain/accords/get-draft-page.server";
import { decideAmendment, proposeAmendment } from "~/domain/accords/amendments.server";
import { commentOnClause, resolveComment } from "~/domain/accords/comment-on-clause.server";
import { saveVersion } from "~/domain/accords/save-version.server";
import {
  commentSchema,
  decideAmendmentSchema,
  proposeAmendmentSchema,
  resolveCommentSchema,
  saveVersionSchema,
} from "~/domain/accords/schema";
import { useLocale, useT, type MessageKey } from "~/i18n";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { formatDateTime } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return orRespond(() => getDraftPage({ actor: user, accordId: params.id ?? "" }));
}

const schemas = {
  "save-version": saveVersionSchema,
  comment: commentSchema,
  "resolve-comment": resolveCommentSchema,
  propose: proposeAmendmentSchema,
  decide: decideAmendmentSchema,
} as const;
type ActionResult = { form: string; result: SubmissionResult<string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const accordId = params.id ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (!(intent in schemas)) throw new Response("Unknown intent", { status: 400 });
  const submission = parseWithZod(formData, { schema: schemas[intent as keyof typeof schemas] });
  const formKey = `${intent}:${String(formData.get("clauseNumber") ?? formData.get("amendmentId") ?? formData.get("commentId") ?? "")}`;
  if (submission.status !== "success") return data<ActionResult>({ form: formKey, result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const outcome = await runForm(request, submission, async (): Promise<{ message: MessageKey; vars?: Record<string, number> }> => {
    switch (v.intent) {
      case "save-version": {
        const r = await saveVersion({ actor: user, accordId, baseVersion: v.baseVersion, clauses: v.clauses, note: v.note });
        return { message: "accords.draft.saved", vars: { n: r.version } };
      }
      case "comment":
        await commentOnClause({ actor: user, accordId, clauseNumber: v.clauseNumber, body: v.body, parentId: v.parentId });
        return { message: "accords.comment.added" };
      case "resolve-comment":
        await resolveComment({ actor: user, accordId, commentId: v.commentId });
        return { message: "accords.comment.resolved" };
      case "propose":
        await proposeAmendment({
          actor: user,
          accordId,
          clauseNumber: v.clauseNumber,
          language: v.language,
          proposedText: v.proposedText,
          rationale: v.rationale,
        });
        return { message: "accords.amend.proposed" };
      case "decide":
        await decideAmendment({ actor: user, accordId, amendmentId: v.amendmentId, decision: v.decision, reason: v.reason });
        return { message: "accords.amend.decided" };
    }
  });
  if (!outcome.ok) return data<ActionResult>({ form: formKey, result: outcome.result }, { status: outcome.status });
  return redirectWithToast(`/accords/${accordId}/draft`, outcome.value);
}

function useResultFor(key: string) {
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  return actionData?.form === key ? actionData.result : undefined;
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function Editor({ accord, clauses }: { accord: LoaderData["accord"]; clauses: LoaderData["clauses"] }) {
  const t = useT();
  const lastResult = useResultFor("save-version:");
  const initial = [...clauses.map((c) => ({ en: c.text.en ?? "", zh: c.text.zh ?? "" })), { en: "", zh: "" }];
  const [form, fields] = useForm({
    id: "editor",
    lastResult,
    defaultValue: { clauses: initial, baseVersion: String(accord.currentVersion) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: saveVersionSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const list = fields.clauses.getFieldList();
  return (
    <Form method="post" {...getFormProps(form)} className="mb-10">
      <input type="hidden" name="intent" value="save-version" />
      <input type="hidden" name="baseVersion" value={accord.currentVersion} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <p className="mb-3 text-sm text-stone-600">{t("accords.draft.emptyToRemove")}</p>
      {list.map((item, i) => {
        const f = item.getFieldset();
        const last = i === list.length - 1;
        return (
          <fieldset key={item.key} className="mb-4 rounded-md border border-stone-300 bg-white p-3">
            <legend className="px-1 font-semibold">{last ? t("accords.draft.newClause") : t("accords.clause", { n: i + 1 })}</legend>
            {accord.languages.map((l) => {
              const meta = l === "zh" ? f.zh : f.en;
              return (
                <div key={l} className="mb-2">
                  <label htmlFor={meta.id} className="block text-sm font-medium">
                    {t(`accords.lang.${l as "en" | "zh"}`)}
                  </label>
                  <textarea
                    {...getTextareaProps(meta)}
                    key={meta.key}
                    lang={l}
                    rows={3}
                    className="mt-1 block w-full rounded-md border border-stone-400 px-3 py-2"
                  />
                  {meta.errors ? <p className="text-sm text-red-700">{meta.errors.join(" ")}</p> : null}
                </div>
              );
            })}
          </fieldset>
        );
      })}
      <Field meta={fields.note} label={t("accords.draft.note")} optional />
      <SubmitButton>{t("accords.draft.save", { n: accord.currentVersion + 1 })}</SubmitButton>
    </Form>
  );
}

function CommentForm({ clause, parentId }: { clause: number; parentId?: string }) {
  const t = useT();
  const lastResult = useResultFor(`comment:${clause}`);
  const [form, fields] = useForm({
    id: `comment-${clause}-${parentId ?? "new"}`,
    lastResult: parentId ? undefined : lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: commentSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-2">
      <input type="hidden" name="intent" value="comment" />
      <input type="hidden" name="clauseNumber" value={clause} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextareaField meta={fields.body} label={parentId ? t("accords.comment.reply") : t("accords.comment.body")} rows={2} />
      <SubmitButton variant="secondary">{parentId ? t("accords.comment.reply") : t("accords.comment.add")}</SubmitButton>
    </Form>
  );
}

function ProposeForm({ clause, languages }: { clause: number; languages: string[] }) {
  const t = useT();
  const lastResult = useResultFor(`propose:${clause}`);
  const [form, fields] = useForm({
    id: `propose-${clause}`,
    lastResult,
    defaultValue: { language: languages[0] },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: proposeAmendmentSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-blue-900 underline">{t("accords.amend.propose")}</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2">
        <input type="hidden" name="intent" value="propose" />
        <input type="hidden" name="clauseNumber" value={clause} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          meta={fields.language}
          label={t("accords.amend.language")}
          options={languages.map((l) => ({ value: l, label: t(`accords.lang.${l as "en" | "zh"}`) }))}
        />
        <TextareaField meta={fields.proposedText} label={t("accords.amend.text")} rows={3} />
        <Field meta={fields.rationale} label={t("accords.amend.rationale")} optional />
        <SubmitButton variant="secondary">{t("accords.amend.submit")}</SubmitButton>
      </Form>
    </details>
  );
}

export default function Draft() {
  const { accord, may, clauses, comments, amendments, versions } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const drafting = accord.status === "DRAFTING";
  return (
    <>
      <h2 className="mb-2 text-2xl font-semibold">{t("accords.text")}</h2>
      {!drafting ? <p className="mb-4 rounded-md border border-stone-300 bg-stone-50 p-3">{t("accords.draft.frozen")}</p> : null}
      {drafting && !may.edit ? <p className="mb-4 text-stone-700">{t("accords.draft.readOnly")}</p> : null}
      {drafting && may.edit ? <Editor accord={accord} clauses={clauses} /> : null}
      <ol className="space-y-6">
        {clauses.map((c) => (
          <li key={c.number} id={`clause-${c.number}`} className="rounded-md border border-stone-300 bg-white p-4">
            <h3 className="font-semibold">{t("accords.clause", { n: c.number })}</h3>
            {accord.languages.map((l) => (
              <p key={l} lang={l} className="mt-1 whitespace-pre-wrap">
                {c.text[l]}
              </p>
            ))}
            <section aria-label={t("accords.comments")} className="mt-3 border-t border-stone-200 pt-2">
              {comments
                .filter((m) => m.clauseNumber === c.number && !m.parentId)
                .map((m) => (
                  <div key={m.id} className={`mt-2 rounded bg-stone-50 p-2 ${m.resolvedAt ? "opacity-60" : ""}`}>
                    <p className="text-sm">
                      <strong>{m.authorName}</strong> · {formatDateTime(new Date(m.createdAt), "UTC", locale)} UTC ·{" "}
                      {t("accords.comment.onVersion", { n: m.version })}
                      {m.resolvedAt ? ` · ${t("accords.comment.resolved")}` : null}
                    </p>
                    <p className="whitespace-pre-wrap">{m.body}</p>
                    {comments
                      .filter((r) => r.parentId === m.id)
                      .map((r) => (
                        <p key={r.id} className="ml-4 mt-1 text-sm">
                          <strong>{r.authorName}</strong>: {r.body}
                        </p>
                      ))}
                    {drafting && may.comment && !m.resolvedAt ? (
                      <>
                        <CommentForm clause={c.number} parentId={m.id} />
                        <Form method="post" className="mt-1">
                          <input type="hidden" name="intent" value="resolve-comment" />
                          <input type="hidden" name="commentId" value={m.id} />
                          <SubmitButton variant="secondary">{t("accords.comment.resolve")}</SubmitButton>
                        </Form>
                      </>
                    ) : null}
                  </div>
                ))}
              {drafting && may.comment ? <CommentForm clause={c.number} /> : null}
              {drafting && may.comment ? <ProposeForm clause={c.number} languages={accord.languages} /> : null}
            </section>
          </li>
        ))}
      </ol>
      <h2 className="mb-2 mt-8 text-2xl font-semibold">{t("accords.amendments")}</h2>
      <ul className="space-y-3">
        {amendments.map((a) => (
          <li key={a.id} className="rounded-md border border-stone-300 bg-white p-3">
            <p className="text-sm">
              {t("accords.clause", { n: a.clauseNumber })} · {t(`accords.lang.${a.language as "en" | "zh"}`)} ·{" "}
              {t(`accords.amend.status.${a.status}`)} · {t("accords.amend.by", { name: a.proposerName, n: a.baseVersion })}
            </p>
            <p lang={a.language} className="whitespace-pre-wrap">
              {a.proposedText}
            </p>
            {a.rationale ? <p className="text-sm text-stone-600">{a.rationale}</p> : null}
            {a.rejectReason ? <p className="text-sm text-red-800">{a.rejectReason}</p> : null}
            {drafting && may.edit && a.status === "PROPOSED" ? (
              <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
                <input type="hidden" name="intent" value="decide" />
                <input type="hidden" name="amendmentId" value={a.id} />
                <SubmitButton name="decision" value="accept">
                  {t("accords.amend.accept")}
                </SubmitButton>
                <label className="text-sm">
                  {t("accords.amend.reason")}
                  <input name="reason" maxLength={1000} className="ml-2 rounded-md border border-stone-400 px-2 py-1" />
                </label>
                <SubmitButton name="decision" value="reject" variant="danger">
                  {t("accords.amend.reject")}
                </SubmitButton>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      <h2 className="mb-2 mt-8 text-2xl font-semibold">{t("accords.versions")}</h2>
      <ul className="text-sm">
        {versions.map((v) => (
          <li key={v.number}>
            {t("accords.versionBy", {
              n: v.number,
              name: v.authorName,
              date: formatDateTime(new Date(v.createdAt), "UTC", locale) + " UTC",
            })}
            {v.note ? ` — ${v.note}` : ""}
          </li>
        ))}
      </ul>
    </>
  );
}
