import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listMyAccords } from "~/domain/accords/accord-page.server";
import { pick, useLocale, useT } from "~/i18n";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Accords · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return listMyAccords(user);
}

export default function Accords() {
  const { accords, mayCreate } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1 className="text-3xl font-bold">{t("accords.title")}</h1>
      <p className="mb-4 text-stone-700">{t("accords.lead")}</p>
      <p className="mb-6 flex gap-4">
        {mayCreate ? (
          <Link to="/accords/new" className="rounded-md bg-blue-900 px-3 py-2 text-white">
            {t("accords.new")}
          </Link>
        ) : null}
        <Link to="/verify" className="text-blue-900 underline">
          {t("verify.title")}
        </Link>
        <Link to="/account/passkeys" className="text-blue-900 underline">
          {t("passkeys.title")}
        </Link>
      </p>
      {accords.length === 0 ? <p>{t("accords.none")}</p> : null}
      <ul className="space-y-3">
        {accords.map((a) => (
          <li key={a.id} className="rounded-md border border-stone-300 bg-white p-4">
            <Link to={`/accords/${a.id}`} className="text-lg font-semibold text-blue-900 underline">
              {pick(locale, a.title, a.titleZh)}
            </Link>
            <p className="text-sm text-stone-600">
              {t(`accords.kind.${a.kind}`)} · {t(`accords.status.${a.status}`)}
            </p>
            <p className="text-sm">{a.parties.map((p) => pick(locale, p.org.nameEn, p.org.nameNative)).join(" · ")}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
