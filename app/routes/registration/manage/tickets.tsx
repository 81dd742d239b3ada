import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, SubmitButton, TextareaField } from "~/components/forms";
import { ManageNav } from "~/components/registration";
import { createTicketType } from "~/domain/registration/create-ticket-type.server";
import { saveQuota } from "~/domain/registration/save-quota.server";
import { saveRegistrationSettings } from "~/domain/registration/save-registration-settings.server";
import { ticketAdmin } from "~/domain/registration/ticket-admin.server";
import { formatMoney } from "~/domain/registration/money";
import { quotaSchema, settingsSchema, ticketTypeSchema } from "~/domain/registration/schemas";
import { toLocalInput } from "~/utils/zoned-time";
import { pick, useLocale, useT } from "~/i18n";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { zoneOffset } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";
import { BackToConference } from "~/components/back-to-conference";
import { TicketTypeFields, useTicketTypeForm } from "~/components/ticket-type-form";

export const meta: MetaFunction = () => [{ title: "Tickets and quotas · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await orRespond(() => ticketAdmin({ actor: user, slug: params.slug ?? "" }));
  return {
    ...page,
    cancelUntilLocal: page.settings.cancelUntil ? toLocalInput(page.settings.cancelUntil, page.conference.timeZone) : "",
    offset: zoneOffset(page.conference.timeZone),
  };
}

type Reply = { intent: string; result: SubmissionResult<string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  const self = `/conferences/${slug}/manage/tickets`;
  const schema = intent === "quota" ? quotaSchema : intent === "settings" ? settingsSchema : ticketTypeSchema;
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data<Reply>({ intent, result: submission.reply() }, { status: 400 });
  const outcome = await runForm(request, submission, async () => {
    const v = submission.value;
    if (v.intent === "quota") await saveQuota({ actor: user, slug, input: v });
    else if (v.intent === "settings") await saveRegistrationSettings({ actor: user, slug, input: v });
    else await createTicketType({ actor: user, slug, input: v });
  });
  if (!outcome.ok) return data<Reply>({ intent, result: outcome.result }, { status: outcome.status });
  return redirectWithToast(self, { message: "reg.tickets.manage.saved" });
}

/** The action's reply belongs to the form whose intent it names. */
function useReplyFor() {
  const reply = useActionData<typeof action>() as Reply | undefined;
  return (intent: string) => (reply?.intent === intent ? reply.result : undefined);
}

const formOptions = { shouldValidate: "onBlur", shouldRevalidate: "onInput" } as const;

export default function ManageTickets() {
  const { conference, tickets, quotas, settings, cancelUntilLocal, offset } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const zoneLabel = t("common.timeZoneLabel", { zone: conference.timeZone, offset });
  const replyFor = useReplyFor();
  const [ticketForm, tf] = useTicketTypeForm({
    id: "form-ticket",
    lastResult: replyFor("ticket"),
    defaultValue: { eligibility: "ANYONE", price: "0", perPersonLimit: "1" },
  });
  const [quotaForm, qf] = useForm({
    id: "form-quota",
    lastResult: replyFor("quota"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: quotaSchema }),
    ...formOptions,
  });
  const [settingsForm, sf] = useForm({
    id: "form-settings",
    lastResult: replyFor("settings"),
    defaultValue: {
      cardHoldMinutes: String(settings.cardHoldMinutes),
      bankHoldDays: String(settings.bankHoldDays),
      offerHours: String(settings.offerHours),
      cancelUntil: cancelUntilLocal,
      bankInstructions: settings.bankInstructions,
      bankInstructionsZh: settings.bankInstructionsZh ?? "",
      sellerName: settings.sellerName ?? "",
      sellerAddress: settings.sellerAddress ?? "",
      sellerTaxId: settings.sellerTaxId ?? "",
      taxRate: settings.taxRateBasisPoints ? String((settings.taxRateBasisPoints ?? 0) / 100) : "",
      taxExemptReason: settings.taxExemptReason ?? "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: settingsSchema }),
    ...formOptions,
  });
  return (
    <>
      <BackToConference conference={conference} />
      <h1 className="mb-2 mt-2 text-3xl font-bold">{t("reg.tickets.manage.title")}</h1>
      <ManageNav slug={conference.slug} />

      <section className="mb-8">
        <h2 className="text-xl font-semibold">{t("reg.manage.quotas")}</h2>
        <ul className="mb-3">
          {quotas.map((q) => (
            <li key={q.id} className="mt-2 flex flex-wrap items-end gap-2">
              <span className="font-medium">{q.name}</span>
              <span>{t("reg.manage.quotaUsage", { used: q.used, capacity: q.capacity })}</span>
              <Form method="post" className="flex items-end gap-2">
                <input type="hidden" name="intent" value="quota" />
                <input type="hidden" name="quotaId" value={q.id} />
                <input type="hidden" name="name" value={q.name} />
                <label className="text-sm">
                  <span className="sr-only">{t("reg.tickets.manage.capacity")}</span>
                  <input
                    type="number"
                    name="capacity"
                    min={q.used}
                    defaultValue={q.capacity}
                    className="w-28 rounded-md border border-stone-400 px-2 py-1"
                  />
                </label>
                <SubmitButton variant="secondary">{t("reg.tickets.manage.setCapacity")}</SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" {...getFormProps(quotaForm)} className="max-w-md rounded-md border border-stone-300 bg-white p-4">
          <h3 className="mb-2 font-semibold">{t("reg.tickets.manage.newQuota")}</h3>
          <FormErrors errors={quotaForm.errors} id={quotaForm.errorId} />
          <input type="hidden" name="intent" value="quota" />
          <Field meta={qf.name} label={t("reg.tickets.manage.quotaName")} />
          <Field meta={qf.capacity as never} type="number" label={t("reg.tickets.manage.capacity")} />
          <SubmitButton>{t("reg.tickets.manage.save")}</SubmitButton>
        </Form>
      </section>

      <section className="mb-8">
        <h2 className="text-xl font-semibold">{t("reg.tickets.title")}</h2>
        <ul className="mb-3 list-disc pl-6">
          {tickets.map((tk) => (
            <li key={tk.id}>
              {pick(locale, tk.nameEn, tk.nameZh)} —{" "}
              {tk.priceCents === 0 ? t("reg.tickets.free") : formatMoney(tk.priceCents, tk.currency, locale)} ·{" "}
              {quotas
                .filter((q) => tk.quotas.some((x) => x.quotaId === q.id))
                .map((q) => q.name)
                .join(", ")}
              {tk.hidden ? ` · ${t("reg.tickets.manage.hiddenMark")}` : ""} ·{" "}
              <Link to={`/conferences/${conference.slug}/manage/tickets/${tk.id}`} className="text-blue-900 underline">
                {t("reg.tickets.manage.edit")}
                <span className="sr-only"> {pick(locale, tk.nameEn, tk.nameZh)}</span>
              </Link>
            </li>
          ))}
        </ul>
        <Form method="post" {...getFormProps(ticketForm)} className="max-w-xl rounded-md border border-stone-300 bg-white p-4">
          <h3 className="mb-2 font-semibold">{t("reg.tickets.manage.newTicket")}</h3>
          <FormErrors errors={ticketForm.errors} id={ticketForm.errorId} />
          <TicketTypeFields fields={tf} currency={conference.currency} zoneLabel={zoneLabel} quotas={quotas} />
          <SubmitButton>{t("reg.tickets.manage.save")}</SubmitButton>
        </Form>
      </section>

      <section>
        <h2 className="text-xl font-semibold">{t("reg.tickets.manage.settings")}</h2>
        <Form method="post" {...getFormProps(settingsForm)} className="max-w-xl rounded-md border border-stone-300 bg-white p-4">
          <FormErrors errors={settingsForm.errors} id={settingsForm.errorId} />
          <input type="hidden" name="intent" value="settings" />
          <Field meta={sf.cardHoldMinutes as never} type="number" label={t("reg.tickets.manage.cardHold")} />
          <Field meta={sf.bankHoldDays as never} type="number" label={t("reg.tickets.manage.bankHold")} />
          <Field meta={sf.offerHours as never} type="number" label={t("reg.tickets.manage.offerHours")} />
          <Field meta={sf.cancelUntil} type="datetime-local" label={t("reg.tickets.manage.cancelUntil")} optional hint={zoneLabel} />
          <TextareaField meta={sf.bankInstructions} label={t("reg.tickets.manage.bankInstructions")} optional rows={3} />
          <TextareaField meta={sf.bankInstructionsZh} label={t("reg.tickets.manage.bankInstructionsZh")} optional rows={3} />
          <fieldset className="mb-4 rounded-md border border-stone-300 p-4">
            <legend className="px-1 font-semibold">{t("reg.tickets.manage.invoices")}</legend>
            <p className="mb-3 text-sm">{t("reg.tickets.manage.invoicesHint")}</p>
            <Field meta={sf.sellerName} label={t("reg.tickets.manage.sellerName")} optional autoComplete="organization" />
            <TextareaField meta={sf.sellerAddress} label={t("reg.tickets.manage.sellerAddress")} optional rows={3} />
            <Field meta={sf.sellerTaxId} label={t("reg.tickets.manage.sellerTaxId")} optional />
            <Field meta={sf.taxRate} label={t("reg.tickets.manage.taxRate")} optional hint={t("reg.tickets.manage.taxRateHint")} />
            <Field
              meta={sf.taxExemptReason}
              label={t("reg.tickets.manage.taxExemptReason")}
              optional
              hint={t("reg.tickets.manage.taxExemptHint")}
            />
          </fieldset>
          <SubmitButton>{t("reg.tickets.manage.save")}</SubmitButton>
        </Form>
      </section>
    </>
  );
}
