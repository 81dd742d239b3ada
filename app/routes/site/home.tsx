import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getHome } from "~/domain/site/get-home.server";
import { pick, useT } from "~/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { getUser } from "~/utils/session.server";
import { formatDateRange } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Dates are formatted here, on the server: Node's and the browser's Intl data
  // differ slightly, and formatting during render would break hydration.
  const locale = await resolveLocale(request, await getUser(request));
  const { conferences: rows, orgCount } = await getHome();
  const conferences = rows.map((c) => ({
    slug: c.slug,
    title: pick(locale, c.title, c.titleZh),
    place: `${c.city}, ${c.country}`,
    dates: formatDateRange(c.startDate, c.endDate, locale),
  }));
  return { conferences, orgCount };
}

export default function Home() {
  const { conferences, orgCount } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1 className="text-3xl font-bold">{t("home.title")}</h1>
      <p className="mt-2 max-w-2xl text-lg text-stone-700">{t("home.lead")}</p>
      <h2 className="mt-8 text-xl font-semibold">{t("home.upcoming")}</h2>
      {conferences.length === 0 ? <p>{t("home.none")}</p> : null}
      <ul className="mt-3 space-y-3">
        {conferences.map((c) => (
          <li key={c.slug} className="rounded-md border border-stone-300 bg-white p-4">
            <Link to={`/conferences/${c.slug}`} className="text-lg font-medium text-blue-900 underline">
              {c.title}
            </Link>
            <p className="text-stone-700">
              {c.dates} · {c.place}
            </p>
          </li>
        ))}
      </ul>
      <p className="mt-8">
        <Link to="/orgs" className="text-blue-900 underline">
          {t("home.orgs")} ({orgCount})
        </Link>
      </p>
    </>
  );
}
