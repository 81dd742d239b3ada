import { parseWithZod } from "@conform-to/zod/v4";
import type { SubmissionResult } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/forms";
import { ConflictList, ManageNav, ZoneNote } from "~/components/programme";
import { conflictsOf, type Conflict } from "~/domain/programme/conflicts.server";
import { organizerContext } from "~/domain/programme/page-context.server";
import { getReleasePreview } from "~/domain/programme/get-release-preview.server";
import { getTimetable } from "~/domain/programme/get-timetable.server";
import { placeSession } from "~/domain/programme/place-session.server";
import { TimetableGrid } from "~/components/timetable-grid";
import { runForm } from "~/utils/form-action.server";
import { placementSchema } from "~/domain/programme/schema";
import { calendarDays, localDay, localTime, toLocalInput } from "~/utils/zoned-time";
import { pick, useLocale, useT } from "~/i18n";
import { requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Timetable · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, conference, offset } = await organizerContext(request, params.slug);
  const zone = conference.timeZone;
  const days = calendarDays(conference.startDate, conference.endDate);
  const url = new URL(request.url);
  const day = days.find((d) => d === url.searchParams.get("day")) ?? days[0];
  const [{ rooms, sessions, versions }, preview] = await Promise.all([
    getTimetable({ actor: user, slug: conference.slug }),
    getReleasePreview({ actor: user, slug: conference.slug }),
  ]);
  // Grid rows are the venue's wall clock: minutes since the local midnight of the shown day.
  const wallMinutes = (d: Date) => {
    const [h, m] = localTime(d, zone).split(":").map(Number);
    return h * 60 + m;
  };
  return {
    conference: { slug: conference.slug, timeZone: zone, offset },
    days,
    day,
    versions,
    waiting: preview.plan.changes.length + preview.plan.deletedRooms.length + preview.plan.deletedTracks.length,
    rooms,
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      titleZh: s.titleZh,
      kind: s.kind,
      status: s.status,
      roomId: s.roomId,
      day: s.startsAt ? localDay(s.startsAt, zone) : null,
      time: s.startsAt && s.endsAt ? `${localTime(s.startsAt, zone)}–${localTime(s.endsAt, zone)}` : null,
      startMin: s.startsAt ? wallMinutes(s.startsAt) : 0,
      endMin: s.startsAt && s.endsAt ? (localDay(s.endsAt, zone) === localDay(s.startsAt, zone) ? wallMinutes(s.endsAt) : 24 * 60) : 0,
      minutes: s.startsAt && s.endsAt ? Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000) : 60,
      start: s.startsAt ? toLocalInput(s.startsAt, zone) : "",
      end: s.endsAt ? toLocalInput(s.endsAt, zone) : "",
    })),
  };
}

type ActionResult = {
  sessionId: string;
  result: SubmissionResult<string[]>;
  conflicts: Conflict[];
  checked: boolean;
  saved?: boolean;
  /** The grid's own name for the spot it asked about, echoed so it shows the answer on the right block. */
  key?: string;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const formData = await request.formData();
  const sessionId = String(formData.get("sessionId") ?? "");
  // The grid (JavaScript) asks with fetch and stays on the page; forms get the usual redirect.
  const grid = formData.get("via") === "grid";
  const key = grid ? String(formData.get("key") ?? "").slice(0, 200) : undefined;
  const submission = parseWithZod(formData, { schema: placementSchema });
  if (submission.status !== "success")
    return data<ActionResult>({ sessionId, result: submission.reply(), conflicts: [], checked: false }, { status: 400 });
  const outcome = await runForm(request, submission, () => placeSession({ actor: user, slug, input: submission.value }));
  if (!outcome.ok)
    return data<ActionResult>(
      { sessionId, result: outcome.result, conflicts: conflictsOf(outcome.error), checked: false, key },
      { status: outcome.status },
    );
  if (!outcome.value.saved) {
    return data<ActionResult>({ sessionId, result: submission.reply(), conflicts: outcome.value.conflicts, checked: true, key });
  }
  if (grid) return data<ActionResult>({ sessionId, result: submission.reply(), conflicts: [], checked: false, saved: true, key });
  const day = submission.value.start!.slice(0, 10);
  return redirectWithToast(`/conferences/${slug}/manage/timetable?day=${day}#place-${sessionId}`, {
    message: "programme.timetable.placed",
  });
}

