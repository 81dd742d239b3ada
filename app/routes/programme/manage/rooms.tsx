import { isUuid } from "~/utils/validation";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { Field, FormErrors, SubmitButton, TextareaField, firstErrorField } from "~/components/forms";
import { ConfirmPanel } from "~/components/confirm";
import { ManageNav } from "~/components/programme";
import { deleteProgrammeItem } from "~/domain/programme/delete-programme-item.server";
import { getDeletionImpact } from "~/domain/programme/get-deletion-impact.server";
import { listRoomsAndTracks } from "~/domain/programme/list-rooms-and-tracks.server";
import { saveRoom } from "~/domain/programme/save-room.server";
import { saveTrack } from "~/domain/programme/save-track.server";
import { deleteSchema, roomSchema, trackSchema } from "~/domain/programme/schema";
import { pick, useLocale, useT } from "~/i18n";
import { isConfirmed } from "~/utils/confirm";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Rooms and tracks · Concord" }];

/** `?edit=<id>` fills the room or track form with that one; `?delete-room=<id>` / `?delete-track=<id>` asks first. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const url = new URL(request.url);
  const edit = url.searchParams.get("edit") ?? "";
  const deleting = (["room", "track"] as const).flatMap((kind) => {
    const id = url.searchParams.get(`delete-${kind}`) ?? "";
    return isUuid(id) ? [{ kind, id }] : [];
  })[0];
  const [{ conference, rooms, tracks }, impact] = await Promise.all([
    orRespond(() => listRoomsAndTracks({ actor: user, slug })),
    deleting ? orRespond(() => getDeletionImpact({ actor: user, slug, ...deleting })) : null,
  ]);
  return {
    conference: { slug: conference.slug },
    rooms,
    tracks,
    editRoom: rooms.find((r) => r.id === edit) ?? null,
    editTrack: tracks.find((r) => r.id === edit) ?? null,
    deleting: deleting && impact ? { kind: deleting.kind, ...impact } : null,
  };
}

type ActionResult = { form: "room" | "track"; result: SubmissionResult<string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = `/conferences/${slug}/manage/programme/rooms`;
  if (intent === "delete-room" || intent === "delete-track") {
    const submission = parseWithZod(formData, { schema: deleteSchema });
    if (submission.status !== "success") return data({ form: "room", result: submission.reply() } as ActionResult, { status: 400 });
    // Only the confirmation page's form deletes; anything else is shown that page first.
    if (!isConfirmed(formData)) return redirect(`${back}?${intent}=${submission.value.id}`);
    await orRespond(() =>
      deleteProgrammeItem({
        actor: user,
        slug,
        kind: intent === "delete-room" ? "room" : "track",
        id: submission.value.id,
        confirmed: true,
      }),
    );
    return redirectWithToast(back, { message: "programme.manage.deleted" });
  }
  if (intent === "track") {
    const submission = parseWithZod(formData, { schema: trackSchema });
    if (submission.status !== "success") return data<ActionResult>({ form: "track", result: submission.reply() }, { status: 400 });
    const outcome = await runForm(request, submission, () => saveTrack({ actor: user, slug, input: submission.value }));
    if (!outcome.ok) return data<ActionResult>({ form: "track", result: outcome.result }, { status: outcome.status });
    return redirectWithToast(back, { message: "programme.manage.saved" });
  }
  const submission = parseWithZod(formData, { schema: roomSchema });
  if (submission.status !== "success") return data<ActionResult>({ form: "room", result: submission.reply() }, { status: 400 });
  const outcome = await runForm(request, submission, () => saveRoom({ actor: user, slug, input: submission.value }));
  if (!outcome.ok) return data<ActionResult>({ form: "room", result: outcome.result }, { status: outcome.status });
  return redirectWithToast(back, { message: "programme.manage.saved" });
}

function ItemActions({ kind, id, name }: { kind: "room" | "track"; id: string; name: string }) {
  const t = useT();
  return (
    <span className="flex shrink-0 gap-3">
      <Link to={`?edit=${id}#${kind}`} className="text-blue-900 underline" aria-label={t("programme.manage.editFor", { title: name })}>
        {t("programme.manage.edit")}
      </Link>
      <Link to={`?delete-${kind}=${id}`} className="text-red-800 underline" aria-label={t("programme.manage.deleteFor", { name })}>
        {t("programme.manage.delete")}
      </Link>
    </span>
  );
}

function ConfirmDelete({ deleting }: { deleting: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["deleting"]> }) {
  const t = useT();
  const locale = useLocale();
  const name = pick(locale, deleting.item.name, deleting.item.nameZh);
  const room = deleting.kind === "room";
  // Opened by the link ?delete-room=…: going back drops the query, or the question would show again.
  const { pathname } = useLocation();
  return (
    <ConfirmPanel
      back={pathname}
      title={t(room ? "programme.delete.roomTitle" : "programme.delete.trackTitle", { name })}
      yes={t(room ? "programme.delete.confirmRoom" : "programme.delete.confirmTrack", { name })}
      fields={[
        ["intent", `delete-${deleting.kind}`],
        ["id", deleting.item.id],
      ]}
    >
      {deleting.sessions.length ? (
        <>
          <p>{t(room ? "programme.delete.roomSessions" : "programme.delete.trackSessions", { n: deleting.sessions.length })}</p>
          <ul className="ml-5 list-disc">
            {deleting.sessions.map((s) => (
              <li key={s.id}>{pick(locale, s.title, s.titleZh)}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t("programme.delete.noSessions")}</p>
      )}
      <p>{t("programme.delete.released", { n: deleting.released })}</p>
    </ConfirmPanel>
  );
}

export default function RoomsAndTracks() {
  const { conference, rooms, tracks, editRoom, editTrack, deleting } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const locale = useLocale();
  const roomResult = actionData?.form === "room" ? actionData.result : undefined;
  const trackResult = actionData?.form === "track" ? actionData.result : undefined;
  const [roomForm, roomFields] = useForm({
    id: `room-${editRoom?.id ?? "new"}`,
    lastResult: roomResult,
    defaultValue: editRoom
      ? { name: editRoom.name, nameZh: editRoom.nameZh ?? "", capacity: editRoom.capacity?.toString() ?? "", notes: editRoom.notes ?? "" }
      : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roomSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [trackForm, trackFields] = useForm({
    id: `track-${editTrack?.id ?? "new"}`,
    lastResult: trackResult,
    defaultValue: editTrack ? { name: editTrack.name, nameZh: editTrack.nameZh ?? "", colour: editTrack.colour } : { colour: "#1e3a8a" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: trackSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const roomFocus = firstErrorField(roomResult);
  const trackFocus = firstErrorField(trackResult);
  return (
    <>
      <h1 className="mb-4 text-3xl font-bold">{t("programme.manage.roomsTracks")}</h1>
      <ManageNav slug={conference.slug} />
      {deleting ? <ConfirmDelete deleting={deleting} /> : null}
      <div className="grid gap-10 md:grid-cols-2">
        <section aria-labelledby="rooms-title">
          <h2 id="rooms-title" className="mb-3 text-xl font-semibold">
            {t("programme.rooms.title")}
          </h2>
          {rooms.length === 0 ? <p>{t("programme.rooms.none")}</p> : null}
          <ul className="mb-6 space-y-2">
            {rooms.map((r) => (
              <li key={r.id} className="flex items-start justify-between gap-3 rounded-md border border-stone-300 bg-white p-3">
                <span>
                  <span className="font-medium">{pick(locale, r.name, r.nameZh)}</span>
                  {r.capacity ? <> · {t("programme.room.seats", { n: r.capacity })}</> : null}
                  {r.notes ? <span className="block text-sm text-stone-600">{r.notes}</span> : null}
                </span>
                <ItemActions kind="room" id={r.id} name={r.name} />
              </li>
            ))}
          </ul>
          <h3 id="room" className="mb-2 font-semibold">
            {editRoom ? t("programme.rooms.edit", { name: editRoom.name }) : t("programme.rooms.add")}
          </h3>
          <Form method="post" {...getFormProps(roomForm)} key={roomForm.id}>
            <input type="hidden" name="intent" value="room" />
            {editRoom ? <input type="hidden" name="id" value={editRoom.id} /> : null}
            <FormErrors id={roomForm.errorId} errors={roomForm.errors} />
            <Field meta={roomFields.name} label={t("programme.room.name")} autoFocus={roomFocus === "name"} />
            <Field meta={roomFields.nameZh} label={t("programme.room.nameZh")} optional autoFocus={roomFocus === "nameZh"} />
            <Field
              meta={roomFields.capacity}
              type="number"
              label={t("programme.room.capacity")}
              optional
              autoFocus={roomFocus === "capacity"}
            />
            <TextareaField meta={roomFields.notes} rows={2} label={t("programme.room.notes")} optional autoFocus={roomFocus === "notes"} />
            <SubmitButton>{editRoom ? t("programme.speakers.save") : t("programme.rooms.add")}</SubmitButton>
          </Form>
        </section>
        <section aria-labelledby="tracks-title">
          <h2 id="tracks-title" className="mb-3 text-xl font-semibold">
            {t("programme.tracks.title")}
          </h2>
          {tracks.length === 0 ? <p>{t("programme.tracks.none")}</p> : null}
          <ul className="mb-6 space-y-2">
            {tracks.map((tr) => (
              <li key={tr.id} className="flex items-center justify-between gap-3 rounded-md border border-stone-300 bg-white p-3">
                <span className="flex items-center gap-2">
                  <span aria-hidden="true" className="inline-block h-4 w-4 rounded" style={{ background: tr.colour }} />
                  <span className="font-medium">{pick(locale, tr.name, tr.nameZh)}</span>
                </span>
                <ItemActions kind="track" id={tr.id} name={tr.name} />
              </li>
            ))}
          </ul>
          <h3 id="track" className="mb-2 font-semibold">
            {editTrack ? t("programme.tracks.edit", { name: editTrack.name }) : t("programme.tracks.add")}
          </h3>
          <Form method="post" {...getFormProps(trackForm)} key={trackForm.id}>
            <input type="hidden" name="intent" value="track" />
            {editTrack ? <input type="hidden" name="id" value={editTrack.id} /> : null}
            <FormErrors id={trackForm.errorId} errors={trackForm.errors} />
            <Field meta={trackFields.name} label={t("programme.room.name")} autoFocus={trackFocus === "name"} />
            <Field meta={trackFields.nameZh} label={t("programme.room.nameZh")} optional autoFocus={trackFocus === "nameZh"} />
            <Field meta={trackFields.colour} label={t("programme.track.colour")} autoFocus={trackFocus === "colour"} />
            <SubmitButton>{editTrack ? t("programme.speakers.save") : t("programme.tracks.add")}</SubmitButton>
          </Form>
        </section>
      </div>
    </>
  );
}
