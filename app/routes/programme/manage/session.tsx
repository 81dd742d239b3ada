import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, SelectField, SubmitButton, TextareaField, firstErrorField } from "~/components/forms";
import { ConflictList, ManageNav } from "~/components/programme";
import { conflictsOf, type Conflict } from "~/domain/programme/conflicts.server";
import { runForm } from "~/utils/form-action.server";
import { getSessionForEdit } from "~/domain/programme/get-session-for-edit.server";
import { saveSession } from "~/domain/programme/save-session.server";
import { LANGUAGES, SESSION_KINDS, SPEAKER_ROLES, sessionSchema } from "~/domain/programme/schema";
import { offsetLabel, toLocalInput } from "~/utils/zoned-time";
import { pick, useLocale, useT } from "~/i18n";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Session · Concord" }];

const EMPTY_SPEAKER_ROWS = 3;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const isNew = params.id === "new";
  const { conference, session, rooms, tracks, speakers } = await orRespond(() =>
    getSessionForEdit({ actor: user, slug: params.slug ?? "", sessionId: isNew ? null : (params.id ?? "") }),
  );
  const offset = offsetLabel(conference.startDate, conference.timeZone);
  const zone = conference.timeZone;
  const defaults = session
    ? {
        title: session.title,
        titleZh: session.titleZh ?? "",
        abstract: session.abstract,
        abstractZh: session.abstractZh ?? "",
        kind: session.kind,
        trackId: session.trackId ?? "",
        roomId: session.roomId ?? "",
        start: session.startsAt ? toLocalInput(session.startsAt, zone) : "",
        end: session.endsAt ? toLocalInput(session.endsAt, zone) : "",
        language: session.language,
        status: session.status,
        signupRequired: session.signupRequired ? "on" : "",
        signupCapacity: session.signupCapacity?.toString() ?? "",
        speakers: session.speakers.map((s) => ({ speakerId: s.speakerId, role: s.role as string })),
      }
    : { kind: "PAPER_SESSION", language: "en", status: "DRAFT", speakers: [] as { speakerId: string; role: string }[] };
  defaults.speakers = [...defaults.speakers, ...Array.from({ length: EMPTY_SPEAKER_ROWS }, () => ({ speakerId: "", role: "SPEAKER" }))];
  return { conference: { slug: conference.slug, timeZone: zone, offset }, isNew, defaults, rooms, tracks, speakers };
}

