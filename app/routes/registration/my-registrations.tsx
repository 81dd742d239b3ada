import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatusBadge } from "~/components/registration";
import { myRegistrations } from "~/domain/registration/my-registrations.server";
import { pick, useLocale, useT } from "~/i18n";
import { requireUser } from "~/utils/session.server";
import { formatCalendarDate } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "My registrations · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { registrations: await myRegistrations(user) };
}

export default function MyRegistrations() {
  const { registrations } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1 className="mb-4 text-3xl font-bold">{t("reg.my.title")}</h1>
      {registrations.length === 0 ? <p>{t("reg.my.none")}</p> : null}
      <ul className="space-y-3">
        {registrations.map((r) => (
          <li key={r.id} className="rounded-md border border-stone-300 bg-white p-4">
            <Link to={`/my/registrations/${r.id}`} className="text-lg font-semibold text-blue-900 underline">
              {pick(locale, r.conference.title, r.conference.titleZh)}
            </Link>
            <p className="mt-1 flex flex-wrap items-center gap-3">
              <span>{formatCalendarDate(new Date(r.conference.startDate), locale)}</span>
              <span>{pick(locale, r.ticketType.nameEn, r.ticketType.nameZh)}</span>
              <StatusBadge status={r.status} />
              {r.payments.length ? <span className="text-sm text-amber-900">{t("reg.my.refundPending")}</span> : null}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
