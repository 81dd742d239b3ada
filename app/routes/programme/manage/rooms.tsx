import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, SubmitButton, TextareaField, firstErrorField } from "~/components/forms";
import { ManageNav } from "~/components/programme";
import { deleteProgrammeItem } from "~/domain/programme/delete-programme-item.server";
import { listRoomsAndTracks } from "~/domain/programme/list-rooms-and-tracks.server";
import { saveRoom } from "~/domain/programme/save-room.server";
import { saveTrack } from "~/domain/programme/save-track.server";
import { deleteSchema, roomSchema, trackSchema } from "~/domain/programme/schema";
import { pick, useLocale, useT } from "~/i18n";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Rooms and tracks · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { conference, rooms, tracks } = await orRespond(() => listRoomsAndTracks({ actor: user, slug: params.slug ?? "" }));
  return { conference: { slug: conference.slug }, rooms, tracks };
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
    await orRespond(() =>
      deleteProgrammeItem({ actor: user, slug, kind: intent === "delete-room" ? "room" : "track", id: submission.value.id }),
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

function DeleteButton({ intent, id, name }: { intent: string; id: string; name: string }) {
  const t = useT();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="text-red-800 underline" aria-label={t("programme.manage.deleteFor", { name })}>
        {t("programme.manage.delete")}
      </button>
    </Form>
  );
}

export default function RoomsAndTracks() {
  const { conference, rooms, tracks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const locale = useLocale();
  const roomResult = actionData?.form === "room" ? actionData.result : undefined;
  const trackResult = actionData?.form === "track" ? actionData.result : undefined;
  const [roomForm, roomFields] = useForm({
    id: "room",
    lastResult: roomResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roomSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [trackForm, trackFields] = useForm({
    id: "track",
    lastResult: trackResult,
    defaultValue: { colour: "#1e3a8a" },
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
                <DeleteButton intent="delete-room" id={r.id} name={r.name} />
              </li>
            ))}
          </ul>
          <h3 className="mb-2 font-semibold">{t("programme.rooms.add")}</h3>
          <Form method="post" {...getFormProps(roomForm)}>
            <input type="hidden" name="intent" value="room" />
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
            <SubmitButton>{t("programme.rooms.add")}</SubmitButton>
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
                <DeleteButton intent="delete-track" id={tr.id} name={tr.name} />
              </li>
            ))}
          </ul>
          <h3 className="mb-2 font-semibold">{t("programme.tracks.add")}</h3>
          <Form method="post" {...getFormProps(trackForm)}>
            <input type="hidden" name="intent" value="track" />
            <FormErrors id={trackForm.errorId} errors={trackForm.errors} />
            <Field meta={trackFields.name} label={t("programme.room.name")} autoFocus={trackFocus === "name"} />
            <Field meta={trackFields.nameZh} label={t("programme.room.nameZh")} optional autoFocus={trackFocus === "nameZh"} />
            <Field meta={trackFields.colour} label={t("programme.track.colour")} autoFocus={trackFocus === "colour"} />
            <SubmitButton>{t("programme.tracks.add")}</SubmitButton>
          </Form>
        </section>
      </div>
    </>
  );
}
