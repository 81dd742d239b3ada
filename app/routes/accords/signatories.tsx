import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, SubmitButton } from "~/components/forms";
import { arrangeParties } from "~/domain/accords/arrange-parties.server";
import { getSignatoriesPage } from "~/domain/accords/get-signatories-page.server";
import { arrangePartiesSchema, delegateSchema, designateSchema } from "~/domain/accords/schema";
import { delegateSignatory, designateSignatory } from "~/domain/accords/signatories.server";
import { pick, useLocale, useT, type MessageKey } from "~/i18n";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return orRespond(() => getSignatoriesPage({ actor: user, accordId: params.id ?? "" }));
}

const schema = designateSchema.or(delegateSchema).or(arrangePartiesSchema);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const accordId = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const outcome = await runForm(request, submission, async (): Promise<MessageKey> => {
    if (v.intent === "arrange") {
      await arrangeParties({ actor: user, accordId, change: v });
      return "accords.parties.changed";
    }
    if (v.intent === "designate") {
      await designateSignatory({ actor: user, accordId, partyId: v.partyId, userId: v.userId, position: v.position });
      return "accords.signatories.designated";
    }
    await delegateSignatory({ actor: user, accordId, signatoryId: v.signatoryId, userId: v.userId, reason: v.reason });
    return "accords.signatories.delegated";
  });
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirectWithToast(`/accords/${accordId}/signatories`, { message: outcome.value });
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The initiator's view of who takes part and in which order they sign; every button is its own small form. */
function PartiesAndOrder({ accord, orgs }: { accord: PageData["accord"]; orgs: PageData["orgs"] }) {
  const t = useT();
  const locale = useLocale();
  const button = "rounded border border-stone-400 bg-white px-2 py-1 text-sm hover:bg-stone-100 disabled:opacity-40";
  const act = (fields: Record<string, string>, label: string, text: string, disabled = false) => (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value="arrange" />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className={button} aria-label={label} title={label} disabled={disabled}>
        {text}
      </button>
    </Form>
  );
  const parties = accord.parties.filter((p) => p.role === "PARTY");
  const witnesses = accord.parties.filter((p) => p.role === "WITNESS");
  const groups = [...new Set(parties.map((p) => p.signingGroup))].sort((a, b) => a - b);
  return (
    <section aria-labelledby="parties-title" className="mb-8 rounded-md border-2 border-blue-900 bg-white p-4">
      <h3 id="parties-title" className="text-lg font-semibold">
        {t("accords.parties.title")}
      </h3>
      <p className="mb-3 text-sm text-stone-700">{t("accords.parties.lead")}</p>
      {groups.map((g) => (
        <div key={g} className="mb-3">
          <h4 className="font-medium">{t("accords.parties.group", { n: g })}</h4>
          <ol className="ml-2">
            {parties
              .filter((p) => p.signingGroup === g)
              .map((p) => {
                const name = pick(locale, p.org.nameEn, p.org.nameNative);
                const i = parties.indexOf(p);
                return (
                  <li key={p.id} className="flex flex-wrap items-center gap-2 py-1" data-testid={`order-${p.org.slug}`}>
                    <span className="min-w-64">
                      {p.position}. {name}
                    </span>
                    {act({ kind: "move", partyId: p.id, direction: "up" }, t("accords.parties.moveUp", { name }), "↑", i === 0)}
                    {act(
                      { kind: "move", partyId: p.id, direction: "down" },
                      t("accords.parties.moveDown", { name }),
                      "↓",
                      i === parties.length - 1,
                    )}
                    {act({ kind: "group", partyId: p.id, direction: "earlier" }, t("accords.parties.earlier", { name }), "⇡", g === 1)}
                    {act(
                      { kind: "group", partyId: p.id, direction: "later" },
                      t("accords.parties.later", { name }),
                      "⇣",
                      g >= parties.length,
                    )}
                    {p.orgId === accord.initiatorOrgId
                      ? null
                      : act({ kind: "remove", partyId: p.id }, t("accords.parties.remove", { name }), "✕", parties.length <= 2)}
                  </li>
                );
              })}
          </ol>
        </div>
      ))}
      {witnesses.length > 0 ? (
        <ul className="mb-3 ml-2">
          {witnesses.map((p) => {
            const name = pick(locale, p.org.nameEn, p.org.nameNative);
            return (
              <li key={p.id} className="flex flex-wrap items-center gap-2 py-1">
                <span className="min-w-64">
                  {p.position}. {name} ({t("accords.parties.witness")})
                </span>
                {act({ kind: "remove", partyId: p.id }, t("accords.parties.remove", { name }), "✕")}
              </li>
            );
          })}
        </ul>
      ) : null}
      <Form method="post" className="flex flex-wrap items-end gap-2 border-t border-stone-200 pt-3">
        <input type="hidden" name="intent" value="arrange" />
        <input type="hidden" name="kind" value="add" />
        <label className="text-sm">
          {t("accords.parties.add")}
          <select name="orgId" className="mt-1 block rounded-md border border-stone-400 px-3 py-2">
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {pick(locale, o.nameEn, o.nameNative)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="text-sm">
          <label className="mr-3">
            <input type="radio" name="role" value="PARTY" defaultChecked={accord.kind !== "BILATERAL_AGREEMENT"} />{" "}
            {t("accords.parties.asParty")}
          </label>
          <label>
            <input type="radio" name="role" value="WITNESS" defaultChecked={accord.kind === "BILATERAL_AGREEMENT"} />{" "}
            {t("accords.parties.asWitness")}
          </label>
        </fieldset>
        <SubmitButton variant="secondary">{t("accords.parties.addSubmit")}</SubmitButton>
      </Form>
    </section>
  );
}

export default function Signatories() {
  const { accord, parties, members, mayArrange, orgs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const input = "mt-1 block w-full rounded-md border border-stone-400 px-3 py-2";
  return (
    <>
      <h2 className="mb-3 text-2xl font-semibold">{t("accords.signatories.title")}</h2>
      <FormErrors id="signatories-errors" errors={result?.error?.[""] ?? undefined} />
      {mayArrange ? <PartiesAndOrder accord={accord} orgs={orgs} /> : null}
      {parties.map((p) => {
        const mine = members.filter((m) => m.orgId === p.orgId);
        return (
          <section key={p.id} className="mb-8 rounded-md border border-stone-300 bg-white p-4">
            <h3 className="text-lg font-semibold">{pick(locale, p.org.nameEn, p.org.nameNative)}</h3>
            {p.signatories.length === 0 ? <p>{t("accords.signatories.none")}</p> : null}
            <ul className="mb-4">
              {p.signatories.map((s) => (
                <li key={s.id} className="mb-3">
                  {pick(locale, s.user.nameLatin, s.user.nameNative)}
                  {s.position ? `, ${s.position}` : ""}
                  {s.delegateReason ? ` (${t("accords.signatories.delegatedFrom", { reason: s.delegateReason })})` : ""}
                  <Form method="post" className="mt-1 flex flex-wrap items-end gap-2">
                    <input type="hidden" name="intent" value="delegate" />
                    <input type="hidden" name="signatoryId" value={s.id} />
                    <label className="text-sm">
                      {t("accords.signatories.delegate")}
                      <select name="userId" className={input}>
                        {mine
                          .filter((m) => m.user.id !== s.userId)
                          .map((m) => (
                            <option key={m.user.id} value={m.user.id}>
                              {m.user.nameLatin} ({m.user.email})
                            </option>
                          ))}
                      </select>
                    </label>
                    <label className="text-sm">
                      {t("accords.signatories.reason")}
                      <input name="reason" required maxLength={1000} className={input} />
                    </label>
                    <SubmitButton variant="secondary">{t("accords.signatories.delegateSubmit")}</SubmitButton>
                  </Form>
                </li>
              ))}
            </ul>
            <Form method="post" className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="intent" value="designate" />
              <input type="hidden" name="partyId" value={p.id} />
              <label className="text-sm">
                {t("accords.signatories.member")}
                <select name="userId" className={input}>
                  {mine.map((m) => (
                    <option key={m.user.id} value={m.user.id}>
                      {m.user.nameLatin} ({m.user.email}){m.roles.includes("SIGNATORY") ? ` — ${t("accords.signatories.proposed")}` : ""}
                    </option>
                  ))}
                </select>
              </label>
              <label className="text-sm">
                {t("accords.signatories.position")}
                <input name="position" maxLength={200} className={input} />
              </label>
              <SubmitButton>{t("accords.signatories.designate")}</SubmitButton>
            </Form>
          </section>
        );
      })}
    </>
  );
}
