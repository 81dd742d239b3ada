import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getConferencePage } from "~/domain/conferences/get-conference-page.server";
import { pick, useLocale, useT } from "~/i18n";
import { countryName } from "~/utils/countries";
import { orRespond } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { getUser } from "~/utils/session.server";
import { formatDateRange, zoneOffset } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.conference.title} · Concord` : "Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { conference, mayUpdate, mayManageRoles, mayCheckIn, registrationClosed } = await orRespond(() =>
    getConferencePage({ actor: user, slug: params.slug ?? "" }),
  );
  const locale = await resolveLocale(request, user);
  const { country, ...rest } = conference;
  return {
    conference: {
      ...rest,
      countryName: countryName(country, locale),
      // Formatted here: browsers' ICU may space a range differently, which would break hydration.
      dates: formatDateRange(conference.startDate, conference.endDate, locale),
      // The offset in force on the first day (daylight saving may differ from today's).
      offset: zoneOffset(conference.timeZone, conference.startDate),
    },
    mayUpdate,
    mayManageRoles,
    mayCheckIn,
    registrationClosed,
  };
}

export default function ConferencePage() {
  const { conference: c, mayUpdate, mayManageRoles, mayCheckIn, registrationClosed } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const description = pick(locale, c.description, c.descriptionZh);
  return (
    <article>
      {c.status !== "PUBLISHED" ? (
        <p role="status" className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3 text-amber-900">
          {t(c.status === "DRAFT" ? "conf.page.draftNotice" : "conf.page.archivedNotice")}
        </p>
      ) : null}
      {c.demo ? (
        <p role="note" data-testid="demo-notice" className="mb-4 rounded-md border border-violet-700 bg-violet-50 p-3 text-violet-900">
          {t("conf.page.demoNotice")}
        </p>
      ) : null}
      <h1 className="text-3xl font-bold">{pick(locale, c.title, c.titleZh)}</h1>
      {c.edition ? <p className="text-stone-700">{t("conf.page.edition", { n: c.edition })}</p> : null}
      <p className="mt-1">
        {t("conf.page.hostedBy")}{" "}
        <Link to={`/orgs/${c.org.slug}`} className="text-blue-900 underline">
          {pick(locale, c.org.nameEn, c.org.nameNative)}
        </Link>
      </p>
      <dl className="mt-6 grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        <dt className="font-medium">{t("conf.page.dates")}</dt>
        <dd>{c.dates}</dd>
        <dt className="font-medium">{t("conf.page.venue")}</dt>
        <dd>
          {c.venue}, {c.city}, {c.countryName}
        </dd>
        <dt className="font-medium">{t("conf.page.timeZone")}</dt>
        <dd data-testid="time-zone">{t("common.timeZoneLabel", { zone: c.timeZone, offset: c.offset })}</dd>
      </dl>
      {registrationClosed && c.status === "PUBLISHED" ? (
        <p role="status" data-testid="registration-closed" className="mt-6 max-w-2xl rounded-md border border-stone-400 bg-stone-100 p-3">
          <strong>{t("conf.page.registrationClosed")}</strong> {t("conf.page.registrationClosedText")}
        </p>
      ) : null}
      {description ? <div className="mt-6 max-w-2xl whitespace-pre-line">{description}</div> : null}
      <nav aria-label={t("conf.page.sections")} className="mt-8 flex flex-wrap gap-3">
        {(
          [
            ["tickets", "conf.page.tickets"],
            ["programme", "conf.page.programme"],
            ["speakers", "conf.page.speakers"],
            ["proposals", "conf.page.proposals"],
            ["ceremony", "conf.page.ceremony"],
          ] as const
        ).map(([path, label]) => (
          <Link
            key={path}
            to={`/conferences/${c.slug}/${path}`}
            className="rounded-md border border-blue-900 px-3 py-2 text-blue-900 hover:bg-blue-50"
          >
            {t(label)}
          </Link>
        ))}
      </nav>
      {mayCheckIn && !mayUpdate ? (
        <p className="mt-6">
          <Link to={`/conferences/${c.slug}/checkin`} className="text-blue-900 underline">
            {t("conf.page.checkin")}
          </Link>
        </p>
      ) : null}
      {mayUpdate ? (
        <nav aria-label={t("conf.page.manage")} className="mt-8 flex flex-wrap gap-4">
          {(
            [
              ["manage/programme", "conf.page.manageProgramme"],
              ["manage/timetable", "conf.page.manageTimetable"],
              ["manage/tickets", "conf.page.manageTickets"],
              ["manage/registrations", "conf.page.manageRegistrations"],
              ["manage/visa", "conf.page.manageVisa"],
              ["checkin", "conf.page.checkin"],
            ] as const
          ).map(([path, label]) => (
            <Link key={path} to={`/conferences/${c.slug}/${path}`} className="text-blue-900 underline">
              {t(label)}
            </Link>
          ))}
          <Link to={`/conferences/${c.slug}/edit`} className="text-blue-900 underline">
            {t("conf.page.edit")}
          </Link>
          {mayManageRoles ? (
            <Link to={`/conferences/${c.slug}/roles`} className="text-blue-900 underline">
              {t("conf.page.roles")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </article>
  );
}
