import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { portalOf } from "~/domain/programme/speaker-portal.server";
import { useT } from "~/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Speaker portal · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { profiles: await portalOf(user.id, await resolveLocale(request, user)) };
}

export default function SpeakerPortal() {
  const { profiles } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1 className="mb-4 text-3xl font-bold">{t("programme.portal.title")}</h1>
      {profiles.length === 0 ? <p>{t("programme.portal.none")}</p> : null}
      {profiles.map((p) => (
        <section key={p.id} aria-labelledby={`profile-${p.id}`} className="mb-8 rounded-md border border-stone-300 bg-white p-4">
          <h2 id={`profile-${p.id}`} className="text-xl font-semibold">
            {p.conference.title}
          </h2>
          <p className="mb-2 text-sm text-stone-700" data-testid="time-zone">
            {t("common.timeZoneLabel", { zone: p.conference.timeZone, offset: p.conference.offset })}
          </p>
          {p.sessions.length === 0 ? (
            <p>{t("programme.portal.noSessions")}</p>
          ) : (
            <ul className="mb-3 space-y-2">
              {p.sessions.map((s) => (
                <li key={s.id}>
                  <span className="font-medium">{s.title}</span> · {t(`programme.role.${s.role}`)}
                  {s.status === "DRAFT" ? <> · {t("programme.status.DRAFT")}</> : null}
                  <span className="block text-sm text-stone-700">
                    {s.when ?? t("programme.session.notScheduled")} · {s.room ?? t("programme.noRoom")}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to={`/speaker/${p.id}`} className="text-blue-900 underline">
              {t("programme.portal.editFor", { conference: p.conference.title })}
            </Link>
          </p>
        </section>
      ))}
    </>
  );
}
