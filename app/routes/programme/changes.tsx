import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listScheduleVersions } from "~/domain/programme/list-schedule-versions.server";
import { diffSnapshots, parseSnapshot, type SnapshotSession } from "~/domain/programme/schedule-snapshot";
import { localDay, localTime } from "~/utils/zoned-time";
import { pick, useT } from "~/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { getUser } from "~/utils/session.server";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "What changed · Concord" }];

/** Every published version of the schedule with what changed since the one before, newest first. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const found = await listScheduleVersions({ actor: user, slug: params.slug ?? "" });
  if (!found) throw new Response("Not found", { status: 404 });
  const { conference, versions } = found;
  const locale = await resolveLocale(request, user);
  const zone = conference.timeZone;
  const when = (s: SnapshotSession) =>
    `${localDay(new Date(s.startsAt), zone)} ${localTime(new Date(s.startsAt), zone)}–${localTime(new Date(s.endsAt), zone)}${s.room ? `, ${s.room}` : ""}`;
  const title = (s: SnapshotSession) => pick(locale, s.title, s.titleZh);
  const out = versions.map((v, i) => {
    const changes = i === 0 ? null : diffSnapshots(parseSnapshot(versions[i - 1].snapshot), parseSnapshot(v.snapshot));
    return {
      number: v.number,
      publishedAt: formatDateTime(v.publishedAt, zone, locale),
      changes:
        changes?.map((c) =>
          c.kind === "added" || c.kind === "removed"
            ? { kind: c.kind, title: title(c.session) }
            : c.kind === "moved"
              ? { kind: c.kind, title: title(c.after), from: when(c.before), to: when(c.after) }
              : { kind: c.kind, title: c.after.title, from: c.before.title, to: c.after.title },
        ) ?? null,
    };
  });
  return { slug: conference.slug, zone, versions: out.reverse() };
}

export default function Changes() {
  const { slug, zone, versions } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p>
        <Link to={`/conferences/${slug}/programme`} className="text-blue-900 underline">
          ← {t("programme.title")}
        </Link>
      </p>
      <h1 className="mb-2 mt-2 text-3xl font-bold">{t("programme.changes.title")}</h1>
      <p className="mb-4 text-sm text-stone-700">{zone}</p>
      {versions.length === 0 ? <p>{t("programme.changes.none")}</p> : null}
      {versions.map((v) => (
        <section key={v.number} className="mb-6" data-testid="schedule-version">
          <h2 className="text-xl font-semibold">{t("programme.changes.version", { n: v.number, date: v.publishedAt })}</h2>
          {v.changes === null ? (
            <p>{t("programme.changes.first")}</p>
          ) : v.changes.length === 0 ? (
            <p>{t("programme.changes.nothing")}</p>
          ) : null}
          <ul className="ml-5 list-disc">
            {v.changes?.map((c, i) => (
              <li key={i}>
                {c.kind === "added"
                  ? t("programme.changes.added", { title: c.title })
                  : c.kind === "removed"
                    ? t("programme.changes.removed", { title: c.title })
                    : c.kind === "moved"
                      ? t("programme.changes.moved", { title: c.title, from: c.from ?? "", to: c.to ?? "" })
                      : t("programme.changes.retitled", { from: c.from ?? "", to: c.to ?? "" })}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
