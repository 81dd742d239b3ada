import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { listOrganizations } from "~/domain/organizations/list-organizations.server";
import { ORG_KINDS, type OrgKindValue } from "~/domain/organizations/schema";
import { useT } from "~/i18n";
import { countryName } from "~/utils/countries";
import { resolveLocale } from "~/utils/locale.server";
import { getUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Organizations · Concord" }];

const PAGE_SIZE = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const kindParam = url.searchParams.get("kind") ?? "";
  // An unknown kind in the address is ignored rather than an error: it is a filter, not data.
  const kind = (ORG_KINDS as readonly string[]).includes(kindParam) ? (kindParam as OrgKindValue) : null;
  const user = await getUser(request);
  const locale = await resolveLocale(request, user);
  const orgs = await listOrganizations({ q, kind, limit: PAGE_SIZE });
  return {
    q,
    kind,
    signedIn: !!user,
    orgs: orgs.map((o) => ({
      slug: o.slug,
      nameEn: o.nameEn,
      nameNative: o.nameNative,
      kind: o.kind,
      country: countryName(o.country, locale),
      logoUrl: o.logoType ? `/orgs/${o.slug}/logo?v=${o.updatedAt.getTime()}` : null,
    })),
  };
}

export default function Organizations() {
  const { q, kind, orgs, signedIn } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-3xl font-bold">{t("org.list.title")}</h1>
        {signedIn ? (
          <Link to="/orgs/new" className="rounded-md bg-blue-900 px-4 py-2 font-medium text-white">
            {t("org.list.create")}
          </Link>
        ) : null}
      </div>
      <Form method="get" role="search" className="mt-6 flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="org-q" className="block font-medium">
            {t("org.list.search")}
          </label>
          <input id="org-q" name="q" type="search" defaultValue={q} className="mt-1 rounded-md border border-stone-400 px-3 py-2" />
        </div>
        <div>
          <label htmlFor="org-kind" className="block font-medium">
            {t("org.field.kind")}
          </label>
          <select id="org-kind" name="kind" defaultValue={kind ?? ""} className="mt-1 rounded-md border border-stone-400 px-3 py-2">
            <option value="">{t("org.list.allKinds")}</option>
            {ORG_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`org.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md border border-blue-900 px-4 py-2 font-medium text-blue-900">
          {t("org.list.filter")}
        </button>
      </Form>
      {orgs.length === 0 ? <p className="mt-6">{t("org.list.none")}</p> : null}
      <ul className="mt-6 grid gap-3 sm:grid-cols-2">
        {orgs.map((o) => (
          <li key={o.slug} className="flex items-center gap-3 rounded-md border border-stone-300 bg-white p-4">
            {o.logoUrl ? <img src={o.logoUrl} alt="" className="h-10 w-10 object-contain" /> : null}
            <div>
              <Link to={`/orgs/${o.slug}`} className="text-lg font-medium text-blue-900 underline">
                {o.nameEn}
              </Link>
              {o.nameNative ? <p lang="und">{o.nameNative}</p> : null}
              <p className="text-sm text-stone-600">
                {t(`org.kind.${o.kind}`)} · {o.country}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
