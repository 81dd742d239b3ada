import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ManageNav, ZoneNote } from "~/components/programme";
import { getReleasePreview } from "~/domain/programme/get-release-preview.server";
import { publishSchedule } from "~/domain/programme/publish-schedule.server";
import type { SnapshotSession } from "~/domain/programme/schedule-snapshot";
import { pick, useT } from "~/i18n";
import { AppError } from "~/utils/errors";
import { orRespond, toResponse } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";
import { localDay, localTime, offsetLabel } from "~/utils/zoned-time";

export const meta: MetaFunction = () => [{ title: "Release the programme · Concord" }];

/** The release preview: what will change, who will be told; the confirmation form releases exactly that. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { conference, plan, nextNumber } = await orRespond(() => getReleasePreview({ actor: user, slug: params.slug ?? "" }));
  const locale = await resolveLocale(request, user);
  const zone = conference.timeZone;
  const when = (s: SnapshotSession) =>
    `${localDay(new Date(s.startsAt), zone)} ${localTime(new Date(s.startsAt), zone)}–${localTime(new Date(s.endsAt), zone)}${s.room ? `, ${s.room}` : ""}`;
  const title = (s: SnapshotSession) => pick(locale, s.title, s.titleZh);
  const changes = plan.changes.map((c) => {
    const s = c.kind === "moved" ? c.after : c.session;
    const recipients = plan.recipients[s.id] ?? [];
    return {
      kind: c.kind,
      id: s.id,
      title: title(s),
      from: when(c.kind === "moved" ? c.before : s),
      to: when(s),
      told: c.kind !== "added",
      speakers: recipients.filter((r) => r.as === "speaker").map((r) => r.name),
      attendees: recipients.filter((r) => r.as === "attendee").length,
    };
  });
  return {
    conference: { slug: conference.slug, timeZone: zone, offset: offsetLabel(conference.startDate, zone) },
    changes,
    emails: Object.values(plan.recipients).reduce((n, r) => n + r.length, 0),
    deletedRooms: plan.deletedRooms,
    deletedTracks: plan.deletedTracks,
    fingerprint: plan.fingerprint,
    nextNumber,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const form = await request.formData();
  const fingerprint = String(form.get("fingerprint") ?? "").slice(0, 64);
  try {
    const result = await publishSchedule({ actor: user, slug, fingerprint });
    return redirectWithToast(`/conferences/${slug}/manage/timetable`, { message: "programme.release.done", vars: { n: result.number } });
  } catch (error) {
    // The draft changed after the preview: show the new preview rather than release something unseen.
    if (error instanceof AppError && error.code === "RELEASE_CHANGED")
      return redirectWithToast(`/conferences/${slug}/manage/timetable/release`, { message: error.userMessage, kind: "error" });
    if (error instanceof AppError) throw toResponse(error);
    throw error;
  }
}

export default function Release() {
  const { conference, changes, emails, deletedRooms, deletedTracks, fingerprint, nextNumber } = useLoaderData<typeof loader>();
  const t = useT();
  const nothing = !changes.length && !deletedRooms.length && !deletedTracks.length;
  return (
    <>
      <h1 className="mb-4 text-3xl font-bold">{t("programme.release.title")}</h1>
      <ManageNav slug={conference.slug} />
      <ZoneNote zone={conference.timeZone} offset={conference.offset} />
      <p className="mb-4 max-w-3xl">{t("programme.release.lead")}</p>
      {nothing ? (
        <p role="status" className="mb-4 font-medium">
          {t("programme.release.nothing")}
        </p>
      ) : (
        <section aria-labelledby="release-changes" className="mb-6">
          <h2 id="release-changes" className="mb-2 text-xl font-semibold">
            {t("programme.release.changesTitle")}
          </h2>
          <ul className="ml-5 list-disc space-y-2" data-testid="release-changes">
            {changes.map((c) => (
              <li key={`${c.kind}-${c.id}`} data-kind={c.kind}>
                {c.kind === "added"
                  ? t("programme.release.added", { title: c.title, to: c.to })
                  : c.kind === "moved"
                    ? t("programme.release.moved", { title: c.title, from: c.from, to: c.to })
                    : c.kind === "removed"
                      ? t("programme.release.removed", { title: c.title, from: c.from })
                      : t("programme.release.cancelled", { title: c.title, from: c.from })}
                {c.told ? (
                  <p className="text-sm text-stone-700" data-testid="release-told">
                    {c.speakers.length || c.attendees
                      ? [
                          c.speakers.length ? t("programme.release.told", { names: c.speakers.join(", ") }) : null,
                          c.attendees ? t("programme.release.attendees", { n: c.attendees }) : null,
                        ]
                          .filter(Boolean)
                          .join(" · ")
                      : t("programme.release.toldNobody")}
                  </p>
                ) : null}
              </li>
            ))}
            {deletedRooms.length ? <li>{t("programme.release.deletedRooms", { names: deletedRooms.join(", ") })}</li> : null}
            {deletedTracks.length ? <li>{t("programme.release.deletedTracks", { names: deletedTracks.join(", ") })}</li> : null}
          </ul>
          <p className="mt-3">{t("programme.release.emails", { n: emails })}</p>
        </section>
      )}
      <Form method="post" className="flex flex-wrap items-center gap-4">
        <input type="hidden" name="fingerprint" value={fingerprint} />
        <button type="submit" className="rounded-md bg-green-800 px-4 py-2 font-medium text-white">
          {t("programme.release.confirm", { n: nextNumber })}
        </button>
        <Link to={`/conferences/${conference.slug}/manage/timetable`} className="text-blue-900 underline">
          {t("programme.release.back")}
        </Link>
      </Form>
    </>
  );
}