type ActionResult = { result: SubmissionResult<string[]>; conflicts: Conflict[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const submission = parseWithZod(await request.formData(), { schema: sessionSchema });
  if (submission.status !== "success") return data<ActionResult>({ result: submission.reply(), conflicts: [] }, { status: 400 });
  const sessionId = params.id === "new" ? undefined : params.id;
  const outcome = await runForm(request, submission, () => saveSession({ actor: user, slug, sessionId, input: submission.value }));
  if (!outcome.ok) return data<ActionResult>({ result: outcome.result, conflicts: conflictsOf(outcome.error) }, { status: outcome.status });
  return redirectWithToast(`/conferences/${slug}/manage/programme`, { message: "programme.manage.saved" });
}

export default function EditSession() {
  const { conference, isNew, defaults, rooms, tracks, speakers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "session",
    lastResult: actionData?.result,
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: sessionSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const focus = firstErrorField(actionData?.result);
  const none = { value: "", label: t("programme.field.none") };
  const speakerRows = fields.speakers.getFieldList();
  return (
    <>
      <p>
        <Link to={`/conferences/${conference.slug}/manage/programme`} className="text-blue-900 underline">
          ← {t("programme.manage.sessions")}
        </Link>
      </p>
      <h1 className="mb-4 mt-2 text-3xl font-bold">{t(isNew ? "programme.session.newTitle" : "programme.session.editTitle")}</h1>
      <ManageNav slug={conference.slug} />
      <Form method="post" {...getFormProps(form)} className="max-w-2xl">
        <FormErrors id={form.errorId} errors={actionData?.conflicts.length ? undefined : form.errors} />
        <ConflictList conflicts={actionData?.conflicts ?? []} />
        <Field meta={fields.title} label={t("programme.field.title")} autoFocus={focus === "title"} />
        <Field meta={fields.titleZh} label={t("programme.field.titleZh")} optional autoFocus={focus === "titleZh"} />
        <TextareaField meta={fields.abstract} label={t("programme.field.abstract")} optional autoFocus={focus === "abstract"} />
        <TextareaField meta={fields.abstractZh} label={t("programme.field.abstractZh")} optional autoFocus={focus === "abstractZh"} />
        <SelectField
          meta={fields.kind}
          label={t("programme.field.kind")}
          options={SESSION_KINDS.map((k) => ({ value: k, label: t(`programme.kind.${k}`) }))}
          autoFocus={focus === "kind"}
        />
        <SelectField
          meta={fields.trackId}
          label={t("programme.field.track")}
          options={[none, ...tracks.map((tr) => ({ value: tr.id, label: pick(locale, tr.name, tr.nameZh) }))]}
          autoFocus={focus === "trackId"}
        />
        <SelectField
          meta={fields.roomId}
          label={t("programme.field.room")}
          options={[
            none,
            ...rooms.map((r) => ({
              value: r.id,
              label: `${pick(locale, r.name, r.nameZh)}${r.capacity ? ` (${t("programme.room.seats", { n: r.capacity })})` : ""}`,
            })),
          ]}
          autoFocus={focus === "roomId"}
        />
        <p className="mb-2 text-sm text-stone-700">
          {t("programme.field.time.hint", { zone: `${conference.timeZone}, ${conference.offset}` })}
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field meta={fields.start} type="datetime-local" label={t("programme.field.start")} optional autoFocus={focus === "start"} />
          <Field meta={fields.end} type="datetime-local" label={t("programme.field.end")} optional autoFocus={focus === "end"} />
        </div>
        <SelectField
          meta={fields.language}
          label={t("programme.field.language")}
          options={LANGUAGES.map((l) => ({ value: l, label: t(`programme.lang.${l}`) }))}
        />
        <SelectField
          meta={fields.status}
          label={t("programme.field.status")}
          options={(["DRAFT", "PUBLISHED"] as const).map((s) => ({ value: s, label: t(`programme.status.${s}`) }))}
        />
        <div className="mb-4">
          <label className="inline-flex items-center gap-2">
            <input
              type="checkbox"
              name={fields.signupRequired.name}
              defaultChecked={fields.signupRequired.initialValue === "on"}
              className="h-4 w-4"
            />
            {t("programme.field.signupRequired")}
          </label>
        </div>
        <Field
          meta={fields.signupCapacity}
          type="number"
          label={t("programme.field.signupCapacity")}
          optional
          autoFocus={focus === "signupCapacity"}
        />
        <fieldset className="mb-4 rounded-md border border-stone-300 p-3">
          <legend className="font-medium">{t("programme.field.speakers")}</legend>
          <p className="mb-2 text-sm text-stone-600">{t("programme.field.speakers.hint")}</p>
          {fields.speakers.errors ? <FormErrors id="speakers-errors" errors={fields.speakers.errors} /> : null}
          {speakerRows.map((row, i) => {
            const rowFields = row.getFieldset();
            return (
              <div key={row.key} className="mb-2 grid gap-2 sm:grid-cols-[2fr_1fr]">
                <div>
                  <label htmlFor={rowFields.speakerId.id} className="sr-only">
                    {t("programme.field.speaker", { n: i + 1 })}
                  </label>
                  <select
                    {...getSelectProps(rowFields.speakerId)}
                    key={rowFields.speakerId.key}
                    className="block w-full rounded-md border border-stone-400 bg-white px-3 py-2"
                  >
                    <option value="">{t("programme.field.speaker", { n: i + 1 })}: —</option>
                    {speakers.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.nameLatin}
                        {s.nameNative ? ` · ${s.nameNative}` : ""}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor={rowFields.role.id} className="sr-only">
                    {t("programme.field.speakerRole", { n: i + 1 })}
                  </label>
                  <select
                    {...getSelectProps(rowFields.role)}
                    key={rowFields.role.key}
                    className="block w-full rounded-md border border-stone-400 bg-white px-3 py-2"
                  >
                    {SPEAKER_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`programme.role.${r}`)}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
            );
          })}
        </fieldset>
        <SubmitButton>{t("common.save")}</SubmitButton>
      </Form>
    </>
  );
}
