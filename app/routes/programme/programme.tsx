import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigate } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { CachedMarkup } from "~/components/cached-markup";
import { type ListLabels, StarButton, sessionList, unpackRows } from "~/components/programme-list";
import { getProgrammePage, type ProgrammeView } from "~/domain/programme/get-public-programme.server";
import { toggleStar } from "~/domain/programme/toggle-star.server";
import { useT } from "~/i18n";
import { translator } from "~/i18n/dictionaries.server";
import { orRespond } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { getUser, requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";
import { isUuid } from "~/utils/validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.conference.title} · ${data.heading}` : "Concord" }];

type View = ProgrammeView;

/** The reader chose the venue's time over their own (set by the switch; read only in the browser). */
const ZONE_PREFERENCE = "concord.programme.zone";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await resolveLocale(request, user);
  const url = new URL(request.url);
  // One address: the list links to its sessions relative to it, which a trailing slash would change.
  if (url.pathname.endsWith("/")) throw redirect(`${url.pathname.replace(/\/+$/, "")}${url.search}`, 301);
  const view: ProgrammeView = (["day", "track", "room"] as const).find((v) => v === url.searchParams.get("view")) ?? "day";
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  // Times are read on the venue's clock unless the reader asks for another zone (their own, chosen by
  // the browser after the page loads, or typed in without JavaScript).
  const tz = (url.searchParams.get("tz") ?? "").trim().slice(0, 64);
  const page = await getProgrammePage({ actor: user, slug: params.slug ?? "", locale, view, q, day: url.searchParams.get("day"), tz });
  if (!page) throw new Response("Not found", { status: 404 });
  return { ...page, heading: translator(locale)("programme.title"), view, q, tz };
}

/**
 * Star or unstar one session from the list (one form for the whole programme: each button carries
 * `star` or `unstar` and the session's id), then back to the same view.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const star = form.get("star");
  const unstar = form.get("unstar");
  const sessionId = typeof star === "string" ? star : typeof unstar === "string" ? unstar : "";
  if (!isUuid(sessionId)) throw new Response("Bad request", { status: 400 });
  const starred = typeof star === "string";
  const url = new URL(request.url);
  return orRespond(async () => {
    await toggleStar({ actor: user, slug: params.slug ?? "", sessionId, starred });
    return redirectWithToast(`${url.pathname}${url.search}`, { message: starred ? "programme.starred" : "programme.unstarred" });
  });
}

/**
 * The viewer's own time zone, applied once the page has loaded (unless the address names a zone or the
 * reader chose the venue's), and the switch between the two. Without JavaScript the zone form does it.
 */
function ZoneSwitch({ venueZone, shownZone, tz }: { venueZone: string; shownZone: string | null; tz: string }) {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const [mine, setMine] = useState<string | null>(null);
  const go = (zone: string) => {
    const p = new URLSearchParams(location.search);
    p.set("tz", zone);
    navigate(`${location.pathname}?${p}`, { replace: true, preventScrollReset: true });
  };
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    setMine(zone && zone !== venueZone ? zone : null);
    if (!tz && zone && zone !== venueZone && localStorage.getItem(ZONE_PREFERENCE) !== "venue") go(zone);
    // Only when the address's zone changes: the reader's own choices are navigations.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tz, venueZone]);
  const p = new URLSearchParams(location.search);
  p.set("tz", venueZone);
  if (shownZone)
    return (
      <Link
        to={`${location.pathname}?${p}`}
        replace
        preventScrollReset
        onClick={() => localStorage.setItem(ZONE_PREFERENCE, "venue")}
        className="text-blue-900 underline"
        data-testid="zone-venue"
      >
        {t("programme.zone.toVenue", { zone: venueZone })}
      </Link>
    );
  if (!mine) return null;
  return (
    <button
      type="button"
      className="text-blue-900 underline"
      data-testid="zone-mine"
      onClick={() => {
        localStorage.removeItem(ZONE_PREFERENCE);
        go(mine);
      }}
    >
      {t("programme.zone.toMine", { zone: mine })}
    </button>
  );
}

