import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { createOrgSchema, editOrgSchema, ORG_KINDS } from "~/domain/organizations/schema";
import { useT } from "~/i18n";
import type { Option } from "~/utils/countries";
import { Field, FormErrors, SelectField, SubmitButton, firstErrorField } from "./forms";

type OrgDefaults = { nameEn: string; nameNative: string | null; kind: string; country: string; website: string | null };

/**
 * The organization form, shared by "new organization" and "edit organization";
 * the edit form adds the logo (sent as multipart so it works without JavaScript).
 */
export function OrgForm({
  mode,
  lastResult,
  countries,
  defaults,
  logoUrl,
}: {
  mode: "new" | "edit";
  lastResult: SubmissionResult<string[]> | undefined;
  countries: Option[];
  defaults?: OrgDefaults;
  logoUrl?: string | null;
}) {
  const t = useT();
  const schema = mode === "edit" ? editOrgSchema : createOrgSchema;
  // Typed with the edit schema (a superset) so one component renders both forms.
  const [form, fields] = useForm<z.output<typeof editOrgSchema>>({
    id: `org-${mode}`,
    lastResult,
    defaultValue: defaults
      ? { ...defaults, nameNative: defaults.nameNative ?? "", website: defaults.website ?? "" }
      : { kind: "UNIVERSITY" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const focus = firstErrorField(lastResult);
  return (
    <Form method="post" {...getFormProps(form)} encType={mode === "edit" ? "multipart/form-data" : undefined} className="max-w-xl">
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field meta={fields.nameEn} label={t("org.field.nameEn")} hint={t("org.field.nameEn.hint")} autoFocus={focus === "nameEn"} />
      <Field
        meta={fields.nameNative}
        label={t("org.field.nameNative")}
        hint={t("org.field.nameNative.hint")}
        optional
        autoFocus={focus === "nameNative"}
      />
      <SelectField
        meta={fields.kind}
        label={t("org.field.kind")}
        options={ORG_KINDS.map((k) => ({ value: k, label: t(`org.kind.${k}`) }))}
        autoFocus={focus === "kind"}
      />
      <SelectField
        meta={fields.country}
        label={t("org.field.country")}
        options={countries}
        placeholder={t("org.field.country.choose")}
        autoFocus={focus === "country"}
      />
      <Field meta={fields.website} type="url" label={t("org.field.website")} optional autoComplete="url" autoFocus={focus === "website"} />
      {mode === "edit" ? (
        <fieldset className="mb-4 rounded-md border border-stone-300 p-3">
          <legend className="px-1 font-medium text-stone-800">{t("org.field.logo")}</legend>
          {logoUrl ? (
            <img src={logoUrl} alt={t("org.logo.current")} className="mb-2 h-20 w-auto" />
          ) : (
            <p className="text-sm text-stone-600">{t("org.logo.none")}</p>
          )}
          <label htmlFor={fields.logo.id} className="block font-medium text-stone-800">
            {t("org.logo.upload")}
          </label>
          <p id={`${fields.logo.id}-hint`} className="text-sm text-stone-600">
            {t("org.logo.hint")}
          </p>
          <input
            {...getInputProps(fields.logo, { type: "file", ariaDescribedBy: `${fields.logo.id}-hint` })}
            accept="image/png,image/jpeg,image/webp"
            autoFocus={focus === "logo"}
            className="mt-1 block"
          />
          {fields.logo.errors?.length ? (
            <ul id={fields.logo.errorId} className="mt-1 text-sm text-red-700" role="list">
              {fields.logo.errors.map((e) => (
                <li key={e}>{t(e as never)}</li>
              ))}
            </ul>
          ) : null}
          {logoUrl ? (
            <label className="mt-2 inline-flex items-center gap-2">
              <input {...getInputProps(fields.removeLogo, { type: "checkbox" })} className="h-4 w-4" />
              {t("org.logo.remove")}
            </label>
          ) : null}
        </fieldset>
      ) : null}
      <SubmitButton>{mode === "edit" ? t("common.save") : t("org.new.submit")}</SubmitButton>
    </Form>
  );
}
