import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT, type MessageKey } from "~/i18n";

/** Translates a zod message when it is one of our i18n keys. */
function useErrorText() {
  const t = useT();
  return (message: string) => (/^[a-z]+(\.[a-zA-Z]+)+$/.test(message) ? t(message as MessageKey) : message);
}

export function Errors({ id, errors }: { id: string; errors?: string[] }) {
  const text = useErrorText();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 text-sm text-red-700" role="list">
      {errors.map((e) => (
        <li key={e}>{text(e)}</li>
      ))}
    </ul>
  );
}

function Label({
  htmlFor,
  children,
  optional,
  hint,
  hintId,
}: {
  htmlFor: string;
  children: ReactNode;
  optional?: boolean;
  hint?: string;
  hintId: string;
}) {
  const t = useT();
  return (
    <>
      <label htmlFor={htmlFor} className="block font-medium text-stone-800">
        {children}
        {optional ? <span className="ml-1 text-sm font-normal text-stone-500">({t("common.optional")})</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
    </>
  );
}

const inputClass =
  "mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-stone-900 aria-[invalid=true]:border-red-700";

type Common = {
  label: string;
  optional?: boolean;
  hint?: string;
  /** Server-rendered focus on the first invalid field (works without JavaScript). */
  autoFocus?: boolean;
};

export function Field({
  meta,
  type = "text",
  autoComplete,
  ...rest
}: Common & {
  meta: FieldMetadata<string | undefined | number | null>;
  type?: "text" | "email" | "password" | "url" | "date" | "number" | "search" | "tel" | "datetime-local";
  autoComplete?: string;
}) {
  const hintId = `${meta.id}-hint`;
  const props = getInputProps(meta as FieldMetadata<string>, { type, ariaDescribedBy: rest.hint ? hintId : undefined });
  return (
    <div className="mb-4">
      <Label htmlFor={meta.id} optional={rest.optional} hint={rest.hint} hintId={hintId}>
        {rest.label}
      </Label>
      <input {...props} key={props.key} autoComplete={autoComplete} autoFocus={rest.autoFocus && !!meta.errors} className={inputClass} />
      <Errors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function TextareaField({ meta, rows = 5, ...rest }: Common & { meta: FieldMetadata<string | undefined | null>; rows?: number }) {
  const hintId = `${meta.id}-hint`;
  const props = getTextareaProps(meta as FieldMetadata<string>, { ariaDescribedBy: rest.hint ? hintId : undefined });
  return (
    <div className="mb-4">
      <Label htmlFor={meta.id} optional={rest.optional} hint={rest.hint} hintId={hintId}>
        {rest.label}
      </Label>
      <textarea {...props} key={props.key} rows={rows} autoFocus={rest.autoFocus && !!meta.errors} className={inputClass} />
      <Errors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  meta,
  options,
  placeholder,
  ...rest
}: Common & { meta: FieldMetadata<string | undefined | null>; options: { value: string; label: string }[]; placeholder?: string }) {
  const hintId = `${meta.id}-hint`;
  const props = getSelectProps(meta as FieldMetadata<string>, { ariaDescribedBy: rest.hint ? hintId : undefined });
  return (
    <div className="mb-4">
      <Label htmlFor={meta.id} optional={rest.optional} hint={rest.hint} hintId={hintId}>
        {rest.label}
      </Label>
      <select {...props} key={props.key} autoFocus={rest.autoFocus && !!meta.errors} className={inputClass}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Errors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** A group of checkboxes for an array field (e.g. roles). */
export function CheckboxGroup({
  meta,
  legend,
  options,
}: {
  meta: FieldMetadata<string[] | undefined>;
  legend: string;
  options: { value: string; label: string }[];
}) {
  const initial = meta.initialValue;
  const selected = new Set(Array.isArray(initial) ? initial : initial ? [initial] : []);
  return (
    <fieldset className="mb-4" aria-describedby={meta.errors ? meta.errorId : undefined}>
      <legend className="font-medium text-stone-800">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="mr-4 inline-flex items-center gap-2">
          <input type="checkbox" name={meta.name} value={o.value} defaultChecked={selected.has(o.value)} className="h-4 w-4" />
          {o.label}
        </label>
      ))}
      <Errors id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

/** One on/off setting with its explanation underneath, read by the screen reader with the box. */
export function CheckboxField({ meta, label, hint }: { meta: FieldMetadata<boolean | undefined>; label: string; hint: string }) {
  const hintId = `${meta.id}-hint`;
  return (
    <>
      <label className="mb-1 flex items-center gap-2">
        <input type="checkbox" name={meta.name} defaultChecked={meta.initialValue === "on"} aria-describedby={hintId} className="h-4 w-4" />
        {label}
      </label>
      <p id={hintId} className="mb-4 text-sm text-stone-600">
        {hint}
      </p>
    </>
  );
}

/** Errors that belong to the whole form (e.g. "wrong email or password"). */
export function FormErrors({ errors, id }: { errors?: string[]; id: string }) {
  const text = useErrorText();
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-red-800">
      {errors.map((e) => (
        <p key={e}>{text(e)}</p>
      ))}
    </div>
  );
}

export function SubmitButton({
  children,
  name,
  value,
  variant = "primary",
}: {
  children: ReactNode;
  name?: string;
  value?: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const styles = {
    primary: "bg-blue-900 text-white hover:bg-blue-800",
    secondary: "bg-white text-blue-900 border border-blue-900 hover:bg-blue-50",
    danger: "bg-red-800 text-white hover:bg-red-700",
  }[variant];
  return (
    <button type="submit" name={name} value={value} aria-disabled={busy} className={`rounded-md px-4 py-2 font-medium ${styles}`}>
      {children}
    </button>
  );
}

/** Name of the first field with an error in a Conform result, for server-side autofocus. */
export function firstErrorField(result: { error?: Record<string, unknown> | null } | undefined | null) {
  const entries = Object.entries(result?.error ?? {}).filter(([k, v]) => k !== "" && Array.isArray(v) && v.length);
  return entries[0]?.[0];
}
