import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, SubmitButton } from "~/components/forms";
import { loadAccordPage } from "~/domain/accords/accord-page.server";
import { delegateSchema, designateSchema } from "~/domain/accords/schema";
import { delegateSignatory, designateSignatory } from "~/domain/accords/signatories.server";
import { pick, useLocale, useT, type MessageKey } from "~/i18n";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { runForm } from "~/utils/form-action.server";
import { orRespond, toResponse } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await orRespond(() => loadAccordPage(user, params.id ?? ""));
  if (page.may.manageSignatoriesOf.length === 0) throw toResponse(new AppError("FORBIDDEN", "error.forbidden"));
  const parties = page.accord.parties.filter((p) => page.may.manageSignatoriesOf.includes(p.id));
  const members = await db().membership.findMany({
    where: { orgId: { in: parties.map((p) => p.orgId) } },
    select: { orgId: true, position: true, user: { select: { id: true, nameLatin: true, nameNative: true, email: true } } },
  });
  return { accord: page.accord, parties, members };
}

const schema = designateSchema.or(delegateSchema);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const accordId = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const outcome = await runForm(request, submission, async (): Promise<MessageKey> => {
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

export default function Signatories() {
  const { parties, members } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const input = "mt-1 block w-full rounded-md border border-stone-400 px-3 py-2";
  return (
    <>
      <h2 className="mb-3 text-2xl font-semibold">{t("accords.signatories.title")}</h2>
      <FormErrors id="signatories-errors" errors={result?.error?.[""] ?? undefined} />
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
                      {m.user.nameLatin} ({m.user.email})
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
