import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getOrganizationPage } from "~/domain/organizations/get-organization-page.server";
import { rolesText } from "~/domain/organizations/roles-text";
import { pick, useLocale, useT } from "~/i18n";
import { countryName } from "~/utils/countries";
import { orRespond } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { getUser } from "~/utils/session.server";
import { formatDateRange } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.org.nameEn} · Concord` : "Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { org, isAdmin, mayCreateConference } = await orRespond(() => getOrganizationPage({ actor: user, slug: params.slug ?? "" }));
  const locale = await resolveLocale(request, user);
  const { logoType, updatedAt, country, conferences, ...rest } = org;
  return {
    org: {
      ...rest,
      // Dates formatted here: the browser's ICU may differ and break hydration.
      conferences: conferences.map((c) => ({ ...c, dates: formatDateRange(c.startDate, c.endDate, locale) })),
      countryName: countryName(country, locale),
      logoUrl: logoType ? `/orgs/${org.slug}/logo?v=${updatedAt.getTime()}` : null,
    },
    isAdmin,
    mayCreateConference,
  };
}

export default function OrganizationPage() {
  const { org, isAdmin, mayCreateConference } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <article>
      <header className="flex flex-wrap items-center gap-4">
        {org.logoUrl ? <img src={org.logoUrl} alt={t("org.logo.alt", { name: org.nameEn })} className="h-20 w-auto" /> : null}
        <div>
          <h1 className="text-3xl font-bold">{org.nameEn}</h1>
          {org.nameNative ? (
            <p className="text-xl" lang="und">
              {org.nameNative}
            </p>
          ) : null}
          <p className="text-stone-700">
            {t(`org.kind.${org.kind}`)} · {org.countryName}
          </p>
          {org.website ? (
            <p>
              <a href={org.website} rel="noopener noreferrer" className="text-blue-900 underline">
                {org.website}
              </a>
            </p>
          ) : null}
        </div>
      </header>
      {isAdmin ? (
        <nav aria-label={t("org.page.adminNav")} className="mt-4 flex flex-wrap gap-4">
          <Link to={`/orgs/${org.slug}/edit`} className="text-blue-900 underline">
            {t("org.page.edit")}
          </Link>
          <Link to={`/orgs/${org.slug}/members`} className="text-blue-900 underline">
            {t("org.page.members")}
          </Link>
          {mayCreateConference ? (
            <Link to={`/conferences/new?org=${org.slug}`} className="text-blue-900 underline">
              {t("org.page.newConference")}
            </Link>
          ) : null}
        </nav>
      ) : null}
      <section aria-labelledby="people" className="mt-8">
        <h2 id="people" className="text-xl font-semibold">
          {t("org.page.people")}
        </h2>
        {org.members.length === 0 ? <p>{t("org.page.noPeople")}</p> : null}
        <ul className="mt-2 space-y-1">
          {org.members.map((m) => (
            <li key={m.user.id}>
              <span className="font-medium">{m.user.nameLatin}</span>
              {m.user.nameNative ? <span lang="und"> ({m.user.nameNative})</span> : null}
              {m.position ? <span>, {m.position}</span> : null}
              <span className="text-stone-600"> — {rolesText(t, m.roles)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="hosted" className="mt-8">
        <h2 id="hosted" className="text-xl font-semibold">
          {t("org.page.conferences")}
        </h2>
        {org.conferences.length === 0 ? <p>{t("org.page.noConferences")}</p> : null}
        <ul className="mt-2 space-y-2">
          {org.conferences.map((c) => (
            <li key={c.slug}>
              <Link to={`/conferences/${c.slug}`} className="text-blue-900 underline">
                {pick(locale, c.title, c.titleZh)}
              </Link>{" "}
              <span className="text-stone-700">
                {c.dates} · {c.city}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
