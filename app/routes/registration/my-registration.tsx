import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ConfirmAsk } from "~/components/confirm";
import { Field, FormErrors, SelectField, SubmitButton, TextareaField, firstErrorField } from "~/components/forms";
import { InvoiceDocuments } from "~/components/invoice-documents";
import { Fact, Facts, StatusBadge } from "~/components/registration";
import { cancelRegistration } from "~/domain/registration/cancel-registration.server";
import { formatMoney } from "~/domain/registration/money";
import { myRegistration } from "~/domain/registration/my-registrations.server";
import { requestVisaLetter } from "~/domain/registration/request-visa-letter.server";
import { invoiceAddressSchema, visaRequestSchema } from "~/domain/registration/schemas";
import { updateInvoiceAddress } from "~/domain/registration/update-invoice-address.server";
import { startCardPayment } from "~/domain/registration/start-card-payment.server";
import { pick, useLocale, useT } from "~/i18n";
import { confirmFirst, splitAsk } from "~/utils/confirm";
import { countryOptions } from "~/utils/countries";
import { AppError } from "~/utils/errors";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { requireUser } from "~/utils/session.server";
import { formatDateTime } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "My registration · Concord" }];

/** Its own boundary, so an error still renders inside the frame with the root's and the area's data (signed in, translated). */
export { ErrorBoundary } from "~/root";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await orRespond(() => myRegistration({ actor: user, registrationId: params.id ?? "" }));
  return { ...page, countries: countryOptions(await resolveLocale(request, user)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const registrationId = params.id ?? "";
  const formData = await request.formData();
  const intent = formData.get("intent");
  const self = `/my/registrations/${registrationId}`;
  if (intent === "pay") {
    const { url } = await orRespond(() => startCardPayment({ actor: user, registrationId }));
    return redirect(url);
  }
  if (intent === "cancel") {
    try {
      const outcome = await confirmFirst(formData, (confirmed) => cancelRegistration({ actor: user, registrationId, confirmed }));
      if (!outcome.done) return outcome.ask;
      const { refundPending, bankRefundPending } = outcome.value;
      return redirectWithToast(self, {
        message: bankRefundPending ? "reg.my.cancelledBankRefund" : refundPending ? "reg.my.cancelledRefundPending" : "reg.my.cancelled",
      });
    } catch (error) {
      // Refused (the deadline passed, already cancelled): back to the page, which says why and whom to
      // ask, with the refusal as a translated message — never an error page (and works without JavaScript).
      if (error instanceof AppError && error.status === 409) return redirectWithToast(self, { kind: "error", message: error.userMessage });
      return orRespond(() => Promise.reject(error));
    }
  }
  if (intent === "invoice-address") {
    const address = parseWithZod(formData, { schema: invoiceAddressSchema });
    if (address.status !== "success") return data(address.reply(), { status: 400 });
    const outcome = await runForm(request, address, () => updateInvoiceAddress({ actor: user, registrationId, input: address.value }));
    if (!outcome.ok) return data(outcome.result, { status: outcome.status });
    return redirectWithToast(self, { message: "reg.my.invoiceAddressSaved" });
  }
  const submission = parseWithZod(formData, { schema: visaRequestSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await runForm(request, submission, () => requestVisaLetter({ actor: user, registrationId, input: submission.value }));
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirectWithToast(self, { message: "reg.my.visa.requested" });
}

function VisaForm({ countries }: { countries: { value: string; label: string }[] }) {
  const t = useT();
  const { result: answer } = splitAsk(useActionData<typeof action>());
  // The invoice details form posts to the same action: its answers are not this form's.
  const lastResult =
    (answer as { initialValue?: { intent?: string } } | undefined)?.initialValue?.intent === "invoice-address" ? undefined : answer;
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: visaRequestSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const first = firstErrorField(lastResult as never);
  return (
    <Form method="post" {...getFormProps(form)} className="max-w-md">
      <FormErrors errors={form.errors} id={form.errorId} />
      <Field meta={fields.passportName} label={t("reg.my.visa.passportName")} autoFocus={first === "passportName"} />
      <Field meta={fields.passportNumber} label={t("reg.my.visa.passportNumber")} autoFocus={first === "passportNumber"} />
      <SelectField
        meta={fields.nationality}
        label={t("reg.my.visa.nationality")}
        options={countries}
        placeholder={t("reg.form.choose")}
        autoFocus={first === "nationality"}
      />
      <Field meta={fields.birthDate as never} type="date" label={t("reg.my.visa.birthDate")} autoFocus={first === "birthDate"} />
      <Field meta={fields.arrivalDate as never} type="date" label={t("reg.my.visa.arrival")} autoFocus={first === "arrivalDate"} />
      <Field meta={fields.departureDate as never} type="date" label={t("reg.my.visa.departure")} autoFocus={first === "departureDate"} />
      <SubmitButton name="intent" value="visa">
        {t("reg.my.visa.submit")}
      </SubmitButton>
    </Form>
  );
}

export default function MyRegistration() {
  const {
    registration: r,
    cancelUntil,
    cancellable,
    organizerContact,
    bankInstructions,
    visa,
    visaOpen,
    cardAvailable,
    countries,
  } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const [search] = useSearchParams();
  const zone = r.conference.timeZone;
  const money = (c: number) => formatMoney(c, r.currency, locale);
  const active = r.status === "RESERVED" || r.status === "CONFIRMED";
  const refundsPending = r.payments.filter((p) => p.refundDueSince);
  const base = `/my/registrations/${r.id}`;
  const { ask } = splitAsk(useActionData<typeof action>());
  return (
    <>
      <p>
        <Link to="/my/registrations" className="text-blue-900 underline">
          ← {t("reg.my.title")}
        </Link>
      </p>
      <h1 className="mb-4 mt-2 text-3xl font-bold">{pick(locale, r.conference.title, r.conference.titleZh)}</h1>
      <ConfirmAsk ask={ask} title={t("reg.confirm.cancelTitle")} yes={t("reg.confirm.cancelYes")} />
      {search.get("paid") && r.status === "RESERVED" ? (
        <p className="mb-4 rounded-md border border-blue-900 bg-blue-50 p-3">{t("reg.my.paidWaiting")}</p>
      ) : null}
      <Facts className="max-w-xl">
        <Fact label={t("reg.my.status")}>
          <StatusBadge status={r.status} />
        </Fact>
        <Fact label={t("reg.my.ticket")}>{pick(locale, r.ticketType.nameEn, r.ticketType.nameZh)}</Fact>
        <Fact label={t("reg.my.amount")}>
          {r.amountCents === 0 ? t("reg.tickets.free") : `${money(r.amountCents)} · ${t(`reg.method.${r.method}`)}`}
        </Fact>
        {r.amountCents > 0 ? (
          <>
            <Fact label={t("reg.my.paid")}>{money(r.paidCents)}</Fact>
            <Fact label={t("reg.my.reference")} className="font-mono">
              {r.reference}
            </Fact>
          </>
        ) : null}
        {r.refundedCents > 0 ? <Fact label={t("reg.my.refunded")}>{money(r.refundedCents)}</Fact> : null}
        {refundsPending.length ? (
          <Fact label={t("reg.my.refundPending")} testId="refund-pending">
            {refundsPending.map((p) => (
              <p key={p.id}>{t("reg.my.refundPendingText", { amount: formatMoney(p.amountCents, p.currency, locale) })}</p>
            ))}
          </Fact>
        ) : null}
        {r.bankRefunds
          .filter((b) => !b.paidOutOn)
          .map((b) => (
            <Fact key={b.id} label={t("reg.my.refundPending")} testId="bank-refund-pending">
              {t("reg.my.bankRefundPending", { amount: formatMoney(b.amountCents, b.currency, locale) })}
            </Fact>
          ))}
        {r.holdUntil ? (
          <Fact label={t("reg.my.holdUntil")}>
            {formatDateTime(new Date(r.holdUntil), zone, locale)} ({zone})
          </Fact>
        ) : null}
        {r.status === "CONFIRMED" ? (
          <Fact label={t("reg.checkin.code")} className="font-mono" testId="badge-code">
            {r.badgeCode}
          </Fact>
        ) : null}
        {r.checkedInAt ? (
          <Fact label="✓">{t("reg.my.checkedIn", { date: formatDateTime(new Date(r.checkedInAt), zone, locale) })}</Fact>
        ) : null}
      </Facts>

      {r.status === "RESERVED" && r.method === "BANK_TRANSFER" ? (
        <section className="mt-6 max-w-xl rounded-md border border-amber-700 bg-amber-50 p-4">
          <p className="font-medium">
            {t("reg.my.bankInstructions", { amount: money(r.amountCents - r.paidCents), reference: r.reference })}
          </p>
          <p className="mt-2 whitespace-pre-line">{pick(locale, bankInstructions.en, bankInstructions.zh)}</p>
        </section>
      ) : null}
      {r.status === "RESERVED" && r.method === "CARD" ? (
        <Form method="post" className="mt-6">
          {cardAvailable ? (
            <SubmitButton name="intent" value="pay">
              {t("reg.my.payByCard")}
            </SubmitButton>
          ) : (
            <p>{t("reg.error.cardUnavailable")}</p>
          )}
        </Form>
      ) : null}

      {r.status === "CONFIRMED" ? (
        <section className="mt-6">
          <h2 className="text-xl font-semibold">{t("reg.my.documents")}</h2>
          <ul className="mt-2 list-disc pl-6">
            <li>
              <a href={`${base}/badge`} className="text-blue-900 underline">
                {t("reg.my.badge")}
              </a>
            </li>
            {r.receiptNumber ? (
              <li>
                <a href={`${base}/receipt`} className="text-blue-900 underline">
                  {t("reg.my.receipt")}
                </a>
              </li>
            ) : null}
            <li>
              <a href={`${base}/calendar`} className="text-blue-900 underline">
                {t("reg.my.calendar")}
              </a>
            </li>
          </ul>
        </section>
      ) : null}

      <InvoiceDocuments registrationId={r.id} documents={r.invoices} zone={zone} />
      {r.status === "RESERVED" && r.amountCents > 0 ? <InvoiceAddressForm registration={r} /> : null}

      {active ? (
        <section className="mt-6 max-w-xl">
          <h2 className="text-xl font-semibold">{t("reg.my.visa")}</h2>
          {visa?.status === "REQUESTED" ? <p>{t("reg.my.visa.requested")}</p> : null}
          {visa?.status === "APPROVED" ? (
            <p>
              {t("reg.my.visa.approved")}{" "}
              <a href={`${base}/visa-letter`} className="text-blue-900 underline">
                {t("reg.my.visa.download")}
              </a>
            </p>
          ) : null}
          {visa?.status === "DECLINED" ? <p>{t("reg.my.visa.declined", { reason: visa.declineReason ?? "—" })}</p> : null}
          {(!visa || visa.status === "DECLINED") && !visaOpen ? <p>{t("reg.error.visaClosed")}</p> : null}
          {(!visa || visa.status === "DECLINED") && visaOpen ? (
            <>
              <p className="mb-2">{t("reg.my.visa.lead")}</p>
              <VisaForm countries={countries} />
            </>
          ) : null}
        </section>
      ) : null}

      {active && cancellable ? (
        <Form method="post" className="mt-8 max-w-xl rounded-md border border-red-800 p-4">
          <p className="mb-2 text-sm">{t("reg.my.cancelHint", { date: formatDateTime(new Date(cancelUntil), zone, locale) })}</p>
          <SubmitButton name="intent" value="cancel" variant="danger">
            {t("reg.my.cancel")}
          </SubmitButton>
        </Form>
      ) : null}
      {active && !cancellable ? (
        <section data-testid="cancel-closed" className="mt-8 max-w-xl rounded-md border border-stone-400 bg-stone-100 p-4">
          <p>{t("reg.my.cancelEnded", { date: formatDateTime(new Date(cancelUntil), zone, locale), zone })}</p>
          <p className="mt-1">
            {organizerContact ? (
              <>
                {t("reg.my.cancelEndedContact")}{" "}
                <a href={`mailto:${organizerContact}`} className="text-blue-900 underline">
                  {organizerContact}
                </a>
              </>
            ) : (
              t("reg.my.cancelEndedNoContact")
            )}
          </p>
        </section>
      ) : null}
    </>
  );
}

/** Whom the invoice will be made out to, while the registration awaits payment (works without JavaScript). */
function InvoiceAddressForm({
  registration: r,
}: {
  registration: { payerOrganization: string | null; payerTaxId: string | null; payerAddress: string | null };
}) {
  const t = useT();
  const lastResult = useActionData<typeof action>();
  // The page's forms share one action: this form shows only what was submitted from it.
  const mine = (lastResult as { initialValue?: { intent?: string } } | undefined)?.initialValue?.intent === "invoice-address";
  const [form, fields] = useForm({
    id: "invoice-address",
    lastResult: mine ? (lastResult as never) : undefined,
    defaultValue: { payerOrganization: r.payerOrganization ?? "", payerTaxId: r.payerTaxId ?? "", payerAddress: r.payerAddress ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: invoiceAddressSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="mt-6 max-w-xl" aria-labelledby="invoice-address-title">
      <h2 id="invoice-address-title" className="text-xl font-semibold">
        {t("reg.my.invoiceAddress")}
      </h2>
      <p className="mb-2 text-sm">{t("reg.my.invoiceAddressHint")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="invoice-address" />
        <Field meta={fields.payerOrganization} label={t("reg.form.payerOrganization")} optional autoComplete="organization" />
        <Field meta={fields.payerTaxId} label={t("reg.form.payerTaxId")} optional />
        <TextareaField meta={fields.payerAddress} label={t("reg.form.payerAddress")} optional rows={3} />
        <SubmitButton variant="secondary">{t("reg.my.invoiceAddressSave")}</SubmitButton>
      </Form>
    </section>
  );
}
