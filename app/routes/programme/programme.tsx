import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { getPublicProgramme } from "~/domain/programme/get-public-programme.server";
import { dayLabel, matches, toRow, type SessionRow } from "~/domain/programme/programme-view.server";
import { calendarDays, offsetLabel } from "~/utils/zoned-time";
import { pick, useT } from "~/i18n";
import { translator } from "~/i18n/dictionaries.server";
import { resolveLocale } from "~/utils/locale.server";
import { getUser } from "~/utils/session.server";
import { isValidTimeZone } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.conference.title} · ${data.heading}` : "Concord" }];

type View = "day" | "track" | "room";

/**
 * The public programme: by day, by track or by room, with search. Rendered on
 * the server with every time already on the venue's wall clock, so it works
 * without JavaScript; a constant number of queries whatever its size.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const found = await getPublicProgramme({ actor: user, slug: params.slug ?? "" });
  if (!found) throw new Response("Not found", { status: 404 });
  const { conference, sessions, starred } = found;
  const locale = await resolveLocale(request, user);
  const url = new URL(request.url);
  const view: View = (["day", "track", "room"] as const).find((v) => v === url.searchParams.get("view")) ?? "day";
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const tzParam = (url.searchParams.get("tz") ?? "").trim().slice(0, 64);
  const alsoZone = tzParam && isValidTimeZone(tzParam) && tzParam !== conference.timeZone ? tzParam : null;
  const days = calendarDays(conference.startDate, conference.endDate);
  const day = days.find((d) => d === url.searchParams.get("day")) ?? days[0];
  const zone = conference.timeZone;
  const rows = sessions.filter((s) => matches(s, q)).map((s) => toRow(s, zone, locale, alsoZone));
  const shown = q || view !== "day" ? rows : rows.filter((r) => r.day === day);
  const title = pick(locale, conference.title, conference.titleZh);
  return {
    conference: { slug: conference.slug, title, timeZone: zone, offset: offsetLabel(conference.startDate, zone) },
    heading: translator(locale)("programme.title"),
    view,
    q,
    day,
    days: days.map((d) => ({ day: d, label: dayLabel(d, locale, "short") })),
    tz: tzParam,
    alsoZone,
    tzInvalid: !!tzParam && !alsoZone && tzParam !== conference.timeZone,
    total: sessions.length,
    rows: shown,
    starred,
    signedIn: !!user,
  };
}

function groupBy(rows: SessionRow[], key: (r: SessionRow) => string) {
  const groups = new Map<string, SessionRow[]>();
  for (const r of rows) {
    const k = key(r);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups];
}

function StarButton({ slug, row, starred }: { slug: string; row: SessionRow; starred: boolean }) {
  const t = useT();
  const location = useLocation();
  return (
    <Form method="post" action={`/conferences/${slug}/sessions/${row.id}`} preventScrollReset>
      <input type="hidden" name="intent" value={starred ? "unstar" : "star"} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button
        type="submit"
        aria-pressed={starred}
        aria-label={t(starred ? "programme.unstarFor" : "programme.starFor", { title: row.title })}
        className="rounded border border-blue-900 px-2 py-1 text-sm text-blue-900"
      >
        <span aria-hidden="true">{starred ? "★" : "☆"}</span>{" "}
        <span className="hidden sm:inline">{t(starred ? "programme.unstar" : "programme.star")}</span>
      </button>
    </Form>
  );
}

function SessionItem({
  row,
  slug,
  starred,
  signedIn,
  showDay,
  alsoZone,
}: {
  row: SessionRow;
  slug: string;
  starred: boolean;
  signedIn: boolean;
  showDay: boolean;
  alsoZone: string | null;
}) {
  const t = useT();
  return (
    <li
      className="flex flex-wrap items-start justify-between gap-2 border-l-4 bg-white p-3"
      style={{ borderColor: row.track?.colour ?? "#d6d3d1" }}
      data-testid="programme-session"
    >
      <div className="min-w-0 flex-1">
        <p className="text-sm text-stone-700">
          {showDay ? <span>{row.day} · </span> : null}
          <time data-testid="session-time">
            {row.start}–{row.end}
          </time>
          {row.endsNextDay ? <span> {t("programme.nextDay")}</span> : null}
          {alsoZone && row.alsoStart ? (
            <span className="ml-2 text-stone-500">
              ({t("programme.alsoIn.label", { zone: alsoZone, start: row.alsoStart, end: row.alsoEnd ?? "" })})
            </span>
          ) : null}
          {" · "}
          {t(`programme.kind.${row.kind as "KEYNOTE"}`)}
          {row.room ? <> · {row.room.name}</> : null}
        </p>
        <h3 className="font-semibold">
          <Link to={`/conferences/${slug}/sessions/${row.id}`} className="text-blue-900 underline-offset-2 hover:underline">
            {row.title}
          </Link>
        </h3>
        {row.speakers.length ? (
          <p className="text-sm">
            {row.speakers.map((s, i) => (
              <span key={s.id}>
                {i ? ", " : ""}
                <Link to={`/conferences/${slug}/speakers/${s.id}`} className="underline-offset-2 hover:underline">
                  {s.name}
                </Link>
              </span>
            ))}
          </p>
        ) : null}
      </div>
      {signedIn ? <StarButton slug={slug} row={row} starred={starred} /> : null}
    </li>
  );
}

/** After hydration only: fills the zone field with the browser's own zone. */
function MyZoneButton({ target }: { target: React.RefObject<HTMLInputElement | null> }) {
  const t = useT();
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button
      type="button"
      className="rounded border border-stone-400 px-2 py-1 text-sm"
      onClick={() => {
        if (target.current) target.current.value = Intl.DateTimeFormat().resolvedOptions().timeZone;
      }}
    >
      {t("programme.alsoIn.mine")}
    </button>
  );
}

export default function Programme() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const tzRef = useRef<HTMLInputElement>(null);
  const slug = d.conference.slug;
  const starred = new Set(d.starred);
  const base = `/conferences/${slug}/programme`;
  const keep = (extra: Record<string, string>) => {
    const p = new URLSearchParams({ ...(d.tz ? { tz: d.tz } : {}), ...extra });
    return `${base}?${p}`;
  };
  const item = (row: SessionRow, showDay: boolean) => (
    <SessionItem
      key={row.id}
      row={row}
      slug={slug}
      starred={starred.has(row.id)}
      signedIn={d.signedIn}
      showDay={showDay}
      alsoZone={d.alsoZone}
    />
  );
  const tab = (view: View, label: string) => (
    <Link
      to={keep({ view })}
      aria-current={d.view === view && !d.q ? "page" : undefined}
      className="rounded-md border border-stone-400 px-3 py-1 aria-[current=page]:bg-blue-900 aria-[current=page]:text-white"
    >
      {label}
    </Link>
  );
  let body;
  if (d.total === 0) body = <p>{t("programme.emptyAll")}</p>;
  else if (d.q) body = <ul className="space-y-2">{d.rows.map((r) => item(r, true))}</ul>;
  else if (d.view === "day") {
    const slots = groupBy(d.rows, (r) => r.start);
    body = (
      <>
        <nav aria-label={t("programme.day")} className="mb-4 flex flex-wrap gap-2">
          {d.days.map(({ day, label }) => (
            <Link
              key={day}
              to={keep({ view: "day", day })}
              aria-current={day === d.day ? "page" : undefined}
              className="rounded border border-stone-400 px-2 py-1 text-sm aria-[current=page]:font-bold"
            >
              {label}
            </Link>
          ))}
        </nav>
        {slots.length === 0 ? <p>{t("programme.empty")}</p> : null}
        {slots.map(([start, rows]) => (
          <section key={start} aria-label={start} className="mb-4">
            <h2 className="mb-1 text-lg font-semibold">{start}</h2>
            <ul className="space-y-2">{rows.map((r) => item(r, false))}</ul>
          </section>
        ))}
      </>
    );
  } else {
    const groups = groupBy(d.rows, (r) =>
      d.view === "track" ? (r.track?.name ?? t("programme.noTrack")) : (r.room?.name ?? t("programme.noRoom")),
    );
    body = groups.map(([name, rows]) => (
      <section key={name} className="mb-6">
        <h2 className="mb-2 text-xl font-semibold">{name}</h2>
        <ul className="space-y-2">{rows.map((r) => item(r, true))}</ul>
      </section>
    ));
  }
  return (
    <>
      <p>
        <Link to={`/conferences/${slug}`} className="text-blue-900 underline">
          ← {d.conference.title}
        </Link>
      </p>
      <h1 className="mb-2 mt-2 text-3xl font-bold">{t("programme.title")}</h1>
      <p className="mb-4 text-sm text-stone-700" data-testid="time-zone">
        {t("common.timeZoneLabel", { zone: d.conference.timeZone, offset: d.conference.offset })}
      </p>
      <nav aria-label={t("programme.nav")} className="mb-4 flex flex-wrap gap-2">
        {tab("day", t("programme.byDay"))}
        {tab("track", t("programme.byTrack"))}
        {tab("room", t("programme.byRoom"))}
        <Link to={`/conferences/${slug}/speakers`} className="rounded-md border border-stone-400 px-3 py-1">
          {t("programme.speakers")}
        </Link>
        <Link to={`/conferences/${slug}/programme/changes`} className="rounded-md border border-stone-400 px-3 py-1">
          {t("programme.changes")}
        </Link>
      </nav>
      <Form method="get" action={base} className="mb-4 flex flex-wrap items-end gap-2" role="search">
        <input type="hidden" name="view" value={d.view} />
        <div>
          <label htmlFor="programme-q" className="block text-sm font-medium">
            {t("programme.search")}
          </label>
          <input id="programme-q" name="q" type="search" defaultValue={d.q} className="rounded-md border border-stone-400 px-3 py-1" />
        </div>
        <div>
          <label htmlFor="programme-tz" className="block text-sm font-medium">
            {t("programme.alsoIn")}
          </label>
          <input
            id="programme-tz"
            ref={tzRef}
            name="tz"
            defaultValue={d.tz}
            placeholder="Europe/Madrid"
            aria-describedby="programme-tz-hint"
            className="rounded-md border border-stone-400 px-3 py-1"
          />
        </div>
        <MyZoneButton target={tzRef} />
        <button type="submit" className="rounded-md bg-blue-900 px-3 py-1 font-medium text-white">
          {t("programme.search.button")}
        </button>
        <p id="programme-tz-hint" className="w-full text-xs text-stone-600">
          {t("programme.alsoIn.hint")}
        </p>
      </Form>
      {d.tzInvalid ? (
        <p role="status" className="mb-3 text-amber-900">
          {t("programme.alsoIn.invalid", { zone: d.tz })}
        </p>
      ) : null}
      {d.q ? (
        <p role="status" className="mb-3">
          {t("programme.search.results", { n: d.rows.length, q: d.q })}{" "}
          <Link to={keep({ view: d.view })} className="text-blue-900 underline">
            {t("programme.search.clear")}
          </Link>
        </p>
      ) : null}
      {body}
      <p className="mt-8 flex flex-wrap gap-4 text-sm">
        <a href={`/conferences/${slug}/programme.ics`} className="text-blue-900 underline">
          {t("programme.downloadIcs")}
        </a>
        <span>
          {t("programme.exports")}:{" "}
          <a href={`/conferences/${slug}/schedule.xml`} className="underline">
            XML
          </a>{" "}
          ·{" "}
          <a href={`/conferences/${slug}/schedule.json`} className="underline">
            JSON
          </a>{" "}
          ·{" "}
          <a href={`/api/conferences/${slug}/programme`} className="underline">
            API
          </a>
        </span>
      </p>
    </>
  );
}
