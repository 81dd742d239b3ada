import type { FieldMetadata } from "@conform-to/react";
import { useT, type MessageKey } from "~/i18n";
import { Field, TextareaField } from "./forms";

type Text = FieldMetadata<string | undefined>;

/**
 * The profile fields shared by the organizers' speaker form and the speaker's
 * own portal, with the photo upload (checked by its first bytes on the server).
 */
export function SpeakerProfileFields({
  fields,
  focus,
  photoError,
  photoUrl,
}: {
  fields: { nameLatin: Text; nameNative: Text; position: Text; organization: Text; bio: Text; bioZh: Text };
  focus?: string;
  photoError?: string;
  photoUrl?: string | null;
}) {
  const t = useT();
  return (
    <>
      <Field meta={fields.nameLatin} label={t("programme.speakerForm.nameLatin")} autoFocus={focus === "nameLatin"} />
      <Field meta={fields.nameNative} label={t("programme.speakerForm.nameNative")} optional autoFocus={focus === "nameNative"} />
      <Field meta={fields.position} label={t("programme.speakerForm.position")} optional autoFocus={focus === "position"} />
      <Field meta={fields.organization} label={t("programme.speakerForm.organization")} optional autoFocus={focus === "organization"} />
      <TextareaField meta={fields.bio} label={t("programme.speakerForm.bio")} optional autoFocus={focus === "bio"} />
      <TextareaField meta={fields.bioZh} label={t("programme.speakerForm.bioZh")} optional autoFocus={focus === "bioZh"} />
      <div className="mb-4">
        {photoUrl ? <img src={photoUrl} alt="" width={96} height={96} className="mb-2 h-24 w-24 rounded object-cover" /> : null}
        <label htmlFor="speaker-photo" className="block font-medium text-stone-800">
          {t("programme.speakerForm.photo")} <span className="ml-1 text-sm font-normal text-stone-500">({t("common.optional")})</span>
        </label>
        <p id="speaker-photo-hint" className="text-sm text-stone-600">
          {t("programme.speakerForm.photoHint")}
        </p>
        <input
          id="speaker-photo"
          type="file"
          name="photo"
          accept="image/png,image/jpeg,image/webp"
          aria-invalid={photoError ? true : undefined}
          aria-describedby={photoError ? "speaker-photo-hint speaker-photo-error" : "speaker-photo-hint"}
          autoFocus={focus === "photo"}
          className="mt-1 block"
        />
        {photoError ? (
          <p id="speaker-photo-error" className="mt-1 text-sm text-red-700">
            {t(photoError as MessageKey)}
          </p>
        ) : null}
      </div>
    </>
  );
}
