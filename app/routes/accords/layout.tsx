import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { loadAccordPage } from "~/domain/accords/accord-page.server";
import { pick, useLocale, useT } from "~/i18n";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.accord.title} · Concord` : "Concord" }];

/** The accord's header and tabs; each tab (child route) checks its own permissions too. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return orRespond(() => loadAccordPage(user, params.id ?? ""));
}

export function DocumentHash({ hash }: { hash: string }) {
  const t = useT();
  return (
    <p className="my-2 break-all rounded bg-stone-100 p-2 font-mono text-sm" data-testid="document-hash">
      <span className="font-sans font-medium">{t("accords.documentHash")}: </span>
      {hash}
    </p>
  );
}

export default function AccordLayout() {
  const { accord, may } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const tab = ({ isActive }: { isActive: boolean }) =>
    `rounded-t-md px-3 py-2 ${isActive ? "bg-white font-semibold text-blue-900" : "text-stone-700 hover:underline"}`;
  return (
    <article>
      <p className="text-sm text-stone-600">
        {t(`accords.kind.${accord.kind}`)} · <span data-testid="accord-status">{t(`accords.status.${accord.status}`)}</span>
      </p>
      <h1 className="text-3xl font-bold">{pick(locale, accord.title, accord.titleZh)}</h1>
      {locale === "zh" || !accord.titleZh ? null : (
        <p lang="zh" className="text-xl text-stone-700">
          {accord.titleZh}
        </p>
      )}
      {accord.documentHash ? <DocumentHash hash={accord.documentHash} /> : null}
      <nav aria-label={t("accords.title")} className="mt-4 flex flex-wrap gap-1 border-b border-stone-300">
        <NavLink end to="." className={tab}>
          {t("accords.tabs.overview")}
        </NavLink>
        <NavLink to="draft" className={tab}>
          {t("accords.tabs.draft")}
        </NavLink>
        <NavLink to="diff" className={tab}>
          {t("accords.tabs.diff")}
        </NavLink>
        {may.manageSignatoriesOf.length ? (
          <NavLink to="signatories" className={tab}>
            {t("accords.tabs.signatories")}
          </NavLink>
        ) : null}
        {may.signFor.length ? (
          <NavLink to="sign" className={tab}>
            {t("accords.tabs.sign")}
          </NavLink>
        ) : null}
      </nav>
      <div className="mt-6">
        <Outlet />
      </div>
    </article>
  );
}
