import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AmendmentHistory, ClauseCard, Editor, VersionHistory, type DraftActionResult } from "~/components/accords-drafting";
import { loadAccordPage } from "~/domain/accords/accord-page.server";
import { decideAmendment, proposeAmendment } from "~/domain/accords/amendments.server";
import { commentOnClause, resolveComment } from "~/domain/accords/comment-on-clause.server";
import { getDrafting } from "~/domain/accords/get-drafting.server";
import { saveVersion } from "~/domain/accords/save-version.server";
import {
  commentSchema,
  decideAmendmentSchema,
  proposeAmendmentSchema,
  resolveCommentSchema,
  saveVersionSchema,
} from "~/domain/accords/schema";
import { useT, type MessageKey } from "~/i18n";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await orRespond(() => loadAccordPage(user, params.id ?? ""));
  const drafting = await getDrafting({ viewer: user, accord: page.accord });
  const adminOrgIds = page.accord.parties.filter((p) => page.may.adminOf.includes(p.id)).map((p) => p.orgId);
  return { ...page, ...drafting, adminOrgIds };
}

const schemas = {
  "save-version": saveVersionSchema,
  comment: commentSchema,
  "resolve-comment": resolveCommentSchema,
  propose: proposeAmendmentSchema,
  decide: decideAmendmentSchema,
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const accordId = params.id ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (!(intent in schemas)) throw new Response("Unknown intent", { status: 400 });
  const submission = parseWithZod(formData, { schema: schemas[intent as keyof typeof schemas] });
  const formKey = `${intent}:${String(formData.get("clauseKey") ?? formData.get("amendmentId") ?? formData.get("commentId") ?? "")}`;
  // A list intent of the editor (insert, move, delete without JavaScript) comes back as the edited form, unsaved.
  if (submission.status !== "success")
    return data<DraftActionResult>({ form: formKey, result: submission.reply() }, { status: submission.status === "error" ? 400 : 200 });
  const v = submission.value;
  const outcome = await runForm(request, submission, async (): Promise<{ message: MessageKey; vars?: Record<string, number> }> => {
    switch (v.intent) {
      case "save-version": {
        const clauses = v.clauses.map((c) => ({
          key: c.key,
          text: { en: c.en, zh: c.zh },
          inStep: [c.enInStep ? "en" : "", c.zhInStep ? "zh" : ""].filter(Boolean),
        }));
        const r = await saveVersion({ actor: user, accordId, baseVersion: v.baseVersion, clauses, note: v.note });
        return { message: "accords.draft.saved", vars: { n: r.version } };
      }
      case "comment":
        await commentOnClause({
          actor: user,
          accordId,
          clauseKey: v.clauseKey,
          body: v.body,
          parentId: v.parentId,
          visibility: v.visibility,
        });
        return { message: "accords.comment.added" };
      case "resolve-comment":
        await resolveComment({ actor: user, accordId, commentId: v.commentId });
        return { message: "accords.comment.resolved" };
      case "propose":
        await proposeAmendment({ actor: user, accordId, clauseKey: v.clauseKey, texts: { en: v.en, zh: v.zh }, rationale: v.rationale });
        return { message: "accords.amend.proposed" };
      case "decide":
        await decideAmendment({
          actor: user,
          accordId,
          amendmentId: v.amendmentId,
          decision: v.decision,
          reason: v.reason,
          conflictSeenOn: v.conflictSeenOn,
        });
        return { message: "accords.amend.decided" };
    }
  });
  if (!outcome.ok) return data<DraftActionResult>({ form: formKey, result: outcome.result }, { status: outcome.status });
  return redirectWithToast(`/accords/${accordId}/draft`, outcome.value);
}

export default function Draft() {
  const page = useLoaderData<typeof loader>();
  const { accord, may, clauses, amendments, versions } = page;
  const t = useT();
  const drafting = accord.status === "DRAFTING";
  return (
    <>
      <h2 className="mb-2 text-2xl font-semibold">{t("accords.text")}</h2>
      {!drafting ? <p className="mb-4 rounded-md border border-stone-300 bg-stone-50 p-3">{t("accords.draft.frozen")}</p> : null}
      {drafting && !may.edit ? <p className="mb-4 text-stone-700">{t("accords.draft.readOnly")}</p> : null}
      <ol className="space-y-6">
        {clauses.map((c) => (
          <ClauseCard key={c.key} clause={c} page={page} />
        ))}
      </ol>
      {/* Remounted for each version: an editor still holding the previous version's text would save it over the new one. */}
      {drafting && may.edit ? <Editor key={accord.currentVersion} accord={accord} clauses={clauses} /> : null}
      <AmendmentHistory amendments={amendments.filter((a) => a.status !== "PROPOSED" || a.gone)} languages={accord.languages} />
      <VersionHistory versions={versions} />
    </>
  );
}
