import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ManageNav, ZoneNote } from "~/components/programme";
import { deleteProgrammeItem } from "~/domain/programme/delete-programme-item.server";
import { listManagedSessions } from "~/domain/programme/list-managed-sessions.server";
import { deleteSchema } from "~/domain/programme/schema";
import { localDay, localTime, offsetLabel } from "~/utils/zoned-time";
import { pick, useLocale, useT } from "~/i18n";
import { AppError } from "~/utils/errors";
import { orRespond, toResponse } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";
import { BackToConference } from "~/components/back-to-conference";

export const meta: MetaFunction = () => [{ title: "Programme management · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { conference, sessions } = await orRespond(() => listManagedSessions({ actor: user, slug: params.slug ?? "" }));
  const offset = offsetLabel(conference.startDate, conference.timeZone);
  const zone = conference.timeZone;
  return {
    conference: { slug: conference.slug, title: conference.title, titleZh: conference.titleZh, timeZone: zone, offset },
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      titleZh: s.titleZh,
      kind: s.kind,
      status: s.status,
      when: s.startsAt && s.endsAt ? `${localDay(s.startsAt, zone)} ${localTime(s.startsAt, zone)}–${localTime(s.endsAt, zone)}` : null,
      room: s.room ? pick("en", s.room.name) : null,
      speakers: s.speakers.map((p) => p.speaker.nameLatin).join(", "),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: deleteSchema });
  if (submission.status !== "success" || submission.value.intent !== "delete-session") return data(submission.reply(), { status: 400 });
  const { id } = submission.value;
  try {
    await deleteProgrammeItem({ actor: user, slug: params.slug ?? "", kind: "session", id });
  } catch (error) {
    // A released session is cancelled through a release, not deleted: say so on the list rather than on an error page.
    if (error instanceof AppError && error.code === "SESSION_RELEASED")
      return redirectWithToast(`/conferences/${params.slug}/manage/programme`, { message: error.userMessage, kind: "error" });
    if (error instanceof AppError) throw toResponse(error);
    throw error;
  }
  return redirectWithToast(`/conferences/${params.slug}/manage/programme`, { message: "programme.manage.deleted" });
}

export default function ManageProgramme() {
  const { conference, sessions } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <BackToConference conference={conference} />
      <h1 className="mb-4 mt-2 text-3xl font-bold">{t("programme.manage.title")}</h1>
      <ManageNav slug={conference.slug} />
      <ZoneNote zone={conference.timeZone} offset={conference.offset} />
      <p className="mb-4">
        <Link
          to={`/conferences/${conference.slug}/manage/programme/sessions/new`}
          className="rounded-md bg-blue-900 px-4 py-2 font-medium text-white"
        >
          {t("programme.manage.newSession")}
        </Link>
      </p>
      {sessions.length === 0 ? (
        <p>{t("programme.manage.noSessions")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <thead>
              <tr className="border-b border-stone-400">
                <th className="p-2">{t("programme.manage.col.when")}</th>
                <th className="p-2">{t("programme.manage.col.title")}</th>
                <th className="p-2">{t("programme.manage.col.room")}</th>
                <th className="p-2">{t("programme.manage.col.speakers")}</th>
                <th className="p-2">{t("programme.manage.col.status")}</th>
                <th className="p-2">
                  <span className="sr-only">{t("programme.manage.edit")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id} className="border-b border-stone-200 align-top">
                  <td className="whitespace-nowrap p-2">{s.when ?? t("programme.session.notScheduled")}</td>
                  <td className="p-2">
                    {pick(locale, s.title, s.titleZh)} <span className="text-sm text-stone-600">· {t(`programme.kind.${s.kind}`)}</span>
                  </td>
                  <td className="p-2">{s.room ?? "—"}</td>
                  <td className="p-2">{s.speakers || "—"}</td>
                  <td className="p-2">{t(`programme.status.${s.status}`)}</td>
                  <td className="flex gap-2 p-2">
                    <Link
                      to={`/conferences/${conference.slug}/manage/programme/sessions/${s.id}`}
                      className="text-blue-900 underline"
                      aria-label={t("programme.manage.editFor", { title: s.title })}
                    >
                      {t("programme.manage.edit")}
                    </Link>
                    <Form method="post">
                      <input type="hidden" name="intent" value="delete-session" />
                      <input type="hidden" name="id" value={s.id} />
                      <button
                        type="submit"
                        className="text-red-800 underline"
                        aria-label={t("programme.manage.deleteFor", { name: s.title })}
                      >
                        {t("programme.manage.delete")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
