// The voucher form shared by the create form (manage/tickets/vouchers) and the edit page
// (manage/tickets/vouchers/:id): route modules cannot import one another.
import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { CheckboxGroup, Field, SelectField } from "~/components/forms";
import { voucherSchema } from "~/domain/registration/schemas";
import { pick, useLocale, useT } from "~/i18n";

/** The form's values as strings, as the inputs hold them. */
export type VoucherFormValues = {
  code?: string;
  kind?: "PERCENT" | "FIXED";
  value?: string;
  usageLimit?: string;
  validUntil?: string;
  ticketTypeIds?: string[];
};

/** Conform form of a voucher, validated in the browser with the server's schema. */
export function useVoucherForm({
  id,
  lastResult,
  defaultValue,
}: {
  id: string;
  lastResult?: SubmissionResult<string[]>;
  defaultValue: VoucherFormValues;
}) {
  return useForm({
    id,
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: voucherSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
}

type Fields = ReturnType<typeof useVoucherForm>[1];

/** The inputs of a voucher (inside the caller's <Form>); "valid until" is the venue's wall clock, labelled with its zone. */
export function VoucherFields({
  fields,
  currency,
  timeZone,
  tickets,
}: {
  fields: Fields;
  currency: string;
  timeZone: string;
  tickets: { id: string; nameEn: string; nameZh: string | null }[];
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <input type="hidden" name="intent" value="voucher" />
      <Field meta={fields.code} label={t("reg.vouchers.code")} autoFocus={!!fields.code.errors} />
      <SelectField
        meta={fields.kind}
        label={t("reg.vouchers.kind")}
        options={(["PERCENT", "FIXED"] as const).map((k) => ({ value: k, label: t(`reg.vouchers.kind.${k}`) }))}
      />
      <Field meta={fields.value} label={t("reg.vouchers.value", { currency })} autoFocus={!!fields.value.errors} />
      <Field
        meta={fields.usageLimit as never}
        type="number"
        label={t("reg.vouchers.usageLimit")}
        optional
        autoFocus={!!fields.usageLimit.errors}
      />
      <Field meta={fields.validUntil} type="datetime-local" label={t("reg.vouchers.validUntil")} optional hint={timeZone} />
      <CheckboxGroup
        meta={fields.ticketTypeIds}
        legend={t("reg.vouchers.tickets")}
        options={tickets.map((tk) => ({ value: tk.id, label: pick(locale, tk.nameEn, tk.nameZh) }))}
      />
    </>
  );
}
