// The drafting page's parts: the clause editor (insert, move, delete, the
// languages side by side; every button works without JavaScript through
// Conform's list intents), each clause with its amendments as tracked changes
// and its comment threads, and the histories of amendments and versions.
import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useActionData, type useLoaderData } from "@remix-run/react";
import { Errors, Field, FormErrors, SubmitButton, TextareaField } from "~/components/forms";
import type { DiffOp } from "~/domain/accords/diff";
import { commentSchema, proposeAmendmentSchema, saveVersionSchema } from "~/domain/accords/schema";
import { useLocale, useT } from "~/i18n";
import type { loader } from "~/routes/accords/draft";
import { formatDateTime } from "~/utils/time";

export type DraftActionResult = { form: string; result: SubmissionResult<string[]> };
type Page = ReturnType<typeof useLoaderData<typeof loader>>;
type Clause = Page["clauses"][number];
type Amendment = Page["amendments"][number];
type Comment = Page["comments"][number];

function useResultFor(key: string) {
  const actionData = useActionData() as DraftActionResult | undefined;
  return actionData?.form === key ? actionData.result : undefined;
}

function useLanguageName() {
  const t = useT();
  return (l: string) => t(`accords.lang.${l as "en" | "zh"}`);
}

const smallButton =
  "rounded border border-stone-400 bg-white px-2 py-1 text-sm hover:bg-stone-100 focus:outline focus:outline-2 focus:outline-blue-800";

/** Inline tracked changes: deletions struck through in red, insertions underlined in green. */
export function Redline({ ops, lang }: { ops: DiffOp[]; lang: string }) {
  const t = useT();
  return (
    <p lang={lang} className="whitespace-pre-wrap">
      {ops.map((o, i) =>
        o.op === "same" ? (
          <span key={i}>{o.text}</span>
        ) : o.op === "add" ? (
          <ins key={i} className="bg-green-100 text-green-900 underline" title={t("accords.diff.added")}>
            {o.text}
          </ins>
        ) : (
          <del key={i} className="bg-red-100 text-red-900 line-through" title={t("accords.diff.removed")}>
            {o.text}
          </del>
        ),
      )}
    </p>
  );
}