export default function Programme() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const rows = useMemo(() => unpackRows(d.list), [d.list]);
  const slug = d.conference.slug;
  const starred = new Set(d.starred);
  const base = `/conferences/${slug}/programme`;
  const keep = (extra: Record<string, string>) => {
    const p = new URLSearchParams({ ...(d.tz ? { tz: d.tz } : {}), ...extra });
    return `${base}?${p}`;
  };
  const tab = (view: View, label: string) => (
    <Link
      to={keep({ view })}
      aria-current={d.view === view && !d.q ? "page" : undefined}
      className="rounded-md border border-stone-400 px-3 py-1 aria-[current=page]:bg-blue-900 aria-[current=page]:text-white"
    >
      {label}
    </Link>
  );
  const labels: ListLabels = {
    kinds: Object.fromEntries([...new Set(rows.map((r) => r.kind))].map((k) => [k, t(`programme.kind.${k as "KEYNOTE"}`)])),
    nextDay: t("programme.nextDay"),
    empty: t("programme.empty"),
    noTrack: t("programme.noTrack"),
    noRoom: t("programme.noRoom"),
  };
  const list = { view: d.view, q: d.q, rows };
  const starLabels = { on: `★ ${t("programme.inAgenda")}`, off: `☆ ${t("programme.star")}` };
  const stars = d.signedIn
    ? rows.map((r, i) => (
        <StarButton
          key={r.id}
          id={r.id}
          heading={`h${i}`}
          starred={starred.has(r.id)}
          label={starred.has(r.id) ? starLabels.on : starLabels.off}
        />
      ))
    : [];
  const zone = d.shownZone ?? { zone: d.conference.timeZone, offset: d.conference.offset };
  return (
    <>
      <p>
        <Link to={`/conferences/${slug}`} className="text-blue-900 underline">
          ← {d.conference.title}
        </Link>
      </p>
      <h1 className="mb-2 mt-2 text-3xl font-bold">{t("programme.title")}</h1>
      <p className="mb-4 flex flex-wrap gap-x-3 text-sm text-stone-700">
        <span data-testid="time-zone">
          {t(d.shownZone ? "programme.zone.shown" : "programme.zone.venue", { zone: zone.zone, offset: zone.offset })}
        </span>
        <ZoneSwitch venueZone={d.conference.timeZone} shownZone={d.shownZone?.zone ?? null} tz={d.tz} />
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
      <div className="mb-4 flex flex-wrap items-end gap-4">
        <Form method="get" action={base} className="flex flex-wrap items-end gap-2" role="search">
          <input type="hidden" name="view" value={d.view} />
          {d.tz ? <input type="hidden" name="tz" value={d.tz} /> : null}
          <div>
            <label htmlFor="programme-q" className="block text-sm font-medium">
              {t("programme.search")}
            </label>
            <input id="programme-q" name="q" type="search" defaultValue={d.q} className="rounded-md border border-stone-400 px-3 py-1" />
          </div>
          <button type="submit" className="rounded-md bg-blue-900 px-3 py-1 font-medium text-white">
            {t("programme.search.button")}
          </button>
        </Form>
        <Form method="get" action={base} className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="view" value={d.view} />
          <div>
            <label htmlFor="programme-tz" className="block text-sm font-medium">
              {t("programme.zone.field")}
            </label>
            <input
              id="programme-tz"
              name="tz"
              defaultValue={d.tz}
              placeholder="America/Sao_Paulo"
              aria-describedby="programme-tz-hint"
              className="rounded-md border border-stone-400 px-3 py-1"
            />
          </div>
          <button type="submit" className="rounded-md border border-blue-900 px-3 py-1 font-medium text-blue-900">
            {t("programme.zone.apply")}
          </button>
          <p id="programme-tz-hint" className="w-full text-xs text-stone-600">
            {t("programme.zone.hint")}
          </p>
        </Form>
      </div>
      {d.tzInvalid ? (
        <p role="status" className="mb-3 text-amber-900">
          {t("programme.alsoIn.invalid", { zone: d.tz })}
        </p>
      ) : null}
      {d.q ? (
        <p role="status" className="mb-3">
          {t("programme.search.results", { n: rows.length, q: d.q })}{" "}
          <Link to={keep({ view: d.view })} className="text-blue-900 underline">
            {t("programme.search.clear")}
          </Link>
        </p>
      ) : null}
      {d.view === "day" && !d.q && d.total > 0 ? (
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
      ) : null}
      {d.total === 0 ? (
        <p>{t("programme.emptyAll")}</p>
      ) : (
        <Form method="post" preventScrollReset>
          <CachedMarkup
            id="programme-list"
            cacheKey={d.listKey}
            tree={(slot) => sessionList(list, labels, d.signedIn ? slot : null)}
            slots={stars}
          />
        </Form>
      )}
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
