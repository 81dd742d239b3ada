import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, SubmitButton } from "~/components/forms";
import { ManageNav } from "~/components/registration";
import { useVoucherForm, VoucherFields } from "~/components/voucher-form";
import { createVoucher } from "~/domain/registration/save-voucher.server";
import { voucherAdmin } from "~/domain/registration/voucher-admin.server";
import { formatMoney } from "~/domain/registration/money";
import { voucherSchema } from "~/domain/registration/schemas";
import { useLocale, useT } from "~/i18n";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { formatDateTime } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";
import { BackToConference } from "~/components/back-to-conference";

export const meta: MetaFunction = () => [{ title: "Vouchers · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return orRespond(() => voucherAdmin({ actor: user, slug: params.slug ?? "" }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const submission = parseWithZod(await request.formData(), { schema: voucherSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await runForm(request, submission, () => createVoucher({ actor: user, slug, input: submission.value }));
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirectWithToast(`/conferences/${slug}/manage/tickets/vouchers`, { message: "reg.tickets.manage.saved" });
}

export default function Vouchers() {
  const { conference, vouchers, tickets } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useVoucherForm({ id: "new-voucher", lastResult, defaultValue: { kind: "PERCENT" } });
  return (
    <>
      <BackToConference conference={conference} />
      <h1 className="mb-2 mt-2 text-3xl font-bold">{t("reg.vouchers.title")}</h1>
      <ManageNav slug={conference.slug} />
      {vouchers.length === 0 ? <p>{t("reg.vouchers.none")}</p> : null}
      <ul className="mb-6 list-disc pl-6">
        {vouchers.map((v) => (
          <li key={v.id}>
            <span className="font-mono font-medium">{v.code}</span> ·{" "}
            {v.kind === "PERCENT" ? `${v.value}%` : formatMoney(v.value, conference.currency, locale)} ·{" "}
            {t("reg.vouchers.used", { used: v.used, limit: v.usageLimit ?? t("reg.vouchers.unlimited") })}
            {v.validUntil ? ` · ${formatDateTime(new Date(v.validUntil), conference.timeZone, locale)}` : ""} ·{" "}
            <Link
              to={`/conferences/${conference.slug}/manage/tickets/vouchers/${v.id}`}
              className="text-blue-900 underline"
              aria-label={t("reg.vouchers.editFor", { code: v.code })}
            >
              {t("reg.vouchers.edit")}
            </Link>
          </li>
        ))}
      </ul>
      <Form method="post" {...getFormProps(form)} className="max-w-xl rounded-md border border-stone-300 bg-white p-4">
        <h2 className="mb-2 text-lg font-semibold">{t("reg.vouchers.new")}</h2>
        <FormErrors errors={form.errors} id={form.errorId} />
        <VoucherFields fields={fields} currency={conference.currency} timeZone={conference.timeZone} tickets={tickets} />
        <SubmitButton>{t("reg.tickets.manage.save")}</SubmitButton>
      </Form>
    </>
  );
}
