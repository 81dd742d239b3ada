import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Redline } from "~/components/accords-drafting";
import { loadAccordPage, loadKeyedClauses } from "~/domain/accords/accord-page.server";
import { diffVersions } from "~/domain/accords/clause-diff";
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
  const [a, b] = await Promise.all([loadKeyedClauses(accord.id, from), loadKeyedClauses(accord.id, to)]);
  return { from, to, latest: accord.currentVersion, changes: diffVersions(a, b, accord.languages) };
}

const BORDER = { same: "border-stone-300", changed: "border-blue-700", inserted: "border-green-700", deleted: "border-red-700" } as const;

export default function Diff() {
  const { from, to, latest, changes } = useLoaderData<typeof loader>();
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
        {changes.map((c) => (
          <li key={c.key} className={`rounded-md border-l-4 border bg-white p-3 ${BORDER[c.status]}`}>
            <h3 className="font-semibold">
              {c.status === "deleted"
                ? `${t("accords.clause", { n: c.fromNumber! })} · ${t("accords.diff.deleted")}`
                : c.status === "inserted"
                  ? `${t("accords.clause", { n: c.toNumber! })} · ${t("accords.diff.inserted")}`
                  : c.fromNumber !== c.toNumber
                    ? t("accords.diff.clauseWas", { n: c.toNumber!, was: c.fromNumber! })
                    : t("accords.clause", { n: c.toNumber! })}
              {c.moved ? ` · ${t("accords.diff.moved", { n: c.fromNumber! })}` : null}
              {c.status === "changed" ? ` · ${t("accords.diff.changed")}` : null}
            </h3>
            {c.status === "same" ? (
              <p className="text-sm text-stone-600">{t("accords.diff.unchanged")}</p>
            ) : (
              <div className="mt-1 grid gap-4 md:grid-cols-2">
                {c.languages.map((l) => (
                  <div key={l.language}>
                    <p className="text-sm text-stone-600">{t(`accords.lang.${l.language as "en" | "zh"}`)}</p>
                    {l.changed ? (
                      <Redline ops={l.ops} lang={l.language} />
                    ) : (
                      <p className="text-sm text-stone-600">{t("accords.diff.unchanged")}</p>
                    )}
                  </div>
                ))}
              </div>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
