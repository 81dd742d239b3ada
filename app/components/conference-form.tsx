import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { conferenceSchema, type ConferenceInput } from "~/domain/conferences/schema";
import { useT } from "~/i18n";
import type { Option } from "~/utils/countries";
import { Field, FormErrors, SelectField, SubmitButton, TextareaField, firstErrorField } from "./forms";

export type ConferenceDefaults = {
  title: string;
  titleZh: string | null;
  edition: number | null;
  startDate: string;
  endDate: string;
  venue: string;
  city: string;
  country: string;
  timeZone: string;
  description: string;
  descriptionZh: string | null;
  defaultLocale: string;
  currency: string;
};

/** Option lists built on the server (see countryOptions) so server and browser render the same. */
export type ConferenceFormOptions = { countries: Option[]; timeZones: string[]; currencies: Option[] };

/** The form's fields as the inputs hold them (dates as YYYY-MM-DD). */
type ConferenceFields = Omit<ConferenceInput, "startDate" | "endDate"> & { startDate: string; endDate: string };

/** The conference form, shared by "new conference" and "edit conference". */
export function ConferenceForm({
  lastResult,
  options,
  defaults,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  options: ConferenceFormOptions;
  defaults?: Partial<ConferenceDefaults>;
  submitLabel: string;
}) {
  const t = useT();
  const [form, fields] = useForm<ConferenceFields>({
    id: "conference",
    lastResult,
    defaultValue: {
      ...defaults,
      titleZh: defaults?.titleZh ?? "",
      edition: defaults?.edition != null ? String(defaults.edition) : "",
      descriptionZh: defaults?.descriptionZh ?? "",
    },
    // The browser checks the same schema; its Date output is only used for validation.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: conferenceSchema }) as never,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const focus = firstErrorField(lastResult);
  return (
    <Form method="post" {...getFormProps(form)} className="max-w-2xl">
      <input type="hidden" name="intent" value="save" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field meta={fields.title} label={t("conf.field.title")} autoFocus={focus === "title"} />
      <Field meta={fields.titleZh} label={t("conf.field.titleZh")} optional autoFocus={focus === "titleZh"} />
      <Field
        meta={fields.edition}
        type="number"
        label={t("conf.field.edition")}
        hint={t("conf.field.edition.hint")}
        optional
        autoFocus={focus === "edition"}
      />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field meta={fields.startDate} type="date" label={t("conf.field.startDate")} autoFocus={focus === "startDate"} />
        <Field meta={fields.endDate} type="date" label={t("conf.field.endDate")} autoFocus={focus === "endDate"} />
      </div>
      <Field meta={fields.venue} label={t("conf.field.venue")} autoFocus={focus === "venue"} />
      <Field meta={fields.city} label={t("conf.field.city")} autoFocus={focus === "city"} />
      <SelectField
        meta={fields.country}
        label={t("conf.field.country")}
        options={options.countries}
        placeholder={t("org.field.country.choose")}
        autoFocus={focus === "country"}
      />
      <SelectField
        meta={fields.timeZone}
        label={t("conf.field.timeZone")}
        hint={t("conf.field.timeZone.hint")}
        options={options.timeZones.map((z) => ({ value: z, label: z }))}
        placeholder={t("conf.field.timeZone.choose")}
        autoFocus={focus === "timeZone"}
      />
      <TextareaField meta={fields.description} label={t("conf.field.description")} optional autoFocus={focus === "description"} />
      <TextareaField meta={fields.descriptionZh} label={t("conf.field.descriptionZh")} optional autoFocus={focus === "descriptionZh"} />
      <SelectField
        meta={fields.defaultLocale}
        label={t("conf.field.defaultLocale")}
        hint={t("conf.field.defaultLocale.hint")}
        options={[
          { value: "en", label: t("locale.en") },
          { value: "zh", label: t("locale.zh") },
        ]}
        autoFocus={focus === "defaultLocale"}
      />
      <SelectField
        meta={fields.currency}
        label={t("conf.field.currency")}
        options={options.currencies}
        placeholder={t("conf.field.currency.choose")}
        autoFocus={focus === "currency"}
      />
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  );
}