export function Editor({ accord, clauses }: { accord: Page["accord"]; clauses: Clause[] }) {
  const t = useT();
  const language = useLanguageName();
  const lastResult = useResultFor("save-version:");
  const outOfStep = new Map(clauses.map((c) => [c.key, c.outOfStep]));
  const [form, fields] = useForm({
    id: "editor",
    lastResult,
    defaultValue: {
      clauses: clauses.map((c) => ({ key: c.key, en: c.text.en ?? "", zh: c.text.zh ?? "" })),
      baseVersion: String(accord.currentVersion),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: saveVersionSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const list = fields.clauses.getFieldList();
  const insertButton = (index: number) =>
    form.insert.getButtonProps({ name: fields.clauses.name, index, defaultValue: { en: "", zh: "" } });
  return (
    <section aria-labelledby="editor-title" className="mt-10 rounded-md border-2 border-blue-900 bg-blue-50/40 p-4">
      <h2 id="editor-title" className="mb-2 text-2xl font-semibold">
        {t("accords.draft.editor")}
      </h2>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="save-version" />
        <input type="hidden" name="baseVersion" value={accord.currentVersion} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <p className="mb-3 text-sm text-stone-700">
          {t("accords.draft.emptyToRemove")} {t("accords.draft.unsaved")}
        </p>
        <button type="submit" {...insertButton(0)} className={`${smallButton} mb-3`}>
          + {t("accords.draft.insertFirst")}
        </button>
        {list.map((item, i) => {
          const f = item.getFieldset();
          const n = i + 1;
          const behind = (f.key.value && outOfStep.get(f.key.value)) || [];
          return (
            <fieldset key={item.key} className="mb-4 rounded-md border border-stone-300 bg-white p-3">
              <legend className="px-1 font-semibold">{t("accords.clause", { n })}</legend>
              <input {...getInputProps(f.key, { type: "hidden" })} key={f.key.key} />
              <div className="grid gap-3 md:grid-cols-2">
                {accord.languages.map((l) => {
                  const meta = l === "zh" ? f.zh : f.en;
                  const inStep = l === "zh" ? f.zhInStep : f.enInStep;
                  return (
                    <div key={l}>
                      <label htmlFor={meta.id} className="block text-sm font-medium">
                        {language(l)}
                      </label>
                      <textarea
                        {...getTextareaProps(meta)}
                        key={meta.key}
                        lang={l}
                        rows={4}
                        className="mt-1 block w-full rounded-md border border-stone-400 px-3 py-2"
                      />
                      <Errors id={meta.errorId} errors={meta.errors} />
                      {behind.includes(l) ? (
                        <div className="mt-1 rounded bg-amber-50 p-2 text-sm text-amber-900">
                          <p>{t("accords.clause.outOfStep", { lang: language(l) })}</p>
                          <label className="mt-1 flex items-center gap-2">
                            <input {...getInputProps(inStep, { type: "checkbox" })} key={inStep.key} />
                            {t("accords.clause.inStep", { lang: language(l) })}
                          </label>
                        </div>
                      ) : null}
                    </div>
                  );
                })}
              </div>
              <div className="mt-2 flex flex-wrap gap-2">
                <button
                  type="submit"
                  {...form.reorder.getButtonProps({ name: fields.clauses.name, from: i, to: i - 1 })}
                  disabled={i === 0}
                  className={smallButton}
                  aria-label={t("accords.draft.moveUp", { n })}
                >
                  ↑ {t("accords.draft.moveUp", { n })}
                </button>
                <button
                  type="submit"
                  {...form.reorder.getButtonProps({ name: fields.clauses.name, from: i, to: i + 1 })}
                  disabled={i === list.length - 1}
                  className={smallButton}
                  aria-label={t("accords.draft.moveDown", { n })}
                >
                  ↓ {t("accords.draft.moveDown", { n })}
                </button>
                <button type="submit" {...insertButton(i + 1)} className={smallButton}>
                  + {t("accords.draft.insertAfter", { n })}
                </button>
                <button
                  type="submit"
                  {...form.remove.getButtonProps({ name: fields.clauses.name, index: i })}
                  className={`${smallButton} text-red-800`}
                >
                  ✕ {t("accords.draft.delete", { n })}
                </button>
              </div>
            </fieldset>
          );
        })}
        <Field meta={fields.note} label={t("accords.draft.note")} optional />
        <SubmitButton>{t("accords.draft.save", { n: accord.currentVersion + 1 })}</SubmitButton>
      </Form>
    </section>
  );
}

function CommentForm({ clauseKey, parentId }: { clauseKey: string; parentId?: string }) {
  const t = useT();
  const lastResult = useResultFor(`comment:${clauseKey}`);
  const [form, fields] = useForm({
    id: `comment-${clauseKey}-${parentId ?? "new"}`,
    lastResult: parentId ? undefined : lastResult,
    defaultValue: { visibility: "SHARED" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: commentSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-2">
      <input type="hidden" name="intent" value="comment" />
      <input type="hidden" name="clauseKey" value={clauseKey} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextareaField meta={fields.body} label={parentId ? t("accords.comment.reply") : t("accords.comment.body")} rows={2} />
      {parentId ? null : (
        <fieldset className="mb-3 text-sm">
          <legend className="font-medium">{t("accords.comment.visibility")}</legend>
          {(["SHARED", "INTERNAL"] as const).map((v) => (
            <label key={v} className="mr-4 inline-flex items-center gap-1">
              <input type="radio" name={fields.visibility.name} value={v} defaultChecked={v === "SHARED"} />
              {v === "SHARED" ? t("accords.comment.shared") : t("accords.comment.internal")}
            </label>
          ))}
        </fieldset>
      )}
      <SubmitButton variant="secondary">{parentId ? t("accords.comment.reply") : t("accords.comment.add")}</SubmitButton>
    </Form>
  );
}

function ProposeForm({ clause, languages }: { clause: Clause; languages: string[] }) {
  const t = useT();
  const language = useLanguageName();
  const lastResult = useResultFor(`propose:${clause.key}`);
  const [form, fields] = useForm({
    id: `propose-${clause.key}`,
    lastResult,
    defaultValue: { en: clause.text.en ?? "", zh: clause.text.zh ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: proposeAmendmentSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <details className="mt-2" open={!!lastResult}>
      <summary className="cursor-pointer text-blue-900 underline">{t("accords.amend.propose")}</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2">
        <input type="hidden" name="intent" value="propose" />
        <input type="hidden" name="clauseKey" value={clause.key} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <p className="mb-2 text-sm text-stone-600">{t("accords.amend.leaveOut")}</p>
        <div className="grid gap-3 md:grid-cols-2">
          {languages.map((l) => {
            const meta = l === "zh" ? fields.zh : fields.en;
            return (
              <div key={l}>
                <label htmlFor={meta.id} className="block text-sm font-medium">
                  {t("accords.amend.textIn", { lang: language(l) })}
                </label>
                <textarea
                  {...getTextareaProps(meta)}
                  key={meta.key}
                  lang={l}
                  rows={4}
                  className="mt-1 block w-full rounded-md border border-stone-400 px-3 py-2"
                />
                <Errors id={meta.errorId} errors={meta.errors} />
              </div>
            );
          })}
        </div>
        <Field meta={fields.rationale} label={t("accords.amend.rationale")} optional />
        <SubmitButton variant="secondary">{t("accords.amend.submit")}</SubmitButton>
      </Form>
    </details>
  );
}

function DecideForm({ amendment, currentVersion }: { amendment: Amendment; currentVersion: number }) {
  const t = useT();
  const lastResult = useResultFor(`decide:${amendment.id}`);
  const errors = lastResult?.error?.[""] ?? undefined;
  return (
    <Form method="post" className="mt-3 space-y-2 border-t border-stone-200 pt-2">
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="amendmentId" value={amendment.id} />
      <FormErrors id={`decide-${amendment.id}-errors`} errors={errors ?? undefined} />
      {amendment.conflicts.length > 0 ? (
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="conflictSeenOn" value={currentVersion} className="mt-1" />
          {t("accords.amend.confirmConflict", { n: currentVersion })}
        </label>
      ) : null}
      <label className="block text-sm">
        {t("accords.amend.why")}
        <input name="reason" maxLength={1000} className="ml-2 rounded-md border border-stone-400 px-2 py-1" />
      </label>
      <div className="flex flex-wrap gap-2">
        <SubmitButton name="decision" value="accept">
          {t("accords.amend.accept")}
        </SubmitButton>
        <SubmitButton name="decision" value="reject" variant="danger">
          {t("accords.amend.reject")}
        </SubmitButton>
      </div>
    </Form>
  );
}

/** A pending amendment inside its clause, as tracked changes; with a conflict, its base, the current text and the proposal. */
function PendingAmendment({ amendment, page }: { amendment: Amendment; page: Page }) {
  const t = useT();
  const language = useLanguageName();
  const conflict = amendment.conflicts.length > 0;
  return (
    <article
      aria-label={t("accords.amend.redline")}
      className={`mt-3 rounded-md border p-3 ${conflict ? "border-amber-600 bg-amber-50" : "border-blue-300 bg-blue-50/50"}`}
    >
      <p className="text-sm font-medium">
        {t("accords.amend.redline")} · {t("accords.amend.by", { name: amendment.proposerName, n: amendment.baseVersion })}
      </p>
      {conflict ? (
        <p role="status" className="mt-1 text-sm font-semibold text-amber-900">
          {t("accords.amend.conflict")}
        </p>
      ) : null}
      {amendment.texts.map((x) => (
        <div key={x.language} className="mt-2">
          <p className="text-sm text-stone-600">{language(x.language)}</p>
          {amendment.conflicts.includes(x.language) ? (
            <dl className="grid gap-2 text-sm md:grid-cols-3">
              <div>
                <dt className="font-medium">{t("accords.amend.base", { n: amendment.baseVersion })}</dt>
                <dd lang={x.language} className="whitespace-pre-wrap">
                  {x.baseText}
                </dd>
              </div>
              <div>
                <dt className="font-medium">{t("accords.amend.current")}</dt>
                <dd lang={x.language} className="whitespace-pre-wrap">
                  {x.currentText}
                </dd>
              </div>
              <div>
                <dt className="font-medium">{t("accords.amend.proposal")}</dt>
                <dd>
                  <Redline ops={x.redline} lang={x.language} />
                </dd>
              </div>
            </dl>
          ) : (
            <Redline ops={x.redline} lang={x.language} />
          )}
        </div>
      ))}
      {amendment.rationale ? <p className="mt-1 text-sm text-stone-700">{amendment.rationale}</p> : null}
      {page.accord.status === "DRAFTING" && page.may.edit ? (
        <DecideForm amendment={amendment} currentVersion={page.accord.currentVersion} />
      ) : null}
    </article>
  );
}

function CommentThread({ comment, replies, page, clauseKey }: { comment: Comment; replies: Comment[]; page: Page; clauseKey: string }) {
  const t = useT();
  const locale = useLocale();
  const drafting = page.accord.status === "DRAFTING";
  const mayResolve =
    comment.authorId === page.me ||
    (comment.visibility === "SHARED" ? page.adminOrgIds.length > 0 : page.adminOrgIds.includes(comment.orgId ?? ""));
  const internal = comment.visibility === "INTERNAL";
  return (
    <div
      className={`mt-2 rounded p-2 ${internal ? "border border-dashed border-violet-500 bg-violet-50" : "bg-stone-50"} ${comment.resolvedAt ? "opacity-60" : ""}`}
    >
      <p className="text-sm">
        {internal ? <strong className="mr-1 text-violet-900">[{t("accords.comment.internalBadge")}]</strong> : null}
        <strong>{comment.authorName}</strong> · {formatDateTime(new Date(comment.createdAt), "UTC", locale)} UTC ·{" "}
        {t("accords.comment.onVersion", { n: comment.version })}
        {comment.resolvedAt ? ` · ${t("accords.comment.resolved")}` : null}
      </p>
      <p className="whitespace-pre-wrap">{comment.body}</p>
      {replies.map((r) => (
        <p key={r.id} className="ml-4 mt-1 text-sm">
          <strong>{r.authorName}</strong>: {r.body}
        </p>
      ))}
      {drafting && page.may.comment && !comment.resolvedAt ? (
        <>
          <CommentForm clauseKey={clauseKey} parentId={comment.id} />
          {mayResolve ? (
            <Form method="post" className="mt-1">
              <input type="hidden" name="intent" value="resolve-comment" />
              <input type="hidden" name="commentId" value={comment.id} />
              <SubmitButton variant="secondary">{t("accords.comment.resolve")}</SubmitButton>
            </Form>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

export function ClauseCard({ clause, page }: { clause: Clause; page: Page }) {
  const t = useT();
  const language = useLanguageName();
  const drafting = page.accord.status === "DRAFTING";
  const pending = page.amendments.filter((a) => a.clauseKey === clause.key && a.status === "PROPOSED");
  const threads = page.comments.filter((m) => m.clauseKey === clause.key && !m.parentId);
  return (
    <li id={`clause-${clause.key}`} className="rounded-md border border-stone-300 bg-white p-4">
      <h3 className="font-semibold">{t("accords.clause", { n: clause.number })}</h3>
      <div className="mt-1 grid gap-4 md:grid-cols-2">
        {page.accord.languages.map((l) => (
          <div key={l}>
            <p lang={l} className="whitespace-pre-wrap">
              {clause.text[l]}
            </p>
            {clause.outOfStep.includes(l) ? (
              <p className="mt-1 rounded bg-amber-50 px-2 py-1 text-sm text-amber-900">
                {t("accords.clause.outOfStep", { lang: language(l) })}
              </p>
            ) : null}
          </div>
        ))}
      </div>
      {pending.map((a) => (
        <PendingAmendment key={a.id} amendment={a} page={page} />
      ))}
      <section aria-label={t("accords.comments")} className="mt-3 border-t border-stone-200 pt-2">
        {threads.map((m) => (
          <CommentThread
            key={m.id}
            comment={m}
            replies={page.comments.filter((r) => r.parentId === m.id)}
            page={page}
            clauseKey={clause.key}
          />
        ))}
        {/* Keyed by what they add to, so a form starts empty again after its comment or proposal was saved. */}
        {drafting && page.may.comment ? <CommentForm key={threads.length} clauseKey={clause.key} /> : null}
        {drafting && page.may.comment ? (
          <ProposeForm key={`${pending.length}:${clause.text.en}:${clause.text.zh}`} clause={clause} languages={page.accord.languages} />
        ) : null}
      </section>
    </li>
  );
}

export function AmendmentHistory({ amendments, languages }: { amendments: Amendment[]; languages: string[] }) {
  const t = useT();
  const language = useLanguageName();
  if (amendments.length === 0) return null;
  return (
    <section className="mt-8">
      <h2 className="mb-2 text-2xl font-semibold">{t("accords.amendments")}</h2>
      <ul className="space-y-3">
        {amendments.map((a) => (
          <li key={a.id} className="rounded-md border border-stone-300 bg-white p-3">
            <p className="text-sm">
              {a.clauseNumber ? t("accords.clause", { n: a.clauseNumber }) : t("accords.amend.gone")} ·{" "}
              {t("accords.amend.by", { name: a.proposerName, n: a.baseVersion })} ·{" "}
              {a.decidedByName
                ? t("accords.amend.decidedBy", { status: t(`accords.amend.status.${a.status}`), name: a.decidedByName })
                : t(`accords.amend.status.${a.status}`)}
              {a.resultVersion ? ` · ${t("accords.version", { n: a.resultVersion })}` : null}
            </p>
            {a.texts
              .filter((x) => languages.includes(x.language))
              .map((x) => (
                <div key={x.language}>
                  <span className="text-sm text-stone-600">{language(x.language)}</span>
                  <Redline ops={x.redline} lang={x.language} />
                </div>
              ))}
            {a.rationale ? <p className="text-sm text-stone-600">{a.rationale}</p> : null}
            {a.rejectReason ? <p className="text-sm text-stone-800">— {a.rejectReason}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function VersionHistory({ versions }: { versions: Page["versions"] }) {
  const t = useT();
  const locale = useLocale();
  const language = useLanguageName();
  return (
    <section className="mt-8">
      <h2 className="mb-2 text-2xl font-semibold">{t("accords.versions")}</h2>
      <ol className="space-y-2 text-sm">
        {versions.map((v) => (
          <li key={v.number}>
            <p>
              {t("accords.versionBy", {
                n: v.number,
                name: v.authorName,
                date: formatDateTime(new Date(v.createdAt), "UTC", locale) + " UTC",
              })}
              {v.note ? ` — ${v.note}` : ""}
            </p>
            <ul className="ml-5 list-disc text-stone-700" aria-label={t("accords.history.title")}>
              {v.changes === null ? <li>{t("accords.history.first", { count: v.clauseCount })}</li> : null}
              {v.changes?.length === 0 ? <li>{t("accords.history.none")}</li> : null}
              {v.changes?.map((c, i) => (
                <li key={i}>
                  {c.kind === "inserted"
                    ? t("accords.history.inserted", { n: c.n })
                    : c.kind === "deleted"
                      ? t("accords.history.deleted", { n: c.n })
                      : c.kind === "moved"
                        ? t("accords.history.moved", { from: c.from, to: c.to })
                        : t("accords.history.changed", { n: c.n, langs: c.languages.map(language).join(", ") })}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