function PlacementForm({
  session,
  rooms,
  actionData,
}: {
  session: { id: string; title: string; roomId: string | null; start: string; end: string };
  rooms: { id: string; name: string; nameZh: string | null }[];
  actionData?: ActionResult;
}) {
  const t = useT();
  const locale = useLocale();
  const mine = actionData?.sessionId === session.id ? actionData : undefined;
  const values = (mine?.result.initialValue ?? {}) as Record<string, string>;
  const errors = mine?.result.error ?? {};
  const id = (f: string) => `place-${session.id}-${f}`;
  return (
    <Form
      method="post"
      id={`place-${session.id}`}
      aria-label={t("programme.timetable.placeFor", { title: session.title })}
      className="rounded-md border border-stone-300 bg-white p-3"
      data-testid="placement-form"
    >
      <p className="mb-2 font-medium">{session.title}</p>
      <input type="hidden" name="sessionId" value={session.id} />
      {mine ? (
        <>
          <FormErrors id={`${id("errors")}`} errors={mine.conflicts.length ? undefined : (errors[""] ?? undefined)} />
          <ConflictList conflicts={mine.conflicts} />
          {mine.checked && mine.conflicts.length === 0 ? (
            <p role="status" className="mb-2 text-green-800">
              {t("programme.timetable.noConflicts")}
            </p>
          ) : null}
        </>
      ) : null}
      <div className="grid gap-2 sm:grid-cols-3">
        <div>
          <label htmlFor={id("room")} className="block text-sm font-medium">
            {t("programme.field.room")}
          </label>
          <select
            id={id("room")}
            name="roomId"
            defaultValue={values.roomId ?? session.roomId ?? ""}
            className="block w-full rounded-md border border-stone-400 px-2 py-1"
          >
            <option value="">{t("programme.field.none")}</option>
            {rooms.map((r) => (
              <option key={r.id} value={r.id}>
                {pick(locale, r.name, r.nameZh)}
              </option>
            ))}
          </select>
        </div>
        {(["start", "end"] as const).map((f) => (
          <div key={f}>
            <label htmlFor={id(f)} className="block text-sm font-medium">
              {t(f === "start" ? "programme.field.start" : "programme.field.end")}
            </label>
            <input
              id={id(f)}
              name={f}
              type="datetime-local"
              defaultValue={values[f] ?? session[f]}
              aria-invalid={errors[f] ? true : undefined}
              aria-describedby={errors[f] ? id(`${f}-error`) : undefined}
              autoFocus={!!errors[f]}
              className="block w-full rounded-md border border-stone-400 px-2 py-1"
            />
            {errors[f] ? (
              <p id={id(`${f}-error`)} className="text-sm text-red-700">
                {t(errors[f]![0] as "validation.required")}
              </p>
            ) : null}
          </div>
        ))}
      </div>
      <div className="mt-2 flex gap-2">
        <button type="submit" name="intent" value="check" className="rounded-md border border-blue-900 px-3 py-1 text-blue-900">
          {t("programme.timetable.check")}
        </button>
        <button type="submit" name="intent" value="place" className="rounded-md bg-blue-900 px-3 py-1 text-white">
          {t("programme.timetable.save")}
        </button>
      </div>
    </Form>
  );
}

export default function Timetable() {
  const { conference, days, day, rooms, sessions, versions, waiting } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const locale = useLocale();
  const today = sessions.filter((s) => s.day === day);
  const unscheduled = sessions.filter((s) => !s.day);
  return (
    <>
      <h1 className="mb-4 text-3xl font-bold">{t("programme.timetable.title")}</h1>
      <ManageNav slug={conference.slug} />
      <ZoneNote zone={conference.timeZone} offset={conference.offset} />
      <p className="mb-4 max-w-3xl">{t("programme.timetable.lead")}</p>
      <p role="note" className="mb-4 max-w-3xl rounded-md border border-amber-700 bg-amber-50 p-2 text-amber-950" data-testid="draft-note">
        {t("programme.timetable.draftNote", { n: waiting })}
      </p>
      <div className="mb-6 flex flex-wrap items-center gap-4">
        <Link
          to={`/conferences/${conference.slug}/manage/timetable/release`}
          className="rounded-md bg-green-800 px-4 py-2 font-medium text-white"
        >
          {t("programme.timetable.release")}
        </Link>
        <span className="text-sm text-stone-700">{t("programme.timetable.versions", { n: versions })}</span>
        <Link to={`/conferences/${conference.slug}/programme/changes`} className="text-sm text-blue-900 underline">
          {t("programme.changes")}
        </Link>
      </div>
      <nav aria-label={t("programme.day")} className="mb-4 flex flex-wrap gap-2">
        {days.map((d) => (
          <Link
            key={d}
            to={`?day=${d}`}
            aria-current={d === day ? "page" : undefined}
            className="rounded border border-stone-400 px-2 py-1 text-sm aria-[current=page]:font-bold"
          >
            {d}
          </Link>
        ))}
      </nav>
      <TimetableGrid
        day={day}
        zone={conference.timeZone}
        offset={conference.offset}
        rooms={rooms.map((r) => ({ id: r.id, name: pick(locale, r.name, r.nameZh) }))}
        sessions={today.map((s) => ({ ...s, title: pick(locale, s.title, s.titleZh) }))}
        unscheduled={unscheduled.map((s) => ({ id: s.id, title: pick(locale, s.title, s.titleZh), minutes: s.minutes }))}
      />
      <h2 className="mb-2 text-xl font-semibold">{t("programme.timetable.forms", { day })}</h2>
      <div className="grid gap-3">
        {today.map((s) => (
          <PlacementForm key={s.id} session={{ ...s, title: pick(locale, s.title, s.titleZh) }} rooms={rooms} actionData={actionData} />
        ))}
      </div>
      <h2 className="mb-2 mt-8 text-xl font-semibold">{t("programme.timetable.unscheduled")}</h2>
      <div className="grid gap-3">
        {unscheduled.map((s) => (
          <PlacementForm key={s.id} session={{ ...s, title: pick(locale, s.title, s.titleZh) }} rooms={rooms} actionData={actionData} />
        ))}
      </div>
    </>
  );
}
