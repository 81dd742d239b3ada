import type { FieldMetadata } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { pick, useLocale, useT, type MessageKey } from "~/i18n";
import { answerField, type QuestionDef } from "~/domain/registration/form-schema";
import { CheckboxGroup, Field, SelectField } from "./forms";

/** UI pieces of the registration pages (routes stay thin). */
function useErrorText() {
  const t = useT();
  return (m: string) => (/^[a-z]+(\.[a-zA-Z]+)+$/.test(m) ? t(m as MessageKey) : m);
}

/** A radio group that works without JavaScript; errors are announced through aria-describedby. */
export function RadioGroup({
  meta,
  legend,
  options,
  autoFocus,
}: {
  meta: FieldMetadata<string | undefined>;
  legend: string;
  options: { value: string; label: string; hint?: string; disabled?: boolean }[];
  autoFocus?: boolean;
}) {
  const text = useErrorText();
  const initial = typeof meta.initialValue === "string" ? meta.initialValue : undefined;
  return (
    <fieldset className="mb-4" aria-describedby={meta.errors ? meta.errorId : undefined} aria-invalid={meta.errors ? true : undefined}>
      <legend className="font-medium text-stone-800">{legend}</legend>
      {options.map((o, i) => (
        <label key={o.value} className="mt-1 flex items-start gap-2">
          <input
            type="radio"
            name={meta.name}
            value={o.value}
            defaultChecked={initial === o.value || (options.length === 1 && !o.disabled)}
            disabled={o.disabled}
            autoFocus={autoFocus && !!meta.errors && i === 0}
            className="mt-1 h-4 w-4"
          />
          <span>
            {o.label}
            {o.hint ? <span className="block text-sm text-stone-600">{o.hint}</span> : null}
          </span>
        </label>
      ))}
      {meta.errors?.length ? (
        <ul id={meta.errorId} className="mt-1 text-sm text-red-700">
          {meta.errors.map((e) => (
            <li key={e}>{text(e)}</li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

/** One organizer-defined question, rendered by kind. */
export function QuestionField({
  q,
  fields,
  countries,
  autoFocus,
}: {
  q: QuestionDef;
  fields: Record<string, FieldMetadata<unknown>>;
  countries: { value: string; label: string }[];
  autoFocus: boolean;
}) {
  const locale = useLocale();
  const t = useT();
  const meta = fields[answerField(q.id)];
  const label = pick(locale, q.labelEn, q.labelZh);
  const choices = q.options.map((value, i) => ({ value, label: locale === "zh" && q.optionsZh[i] ? q.optionsZh[i] : value }));
  switch (q.kind) {
    case "TEXT":
      return <Field meta={meta as FieldMetadata<string>} label={label} optional={!q.required} autoFocus={autoFocus} />;
    case "CHOICE":
      return (
        <SelectField
          meta={meta as FieldMetadata<string>}
          label={label}
          optional={!q.required}
          options={choices}
          placeholder={t("reg.form.choose")}
          autoFocus={autoFocus}
        />
      );
    case "MULTI_CHOICE":
      return <CheckboxGroup meta={meta as FieldMetadata<string[]>} legend={label} options={choices} />;
    case "YES_NO":
      return (
        <RadioGroup
          meta={meta as FieldMetadata<string>}
          legend={label}
          options={[
            { value: "yes", label: t("common.yes") },
            { value: "no", label: t("common.no") },
          ]}
          autoFocus={autoFocus}
        />
      );
    case "COUNTRY":
      return (
        <SelectField
          meta={meta as FieldMetadata<string>}
          label={label}
          optional={!q.required}
          options={countries}
          placeholder={t("reg.form.choose")}
          autoFocus={autoFocus}
        />
      );
  }
}

/** Navigation between the organizer pages of registration. */
export function ManageNav({ slug }: { slug: string }) {
  const t = useT();
  const links: [string, MessageKey][] = [
    [`/conferences/${slug}/manage/registrations`, "reg.manage.nav.registrations"],
    [`/conferences/${slug}/manage/registrations/email`, "reg.manage.nav.email"],
    [`/conferences/${slug}/manage/tickets`, "reg.manage.nav.tickets"],
    [`/conferences/${slug}/manage/tickets/questions`, "reg.manage.nav.questions"],
    [`/conferences/${slug}/manage/tickets/vouchers`, "reg.manage.nav.vouchers"],
    [`/conferences/${slug}/manage/visa`, "reg.manage.nav.visa"],
    [`/conferences/${slug}/checkin`, "reg.manage.nav.checkin"],
  ];
  return (
    <nav aria-label={t("reg.manage.title")} className="mb-4 flex flex-wrap gap-4">
      {links.map(([to, key]) => (
        <Link key={to} to={to} className="text-blue-900 underline">
          {t(key)}
        </Link>
      ))}
    </nav>
  );
}

export function StatusBadge({ status }: { status: "RESERVED" | "CONFIRMED" | "EXPIRED" | "CANCELLED" }) {
  const t = useT();
  const color = {
    RESERVED: "bg-amber-100 text-amber-900",
    CONFIRMED: "bg-green-100 text-green-900",
    EXPIRED: "bg-stone-200 text-stone-800",
    CANCELLED: "bg-red-100 text-red-900",
  }[status];
  return <span className={`whitespace-nowrap rounded px-2 py-0.5 text-sm font-medium ${color}`}>{t(`reg.status.${status}`)}</span>;
}

/** The facts of one registration, as the attendee and the organizer see them: a two-column <dl>. */
export function Facts({ children, className = "max-w-2xl" }: { children: React.ReactNode; className?: string }) {
  return (
    <dl className={`grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-md border border-stone-300 bg-white p-4 ${className}`}>{children}</dl>
  );
}

/** One term of <Facts> and its value. */
export function Fact({
  label,
  children,
  className,
  testId,
}: {
  label: React.ReactNode;
  children: React.ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <>
      <dt className="font-medium">{label}</dt>
      <dd className={className} data-testid={testId}>
        {children}
      </dd>
    </>
  );
}

/** Said on the tickets and register pages once the conference is over (decision 062). */
export function RegistrationClosedNotice() {
  const t = useT();
  return (
    <section role="status" data-testid="registration-closed" className="mb-4 max-w-2xl rounded-md border border-stone-400 bg-stone-100 p-4">
      <h2 className="text-lg font-semibold">{t("reg.closed.title")}</h2>
      <p className="mt-1">{t("reg.closed.text")}</p>
    </section>
  );
}
