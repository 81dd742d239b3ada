import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listConferences } from "~/domain/conferences/list-conferences.server";
import { pick, useLocale, useT } from "~/i18n";
import { countryName } from "~/utils/countries";
import { resolveLocale } from "~/utils/locale.server";
import { getUser } from "~/utils/session.server";
import { formatDateRange } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Conferences · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await resolveLocale(request, await getUser(request));
  const { upcoming, past } = await listConferences();
  // Names and dates are formatted here: the browser's ICU may differ and break hydration.
  const withCountry = (c: (typeof upcoming)[number]) => ({
    ...c,
    countryName: countryName(c.country, locale),
    dates: formatDateRange(c.startDate, c.endDate, locale),
  });
  return { upcoming: upcoming.map(withCountry), past: past.map(withCountry) };
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["upcoming"][number];

function ConferenceList({ items }: { items: Item[] }) {
  const locale = useLocale();
  return (
    <ul className="mt-3 space-y-3">
      {items.map((c) => (
        <li key={c.slug} className="rounded-md border border-stone-300 bg-white p-4">
          <Link to={`/conferences/${c.slug}`} className="text-lg font-medium text-blue-900 underline">
            {pick(locale, c.title, c.titleZh)}
          </Link>
          <p className="text-stone-700">
            {c.dates} · {c.city}, {c.countryName}
          </p>
          <p className="text-sm text-stone-600">{pick(locale, c.org.nameEn, c.org.nameNative)}</p>
        </li>
      ))}
    </ul>
  );
}

export default function Conferences() {
  const { upcoming, past } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1 className="text-3xl font-bold">{t("conf.list.title")}</h1>
      <section aria-labelledby="upcoming" className="mt-6">
        <h2 id="upcoming" className="text-xl font-semibold">
          {t("conf.list.upcoming")}
        </h2>
        {upcoming.length === 0 ? <p className="mt-2">{t("conf.list.noneUpcoming")}</p> : <ConferenceList items={upcoming} />}
      </section>
      {past.length > 0 ? (
        <section aria-labelledby="past" className="mt-10">
          <h2 id="past" className="text-xl font-semibold">
            {t("conf.list.past")}
          </h2>
          <ConferenceList items={past} />
        </section>
      ) : null}
    </>
  );
}
