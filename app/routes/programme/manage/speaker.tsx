import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, SubmitButton, firstErrorField } from "~/components/forms";
import { ManageNav } from "~/components/programme";
import { SpeakerProfileFields } from "~/components/speaker-form";
import { organizerContext } from "~/domain/programme/page-context.server";
import { getSpeakerForEdit } from "~/domain/programme/get-speaker-for-edit.server";
import { saveSpeaker } from "~/domain/programme/save-speaker.server";
import { speakerSchema } from "~/domain/programme/schema";
import { useT } from "~/i18n";
import { orRespond } from "~/utils/http.server";
import { runForm } from "~/utils/form-action.server";
import { requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Speaker · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const isNew = params.id === "new";
  const { conference, speaker } = await orRespond(() =>
    getSpeakerForEdit({ actor: user, slug: params.slug ?? "", speakerId: isNew ? null : (params.id ?? "") }),
  );
  return {
    conference: { slug: conference.slug },
    isNew,
    linked: !!speaker?.userId,
    photoUrl: speaker?.photoType
      ? `/conferences/${conference.slug}/speakers/${speaker.id}/photo?v=${speaker.updatedAt.getTime().toString(36)}`
      : null,
    defaults: speaker
      ? {
          nameLatin: speaker.nameLatin,
          nameNative: speaker.nameNative ?? "",
          position: speaker.position ?? "",
          organization: speaker.organization ?? "",
          bio: speaker.bio,
          bioZh: speaker.bioZh ?? "",
          email: speaker.email ?? "",
        }
      : {},
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Permission first, so strangers cannot make us read their uploads (the body is capped at 2 MB by server/http.js).
  const { user, conference } = await organizerContext(request, params.slug);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: speakerSchema });
  if (submission.status !== "success") return data<SubmissionResult<string[]>>(submission.reply(), { status: 400 });
  const photo = formData.get("photo");
  const outcome = await runForm(request, submission, () =>
    saveSpeaker({
      actor: user,
      slug: conference.slug,
      speakerId: params.id === "new" ? undefined : params.id,
      input: submission.value,
      photo: photo instanceof File ? photo : null,
    }),
  );
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirectWithToast(`/conferences/${conference.slug}/manage/programme/speakers`, { message: "programme.manage.saved" });
}

export default function EditSpeaker() {
  const { conference, isNew, defaults, photoUrl, linked } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "speaker",
    lastResult,
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: speakerSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const focus = firstErrorField(lastResult);
  const photoError = (lastResult?.error?.photo as string[] | undefined)?.[0];
  return (
    <>
      <p>
        <Link to={`/conferences/${conference.slug}/manage/programme/speakers`} className="text-blue-900 underline">
          ← {t("programme.manage.speakers")}
        </Link>
      </p>
      <h1 className="mb-4 mt-2 text-3xl font-bold">{t(isNew ? "programme.speakers.newTitle" : "programme.speakers.editTitle")}</h1>
      <ManageNav slug={conference.slug} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="max-w-2xl">
        <FormErrors id={form.errorId} errors={form.errors} />
        <SpeakerProfileFields fields={fields} focus={focus} photoError={photoError} photoUrl={photoUrl} />
        <Field
          meta={fields.email}
          type="email"
          label={t("programme.speakerForm.email")}
          hint={t(linked ? "programme.speakerForm.linked" : "programme.speakerForm.emailHint")}
          optional
          autoFocus={focus === "email"}
        />
        <SubmitButton>{t("programme.speakers.save")}</SubmitButton>
      </Form>
    </>
  );
}
