import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CheckboxGroup, Field, FormErrors, SelectField, SubmitButton, firstErrorField } from "~/components/forms";
import { getNewAccordOptions } from "~/domain/accords/get-new-accord-options.server";
import { createAccord } from "~/domain/accords/create-accord.server";
import { ACCORD_KINDS, ACCORD_LANGUAGES, createAccordSchema } from "~/domain/accords/schema";
import { pick, useLocale, useT } from "~/i18n";
import { runForm } from "~/utils/form-action.server";
import { requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Start an accord · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getNewAccordOptions({ actor: user });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: createAccordSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const outcome = await runForm(request, submission, () =>
    createAccord({
      actor: user,
      initiatorOrgId: v.initiatorOrgId,
      kind: v.kind,
      title: v.title,
      titleZh: v.titleZh,
      conferenceId: v.conferenceId,
      languages: v.languages,
      partyOrgIds: v.partyOrgIds,
      witnessOrgIds: v.witnessOrgIds,
      signingEndsOn: v.signingEndsOn,
    }),
  );
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirectWithToast(`/accords/${outcome.value.id}/draft`, { message: "accords.created" });
}

export default function NewAccord() {
  const { adminOf, orgs, conferences } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { languages: ["en", "zh"], kind: "JOINT_DECLARATION", initiatorOrgId: adminOf[0]?.id },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createAccordSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const focus = firstErrorField(lastResult);
  const orgOptions = orgs.map((o) => ({ value: o.id, label: `${pick(locale, o.nameEn, o.nameNative)} (${o.slug})` }));
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">{t("accords.new")}</h1>
      <Form method="post" {...getFormProps(form)} className="max-w-2xl">
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          meta={fields.initiatorOrgId}
          label={t("accords.field.initiator")}
          options={adminOf.map((o) => ({ value: o.id, label: pick(locale, o.nameEn, o.nameNative) }))}
          autoFocus={focus === "initiatorOrgId"}
        />
        <SelectField
          meta={fields.kind}
          label={t("accords.field.kind")}
          options={ACCORD_KINDS.map((k) => ({ value: k, label: t(`accords.kind.${k}`) }))}
        />
        <Field meta={fields.title} label={t("accords.field.title")} autoFocus={focus === "title"} />
        <Field meta={fields.titleZh} label={t("accords.field.titleZh")} optional autoFocus={focus === "titleZh"} />
        <CheckboxGroup
          meta={fields.languages}
          legend={t("accords.field.languages")}
          options={ACCORD_LANGUAGES.map((l) => ({ value: l, label: t(`accords.lang.${l}`) }))}
        />
        <SelectField
          meta={fields.conferenceId}
          label={t("accords.field.conference")}
          hint={t("accords.field.conferenceHint")}
          optional
          placeholder="—"
          options={conferences.map((c) => ({ value: c.id, label: pick(locale, c.title, c.titleZh) }))}
        />
        <CheckboxGroup meta={fields.partyOrgIds} legend={t("accords.field.parties")} options={orgOptions} />
        <CheckboxGroup meta={fields.witnessOrgIds} legend={t("accords.field.witnesses")} options={orgOptions} />
        <p className="mb-4 text-sm text-stone-700">{t("accords.field.signingOrderLater")}</p>
        <Field
          meta={fields.signingEndsOn}
          type="date"
          label={t("accords.field.signingEndsOn")}
          optional
          autoFocus={focus === "signingEndsOn"}
        />
        <SubmitButton>{t("accords.create.submit")}</SubmitButton>
      </Form>
    </>
  );
}
