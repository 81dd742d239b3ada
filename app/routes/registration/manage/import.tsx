import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SubmitButton } from "~/components/forms";
import { ManageNav } from "~/components/registration";
import { importBankStatement, previewBankStatement, type PlannedLine } from "~/domain/registration/import-bank-statement.server";
import { getManagedConference } from "~/domain/registration/get-managed-conference.server";
import { formatMoney } from "~/domain/registration/money";
import { useLocale, useT, type MessageKey } from "~/i18n";
import { isAppError } from "~/utils/errors";
import { orRespond, toResponse } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";

/** The actions that record a payment (the browser cannot import the server module's list). */
const RECORDING: readonly PlannedLine["action"][] = ["record", "confirm", "overpay"];

export const meta: MetaFunction = () => [{ title: "Import bank statement · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const conference = await orRespond(() => getManagedConference({ actor: user, slug: params.slug ?? "" }));
  return { slug: conference.slug };
}

const decimal = z.enum(["auto", "point", "comma"]).catch("auto");
/** The confirm step posts back the previewed file (base64, so that no newline or byte changes on the way). */
const confirmSchema = z.object({
  content: z
    .string()
    .max(3_000_000)
    .regex(/^[A-Za-z0-9+/=]*$/),
  decimal,
  digest: z.string().regex(/^[0-9a-f]{32}$/),
});

/**
 * Two steps: "preview" reads the uploaded statement and shows what would happen to each line (nothing is
 * written); "confirm" records it, unless what would happen changed meanwhile (then the new preview shows).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const form = await request.formData();
  try {
    if (form.get("intent") === "confirm") {
      const parsed = confirmSchema.safeParse(Object.fromEntries([...form].filter(([, v]) => typeof v === "string")));
      if (!parsed.success) return data({ stage: "error" as const, message: "reg.error.badCsv" as MessageKey, vars: {} }, { status: 400 });
      const content = Buffer.from(parsed.data.content, "base64").toString("utf8");
      const result = await importBankStatement({ actor: user, slug, content, decimal: parsed.data.decimal, digest: parsed.data.digest });
      if (result.changed)
        return data(
          { stage: "preview" as const, changed: true, content: parsed.data.content, rule: parsed.data.decimal, ...result.preview },
          { status: 409 },
        );
      return { stage: "done" as const, ...result };
    }
    const file = form.get("statement");
    const text = typeof file === "string" ? file : file ? await file.text() : "";
    const rule = decimal.parse(form.get("decimal"));
    const preview = await previewBankStatement({ actor: user, slug, content: text, decimal: rule });
    return { stage: "preview" as const, changed: false, content: Buffer.from(text, "utf8").toString("base64"), rule, ...preview };
  } catch (error) {
    if (isAppError(error) && error.status < 500 && !["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"].includes(error.code))
      return data({ stage: "error" as const, message: error.userMessage, vars: error.vars ?? {} }, { status: error.status });
    if (isAppError(error)) throw toResponse(error);
    throw error;
  }
}

export default function ImportStatement() {
  const { slug } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <p>
        <Link to={`/conferences/${slug}/manage/registrations`} className="text-blue-900 underline">
          ← {t("reg.manage.title")}
        </Link>
      </p>
      <h1 className="mb-2 mt-2 text-3xl font-bold">{t("reg.manage.import")}</h1>
      <ManageNav slug={slug} />
      {result?.stage === "error" ? (
        <p role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-red-800">
          {t(result.message, result.vars)}
        </p>
      ) : null}
      {result?.stage === "done" ? (
        <div role="status" className="mb-4 rounded-md border border-green-700 bg-green-50 p-3">
          <p>{t("reg.import.done", { recorded: result.recorded, already: result.already, unmatched: result.unmatched.length })}</p>
          {result.unmatched.length ? (
            <>
              <h2 className="mt-2 font-semibold">{t("reg.manage.unmatched")}</h2>
              <ul className="list-disc pl-6">
                {result.unmatched.map((u) => (
                  <li key={u.key}>
                    {u.line}: {u.text} · {u.amountText}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      {result?.stage === "preview" ? <Preview preview={result} locale={locale} /> : null}
      <Form method="post" encType="multipart/form-data" className="max-w-xl">
        {result?.stage === "preview" ? <h2 className="mb-2 mt-8 text-xl font-semibold">{t("reg.import.another")}</h2> : null}
        <label htmlFor="statement" className="block font-medium">
          {t("reg.import.file")}
        </label>
        <input
          id="statement"
          name="statement"
          type="file"
          accept=".csv,.txt,.xml,text/csv,text/plain,application/xml,text/xml"
          required
          className="mb-4 mt-1 block"
        />
        <label htmlFor="decimal" className="block font-medium">
          {t("reg.import.decimal")}
        </label>
        <select id="decimal" name="decimal" defaultValue="auto" className="mb-4 mt-1 block rounded-md border border-stone-400 px-3 py-2">
          {(["auto", "point", "comma"] as const).map((d) => (
            <option key={d} value={d}>
              {t(`reg.import.decimal.${d}`)}
            </option>
          ))}
        </select>
        <SubmitButton name="intent" value="preview">
          {t("reg.import.preview")}
        </SubmitButton>
      </Form>
    </>
  );
}

type PreviewData = {
  changed: boolean;
  content: string;
  format: "csv" | "camt053";
  rule: string;
  decimal: string | null;
  currency: string;
  digest: string;
  lines: PlannedLine[];
};

function Preview({ preview, locale }: { preview: PreviewData; locale: "en" | "zh" }) {
  const t = useT();
  const money = (cents: number, currency: string) => formatMoney(cents, currency, locale);
  const count = preview.lines.filter((l) => RECORDING.includes(l.action)).length;
  const separator = preview.decimal ?? t("reg.import.decimalUnknown");
  const what = (l: PlannedLine) => {
    const r = l.registration;
    if (l.action === "refused") return l.problem ? t(l.problem.message, l.problem.vars) : t("reg.import.action.refused");
    if (!r) return t(`reg.import.action.${l.action}`);
    return t(`reg.import.action.${l.action}`, {
      paid: money(r.paidAfterCents, r.currency),
      due: money(r.dueCents, r.currency),
      over: money(r.paidAfterCents - r.dueCents, r.currency),
    });
  };
  return (
    <section aria-labelledby="preview-title" className="mb-6">
      <h2 id="preview-title" className="text-xl font-semibold">
        {t("reg.import.previewTitle")}
      </h2>
      {preview.changed ? (
        <p role="alert" className="my-2 rounded-md border border-amber-700 bg-amber-50 p-3 text-amber-900">
          {t("reg.import.changed")}
        </p>
      ) : null}
      <p className="mb-2 text-stone-700">
        {preview.format === "csv" ? t("reg.import.format.csv", { decimal: separator }) : t("reg.import.format.camt053")}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse bg-white text-left">
          <thead>
            <tr className="border-b border-stone-400">
              {(["line", "date", "text", "amount", "registration", "action"] as const).map((c) => (
                <th key={c} scope="col" className="p-2">
                  {t(`reg.import.col.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.lines.map((l) => (
              <tr key={l.key} className="border-b border-stone-200" data-action={l.action}>
                <td className="p-2">{l.line}</td>
                <td className="p-2 whitespace-nowrap">{l.date ?? ""}</td>
                <td className="p-2 break-words">{l.text}</td>
                <td className="p-2 whitespace-nowrap">
                  {l.amountCents !== null ? money(l.amountCents, l.currency ?? preview.currency) : l.amountText}
                </td>
                <td className="p-2">
                  {l.registration ? (
                    <>
                      <span className="font-mono">{l.registration.reference}</span> {l.registration.name}
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td
                  className={`p-2 ${RECORDING.includes(l.action) ? "" : "text-stone-700"} ${l.action === "overpay" || l.action === "refused" ? "font-medium text-amber-900" : ""}`}
                >
                  {what(l)}
                  {l.possibleDuplicate ? (
                    <strong className="block font-medium text-amber-900">{t("reg.import.possibleDuplicate")}</strong>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {count ? (
        <Form method="post" className="mt-4">
          <input type="hidden" name="content" value={preview.content} />
          <input type="hidden" name="decimal" value={preview.rule} />
          <input type="hidden" name="digest" value={preview.digest} />
          <SubmitButton name="intent" value="confirm">
            {t("reg.import.confirm", { count })}
          </SubmitButton>
        </Form>
      ) : (
        <p className="mt-4">{t("reg.import.nothing")}</p>
      )}
    </section>
  );
}
