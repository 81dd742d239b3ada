import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { loadAccordPage, loadClauses } from "~/domain/accords/accord-page.server";
import { diffClauses } from "~/domain/accords/diff";
import { useT } from "~/i18n";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { accord } = await orRespond(() => loadAccordPage(user, params.id ?? ""));
  const url = new URL(request.url);
  const clamp = (v: string | null, fallback: number) => {
    const n = Number(v);
    return Number.isInteger(n) && n >= 1 && n <= accord.currentVersion ? n : fallback;
  };
  const to = clamp(url.searchParams.get("to"), accord.currentVersion);
  const from = clamp(url.searchParams.get("from"), Math.max(1, to - 1));
  const [a, b] = await Promise.all([loadClauses(accord.id, from), loadClauses(accord.id, to)]);
  return { from, to, latest: accord.currentVersion, diffs: diffClauses(a, b, accord.languages) };
}

export default function Diff() {
  const { from, to, latest, diffs } = useLoaderData<typeof loader>();
  const t = useT();
  const options = Array.from({ length: latest }, (_, i) => i + 1);
  return (
    <>
      <h2 className="mb-3 text-2xl font-semibold">{t("accords.diff.title")}</h2>
      <Form method="get" className="mb-6 flex flex-wrap items-end gap-4">
        <label>
          {t("accords.diff.from")}{" "}
          <select name="from" defaultValue={from} className="rounded-md border border-stone-400 px-2 py-1">
            {options.map((n) => (
              <option key={n} value={n}>
                {t("accords.version", { n })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("accords.diff.to")}{" "}
          <select name="to" defaultValue={to} className="rounded-md border border-stone-400 px-2 py-1">
            {options.map((n) => (
              <option key={n} value={n}>
                {t("accords.version", { n })}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-blue-900 px-3 py-1 text-white">
          {t("accords.diff.show")}
        </button>
      </Form>
      <ol className="space-y-4">
        {diffs.map((d) => (
          <li key={`${d.number}-${d.language}`} className="rounded-md border border-stone-300 bg-white p-3">
            <h3 className="font-semibold">
              {t("accords.clause", { n: d.number })} · {t(`accords.lang.${d.language as "en" | "zh"}`)}
            </h3>
            {d.changed ? (
              <p lang={d.language} className="whitespace-pre-wrap">
                {d.ops.map((o, i) =>
                  o.op === "same" ? (
                    <span key={i}>{o.text}</span>
                  ) : o.op === "add" ? (
                    <ins key={i} className="bg-green-100 text-green-900" title={t("accords.diff.added")}>
                      {o.text}
                    </ins>
                  ) : (
                    <del key={i} className="bg-red-100 text-red-900" title={t("accords.diff.removed")}>
                      {o.text}
                    </del>
                  ),
                )}
              </p>
            ) : (
              <p className="text-sm text-stone-600">{t("accords.diff.unchanged")}</p>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
