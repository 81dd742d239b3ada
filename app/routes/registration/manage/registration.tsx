import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmAsk } from "~/components/confirm";
import { Field, FormErrors, SubmitButton } from "~/components/forms";
import { Fact, Facts, ManageNav, StatusBadge } from "~/components/registration";
import { cancelRegistration } from "~/domain/registration/cancel-registration.server";
import { formatMoney, overpaidCents } from "~/domain/registration/money";
import { recordBankPayment } from "~/domain/registration/record-bank-payment.server";
import { confirmEligibility } from "~/domain/registration/confirm-eligibility.server";
import { registrationDetail } from "~/domain/registration/registration-detail.server";
import { recordRefundPayout } from "~/domain/registration/record-refund-payout.server";
import { markPaidSchema, refundPayoutSchema } from "~/domain/registration/schemas";
import { InvoiceDocuments } from "~/components/invoice-documents";
import { pick, useLocale, useT } from "~/i18n";
import { confirmFirst, splitAsk } from "~/utils/confirm";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { requireUser } from "~/utils/session.server";
import { formatCalendarDate, formatDateTime } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Registration · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    registration: await orRespond(() => registrationDetail({ actor: user, slug: params.slug ?? "", registrationId: params.id ?? "" })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const registrationId = params.id ?? "";
  const self = `/conferences/${params.slug}/manage/registrations/${registrationId}`;
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "eligibility") {
    await orRespond(() => confirmEligibility({ actor: user, registrationId }));
    return redirectWithToast(self, { message: "reg.manage.eligibilityConfirmed" });
  }
  if (intent === "cancel") {
    const outcome = await orRespond(() =>
      confirmFirst(formData, (confirmed) => cancelRegistration({ actor: user, registrationId, confirmed })),
    );
    if (!outcome.done) return outcome.ask;
    const { refundPending, bankRefundPending } = outcome.value;
    return redirectWithToast(self, {
      message: bankRefundPending
        ? "reg.manage.cancelledBankRefund"
        : refundPending
          ? "reg.manage.cancelledRefundPending"
          : "reg.manage.cancelled",
    });
  }
  if (intent === "refund-payout") {
    const payout = parseWithZod(formData, { schema: refundPayoutSchema });
    if (payout.status !== "success") return data(payout.reply(), { status: 400 });
    const outcome = await runForm(request, payout, () =>
      recordRefundPayout({
        actor: user,
        refundId: payout.value.refundId,
        paidOutOn: payout.value.paidOutOn,
        reference: payout.value.reference,
      }),
    );
    if (!outcome.ok) return data(outcome.result, { status: outcome.status });
    return redirectWithToast(self, { message: "reg.manage.payoutRecorded" });
  }
  const submission = parseWithZod(formData, { schema: markPaidSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const locale = await resolveLocale(request, user);
  const outcome = await runForm(request, submission, () =>
    recordBankPayment({
      actor: user,
      registrationId,
      amount: submission.value.amount,
      note: submission.value.note,
      anyway: submission.value.anyway === "on",
      locale,
    }),
  );
  // A warning (duplicate or overpayment) comes back with the typed values and a "record anyway" box.
  if (!outcome.ok) return data({ ...outcome.result, warning: outcome.error.code === "CONFIRMATION_REQUIRED" }, { status: outcome.status });
  return redirectWithToast(self, { message: "reg.manage.recorded" });
}

export default function RegistrationDetail() {
  const { registration: r } = useLoaderData<typeof loader>();
  const { ask, result: lastResult } = splitAsk(useActionData<typeof action>());
  const t = useT();
  const locale = useLocale();
  const markPaidResult = (lastResult?.initialValue as { intent?: string } | undefined)?.intent === "mark-paid" ? lastResult : undefined;
  const [form, fields] = useForm({
    lastResult: markPaidResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: markPaidSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const money = (c: number, cur = r.currency) => formatMoney(c, cur, locale);
  const zone = r.conference.timeZone;
  const active = r.status === "RESERVED" || r.status === "CONFIRMED";
  const refundsPending = r.payments.filter((p) => p.refundDueSince);
  const overpaid = overpaidCents(r);
  const warning = !!lastResult && "warning" in lastResult && lastResult.warning;
  return (
    <>
      <p>
        <Link to={`/conferences/${r.conference.slug}/manage/registrations`} className="text-blue-900 underline">
          ← {t("reg.manage.title")}
        </Link>
      </p>
      <h1 className="mb-2 mt-2 text-3xl font-bold">{t("reg.manage.detail", { name: r.user.nameLatin })}</h1>
      <ManageNav slug={r.conference.slug} />
      <ConfirmAsk ask={ask} title={t("reg.confirm.cancelTitle")} yes={t("reg.confirm.cancelYes")} />
      <Facts>
        <Fact label={t("reg.manage.col.name")}>
          {r.user.nameLatin} {r.user.nameNative ?? ""}
        </Fact>
        <Fact label={t("reg.manage.col.email")}>{r.user.email}</Fact>
        <Fact label={t("reg.my.status")}>
          <StatusBadge status={r.status} />
        </Fact>
        <Fact label={t("reg.my.ticket")}>{pick(locale, r.ticketType.nameEn, r.ticketType.nameZh)}</Fact>
        <Fact label={t("reg.manage.col.paid")}>
          {money(r.paidCents)} / {money(r.amountCents)} · {t(`reg.method.${r.method}`)}
        </Fact>
        {overpaid > 0 ? (
          <Fact label={t("reg.manage.overpaid")} testId="overpaid">
            <strong className="font-medium text-amber-900">{t("reg.manage.overpaidBy", { amount: money(overpaid) })}</strong>
          </Fact>
        ) : null}
        {refundsPending.length ? (
          <Fact label={t("reg.manage.refundPending")} testId="refund-pending">
            {refundsPending.map((p) => money(p.amountCents, p.currency)).join(", ")}
          </Fact>
        ) : null}
        <Fact label={t("reg.my.reference")} className="font-mono">
          {r.reference}
        </Fact>
        {r.payerOrganization ? (
          <Fact label={t("reg.form.payerOrganization")}>
            {r.payerOrganization} {r.payerTaxId ? `(${r.payerTaxId})` : ""}
          </Fact>
        ) : null}
        {r.holdUntil ? (
          <Fact label={t("reg.my.holdUntil")}>
            {formatDateTime(new Date(r.holdUntil), zone, locale)} ({zone})
          </Fact>
        ) : null}
      </Facts>
      {r.ticketType.eligibility !== "ANYONE" && !r.eligibilityConfirmed && active ? (
        <Form method="post" className="mt-4">
          <p className="mb-2">{t("reg.manage.eligibilityPending", { kind: t(`reg.tickets.eligibility.${r.ticketType.eligibility}`) })}</p>
          <SubmitButton name="intent" value="eligibility" variant="secondary">
            {t("reg.manage.confirmEligibility")}
          </SubmitButton>
        </Form>
      ) : null}
      {r.answers.length ? (
        <section className="mt-6">
          <h2 className="text-xl font-semibold">{t("reg.manage.answers")}</h2>
          <dl className="mt-2 grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-1">
            {r.answers.map((a, i) => (
              <div key={i} className="contents">
                <dt className="font-medium">{pick(locale, a.question.labelEn, a.question.labelZh)}</dt>
                <dd>{a.yes !== null ? t(a.yes ? "common.yes" : "common.no") : (a.text ?? a.choices.join(", "))}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      <section className="mt-6">
        <h2 className="text-xl font-semibold">{t("reg.manage.payments")}</h2>
        {r.payments.length === 0 ? <p>{t("reg.manage.noPayments")}</p> : null}
        <ul className="list-disc pl-6">
          {r.payments.map((p) => (
            <li key={p.id}>
              {formatDateTime(new Date(p.createdAt), zone, locale)} · {t(p.kind === "REFUND" ? "reg.my.refunded" : `reg.method.${p.kind}`)}{" "}
              · {money(p.amountCents, p.currency)}
              {p.note ? ` · ${p.note}` : ""}
              {p.refundDueSince ? (
                <strong className="font-medium text-amber-900">
                  {" "}
                  · {t("reg.manage.refundPendingSince", { date: formatDateTime(new Date(p.refundDueSince), zone, locale) })}
                  {p.refundAttempts > 0
                    ? ` (${t("reg.manage.refundAttempts", { attempts: p.refundAttempts, error: p.refundError ?? "—" })})`
                    : ""}
                </strong>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <BankRefunds registration={r} lastResult={lastResult} />
      <InvoiceDocuments registrationId={r.id} documents={r.invoices} zone={zone} />
      {r.amountCents > 0 && r.status !== "CANCELLED" ? (
        <Form method="post" {...getFormProps(form)} className="mt-6 max-w-md rounded-md border border-stone-300 bg-white p-4">
          <h2 className="mb-2 text-lg font-semibold">{t("reg.manage.markPaid")}</h2>
          <FormErrors errors={form.errors} id={form.errorId} />
          <input type="hidden" name="intent" value="mark-paid" />
          <Field meta={fields.amount} label={`${t("reg.manage.amount")} (${r.currency})`} autoFocus={!!fields.amount.errors} />
          <Field meta={fields.note} label={t("reg.manage.note")} optional />
          {warning ? (
            <label className="mb-4 flex items-start gap-2">
              <input type="checkbox" name="anyway" className="mt-1 h-4 w-4" />
              <span>{t("reg.manage.recordAnyway")}</span>
            </label>
          ) : null}
          <SubmitButton>{t("reg.manage.markPaid")}</SubmitButton>
        </Form>
      ) : null}
      {active ? (
        <Form method="post" className="mt-6">
          <SubmitButton name="intent" value="cancel" variant="danger">
            {t("reg.manage.cancel")}
          </SubmitButton>
        </Form>
      ) : null}
    </>
  );
}

type Detail = ReturnType<typeof useLoaderData<typeof loader>>["registration"];

/**
 * Bank refunds of the registration: a pending one shows its amount and the form recording its payout
 * (which completes it and issues the credit note); a completed one, when and with which reference.
 */
function BankRefunds({
  registration: r,
  lastResult,
}: {
  registration: Detail;
  lastResult: Exclude<ReturnType<typeof useActionData<typeof action>>, { confirm: unknown }>;
}) {
  const t = useT();
  const locale = useLocale();
  const zone = r.conference.timeZone;
  if (r.bankRefunds.length === 0) return null;
  return (
    <section className="mt-6 max-w-2xl" aria-labelledby="bank-refunds">
      <h2 id="bank-refunds" className="text-xl font-semibold">
        {t("reg.manage.bankRefunds")}
      </h2>
      {r.bankRefunds.map((b) =>
        b.paidOutOn ? (
          <p key={b.id} data-testid="bank-refund-done">
            {t("reg.manage.bankRefundDone", {
              amount: formatMoney(b.amountCents, b.currency, locale),
              date: formatCalendarDate(new Date(b.paidOutOn), locale),
              reference: b.paidOutRef ?? "—",
            })}
          </p>
        ) : (
          <PayoutForm key={b.id} refund={b} zone={zone} lastResult={lastResult} />
        ),
      )}
    </section>
  );
}

function PayoutForm({
  refund,
  zone,
  lastResult,
}: {
  refund: Detail["bankRefunds"][number];
  zone: string;
  lastResult: Exclude<ReturnType<typeof useActionData<typeof action>>, { confirm: unknown }>;
}) {
  const t = useT();
  const locale = useLocale();
  // The page's forms share one action: this form shows only what was submitted from it.
  const mine = (lastResult?.initialValue as { refundId?: string } | undefined)?.refundId === refund.id ? lastResult : undefined;
  const [form, fields] = useForm({
    id: `payout-${refund.id}`,
    lastResult: mine,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: refundPayoutSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="mt-2 rounded-md border border-amber-700 bg-amber-50 p-4">
      <p className="font-medium text-amber-900" data-testid="bank-refund-pending">
        {t("reg.manage.bankRefundPending", {
          amount: formatMoney(refund.amountCents, refund.currency, locale),
          date: `${formatDateTime(new Date(refund.requestedAt), zone, locale)} (${zone})`,
        })}
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-3">
        <h3 className="mb-1 text-lg font-semibold">{t("reg.manage.recordPayout")}</h3>
        <p className="mb-3 text-sm">{t("reg.manage.payoutHint")}</p>
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="refund-payout" />
        <input type="hidden" name="refundId" value={refund.id} />
        <Field meta={fields.paidOutOn} type="date" label={t("reg.manage.paidOutOn")} autoFocus={!!fields.paidOutOn.errors} />
        <Field
          meta={fields.reference}
          label={t("reg.manage.payoutReference")}
          autoFocus={!fields.paidOutOn.errors && !!fields.reference.errors}
        />
        <SubmitButton>{t("reg.manage.recordPayout")}</SubmitButton>
      </Form>
    </div>
  );
}
