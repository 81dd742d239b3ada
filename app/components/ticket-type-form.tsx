// The ticket type form shared by the create form (manage/tickets) and the edit
// page (manage/tickets/:id). This folder has no route.tsx or index.tsx, so the
// flat-routes convention does not make it a route; it lives beside the routes
// that use it because route modules cannot import one another (their
// server-only exports would end up in the browser bundle).
import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { CheckboxGroup, Field, SelectField, TextareaField } from "~/components/forms";
import { moneyInput } from "~/domain/registration/money";
import { ticketTypeSchema } from "~/domain/registration/schemas";
import { useT } from "~/i18n";

const ELIGIBILITY = ["ANYONE", "STUDENT", "MEMBER_INSTITUTION"] as const;

/** The form's values as strings, as the inputs hold them. */
export type TicketTypeFormValues = {
  nameEn?: string;
  nameZh?: string;
  descriptionEn?: string;
  descriptionZh?: string;
  price?: string;
  salesStart?: string;
  salesEnd?: string;
  eligibility?: (typeof ELIGIBILITY)[number];
  perPersonLimit?: string;
  hidden?: "on";
  quotaIds?: string[];
};

/** Conform form of a ticket type, validated in the browser with the server's schema. */
export function useTicketTypeForm({
  id,
  lastResult,
  defaultValue,
}: {
  id: string;
  lastResult?: SubmissionResult<string[]>;
  defaultValue: TicketTypeFormValues;
}) {
  return useForm({
    id,
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ticketTypeSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
}

type Fields = ReturnType<typeof useTicketTypeForm>[1];

/**
 * The inputs of a ticket type (inside the caller's <Form>). Prices are typed in
 * the conference's currency; sales times are in the venue's time zone,
 * labelled as such. `quotasLocked` (places held with the ticket) explains why
 * its quotas cannot change.
 */
export function TicketTypeFields({
  fields,
  currency,
  zoneLabel,
  quotas,
  quotasLocked = 0,
  priceHint,
  focus,
}: {
  fields: Fields;
  currency: string;
  zoneLabel: string;
  quotas: { id: string; name: string; used: number; capacity: number }[];
  quotasLocked?: number;
  priceHint?: string;
  focus?: string;
}) {
  const t = useT();
  return (
    <>
      <input type="hidden" name="intent" value="ticket" />
      <Field meta={fields.nameEn} label={t("reg.tickets.manage.nameEn")} autoFocus={focus === "nameEn"} />
      <Field meta={fields.nameZh} label={t("reg.tickets.manage.nameZh")} optional autoFocus={focus === "nameZh"} />
      <TextareaField
        meta={fields.descriptionEn}
        label={t("reg.tickets.manage.description")}
        optional
        rows={2}
        autoFocus={focus === "descriptionEn"}
      />
      <TextareaField
        meta={fields.descriptionZh}
        label={t("reg.tickets.manage.descriptionZh")}
        optional
        rows={2}
        autoFocus={focus === "descriptionZh"}
      />
      <Field
        meta={fields.price}
        label={t("reg.tickets.manage.price", { currency })}
        hint={[priceHint, t("reg.tickets.manage.priceHint"), moneyInput(0, currency)].filter(Boolean).join(" ")}
        autoFocus={focus === "price"}
      />
      <Field
        meta={fields.salesStart}
        type="datetime-local"
        label={t("reg.tickets.manage.salesStart")}
        optional
        hint={zoneLabel}
        autoFocus={focus === "salesStart"}
      />
      <Field
        meta={fields.salesEnd}
        type="datetime-local"
        label={t("reg.tickets.manage.salesEnd")}
        optional
        hint={zoneLabel}
        autoFocus={focus === "salesEnd"}
      />
      <SelectField
        meta={fields.eligibility}
        label={t("reg.tickets.manage.eligibility")}
        options={ELIGIBILITY.map((e) => ({ value: e, label: t(`reg.tickets.eligibility.${e}`) }))}
        autoFocus={focus === "eligibility"}
      />
      {/* No "tickets per person" field: each person registers once per conference (decision 071). */}
      <div className="mb-4">
        <label className="inline-flex items-center gap-2">
          <input type="checkbox" name={fields.hidden.name} defaultChecked={fields.hidden.initialValue === "on"} className="h-4 w-4" />
          {t("reg.tickets.manage.hidden")}
        </label>
      </div>
      {quotasLocked > 0 ? (
        <p className="mb-1 text-sm text-stone-700">{t("reg.tickets.manage.quotasLocked", { count: quotasLocked })}</p>
      ) : null}
      <CheckboxGroup
        meta={fields.quotaIds}
        legend={t("reg.tickets.manage.quotas")}
        options={quotas.map((q) => ({
          value: q.id,
          label: `${q.name} (${t("reg.manage.quotaUsage", { used: q.used, capacity: q.capacity })})`,
        }))}
      />
    </>
  );
}
