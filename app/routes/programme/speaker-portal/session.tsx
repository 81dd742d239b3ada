import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, SubmitButton, firstErrorField } from "~/components/forms";
import { SpeakerProfileFields } from "~/components/speaker-form";
import { getOwnSpeakerProfile } from "~/domain/programme/get-own-speaker-profile.server";
import { availabilitySchema, materialSchema, ownProfileSchema } from "~/domain/programme/schema";
import { saveAvailability } from "~/domain/programme/save-availability.server";
import { localDay, localTime, offsetLabel } from "~/utils/zoned-time";
import { updateOwnProfile } from "~/domain/programme/update-own-profile.server";
import { uploadMaterial } from "~/domain/programme/upload-material.server";
import { pick, useLocale, useT, type MessageKey } from "~/i18n";
import { runForm } from "~/utils/form-action.server";
import { requireUser, type SessionUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "My speaker profile · Concord" }];

/** The signed-in user's own profile, or 404 (someone else's profile is not theirs to know about). */
async function ownProfile(user: SessionUser, id: string | undefined) {
  const speaker = await getOwnSpeakerProfile({ actor: user, speakerId: id ?? "" });
  if (!speaker) throw new Response("Not found", { status: 404 });
  return speaker;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const s = await ownProfile(user, params.id);
  const zone = s.conference.timeZone;
  return {
    speaker: {
      id: s.id,
      conference: { slug: s.conference.slug, title: s.conference.title, titleZh: s.conference.titleZh },
      materials: s.materials,
    },
    zone: { name: zone, offset: offsetLabel(s.conference.startDate, zone) },
    availability: s.availability
      .map((w) => `${localDay(w.startsAt, zone)} ${localTime(w.startsAt, zone)}-${localTime(w.endsAt, zone)}`)
      .join("\n"),
    photoUrl: s.photoType ? `/conferences/${s.conference.slug}/speakers/${s.id}/photo?v=${s.updatedAt.getTime().toString(36)}` : null,
    defaults: {
      nameLatin: s.nameLatin,
      nameNative: s.nameNative ?? "",
      position: s.position ?? "",
      organization: s.organization ?? "",
      bio: s.bio,
      bioZh: s.bioZh ?? "",
    },
  };
}

type ActionResult = { form: "profile" | "material" | "availability"; result: SubmissionResult<string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const speaker = await ownProfile(user, params.id);
  const formData = await request.formData();
  const back = `/speaker/${speaker.id}`;
  if (formData.get("intent") === "availability") {
    const submission = parseWithZod(formData, { schema: availabilitySchema });
    if (submission.status !== "success") return data<ActionResult>({ form: "availability", result: submission.reply() }, { status: 400 });
    const outcome = await runForm(request, submission, () =>
      saveAvailability({ actor: user, speakerId: speaker.id, input: submission.value }),
    );
    if (!outcome.ok) return data<ActionResult>({ form: "availability", result: outcome.result }, { status: outcome.status });
    return redirectWithToast(back, { message: "programme.availability.saved" });
  }
  if (formData.get("intent") === "material") {
    const file = formData.get("file");
    const submission = parseWithZod(formData, { schema: materialSchema });
    if (!(file instanceof File) || file.size === 0)
      return data<ActionResult>(
        { form: "material", result: submission.reply({ fieldErrors: { file: ["programme.portal.fileType"] } }) },
        { status: 400 },
      );
    const outcome = await runForm(request, submission, () => uploadMaterial({ actor: user, speakerId: speaker.id, file }));
    if (!outcome.ok) return data<ActionResult>({ form: "material", result: outcome.result }, { status: outcome.status });
    return redirectWithToast(back, { message: "programme.portal.uploaded" });
  }
  const submission = parseWithZod(formData, { schema: ownProfileSchema });
  if (submission.status !== "success") return data<ActionResult>({ form: "profile", result: submission.reply() }, { status: 400 });
  const photo = formData.get("photo");
  const outcome = await runForm(request, submission, () =>
    updateOwnProfile({ actor: user, speakerId: speaker.id, input: submission.value, photo: photo instanceof File ? photo : null }),
  );
  if (!outcome.ok) return data<ActionResult>({ form: "profile", result: outcome.result }, { status: outcome.status });
  return redirectWithToast(back, { message: "programme.manage.saved" });
}

export default function OwnSpeakerProfile() {
  const { speaker, defaults, photoUrl, zone, availability } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const locale = useLocale();
  const profileResult = actionData?.form === "profile" ? actionData.result : undefined;
  const availabilityResult = actionData?.form === "availability" ? actionData.result : undefined;
  const availabilityError = (availabilityResult?.error?.availability as string[] | undefined)?.[0];
  const materialError = actionData?.form === "material" ? (actionData.result.error?.file as string[] | undefined)?.[0] : undefined;
  const [form, fields] = useForm({
    id: "profile",
    lastResult: profileResult,
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ownProfileSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const focus = firstErrorField(profileResult);
  return (
    <div className="max-w-2xl">
      <p>
        <Link to="/speaker" className="text-blue-900 underline">
          ← {t("programme.portal.title")}
        </Link>
      </p>
      <h1 className="mb-4 mt-2 text-3xl font-bold">
        {t("programme.portal.profileFor", { conference: pick(locale, speaker.conference.title, speaker.conference.titleZh) })}
      </h1>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <SpeakerProfileFields
          fields={fields}
          focus={focus}
          photoError={(profileResult?.error?.photo as string[] | undefined)?.[0]}
          photoUrl={photoUrl}
        />
        <SubmitButton>{t("programme.speakers.save")}</SubmitButton>
      </Form>
      <section aria-labelledby="availability-title" className="mt-10">
        <h2 id="availability-title" className="mb-2 text-xl font-semibold">
          {t("programme.availability.title")}
        </h2>
        <Form method="post">
          <input type="hidden" name="intent" value="availability" />
          <label htmlFor="availability" className="block font-medium text-stone-800">
            {t("programme.availability.label")}
          </label>
          <p id="availability-hint" className="text-sm text-stone-600">
            {t("programme.availability.hint", { zone: zone.name, offset: zone.offset })}
          </p>
          <textarea
            id="availability"
            name="availability"
            rows={4}
            defaultValue={(availabilityResult?.initialValue?.availability as string | undefined) ?? availability}
            aria-invalid={availabilityError ? true : undefined}
            aria-describedby={availabilityError ? "availability-hint availability-error" : "availability-hint"}
            autoFocus={!!availabilityError}
            className="mb-3 mt-1 block w-full rounded-md border border-stone-400 px-2 py-1 font-mono"
          />
          {availabilityError ? (
            <p id="availability-error" className="mb-3 text-sm text-red-700">
              {t(availabilityError as MessageKey)}
            </p>
          ) : null}
          <SubmitButton variant="secondary">{t("programme.availability.save")}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="materials-title" className="mt-10">
        <h2 id="materials-title" className="mb-2 text-xl font-semibold">
          {t("programme.portal.materials")}
        </h2>
        {speaker.materials.length === 0 ? <p>{t("programme.portal.noMaterials")}</p> : null}
        <ul className="mb-4 list-disc pl-5">
          {speaker.materials.map((m) => (
            <li key={m.id}>
              <a href={`/speaker/materials/${m.id}`} className="text-blue-900 underline">
                {m.fileName}
              </a>
            </li>
          ))}
        </ul>
        <Form method="post" encType="multipart/form-data">
          <input type="hidden" name="intent" value="material" />
          <label htmlFor="material-file" className="block font-medium text-stone-800">
            {t("programme.portal.upload")}
          </label>
          <p id="material-hint" className="text-sm text-stone-600">
            {t("programme.portal.fileType")}
          </p>
          <input
            id="material-file"
            type="file"
            name="file"
            required
            accept=".pdf,.pptx,image/png,image/jpeg"
            aria-invalid={materialError ? true : undefined}
            aria-describedby={materialError ? "material-hint material-error" : "material-hint"}
            autoFocus={!!materialError}
            className="mb-3 mt-1 block"
          />
          {materialError ? (
            <p id="material-error" className="mb-3 text-sm text-red-700">
              {t(materialError as MessageKey)}
            </p>
          ) : null}
          <SubmitButton variant="secondary">{t("programme.portal.uploadButton")}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
