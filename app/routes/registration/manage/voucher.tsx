import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, SubmitButton } from "~/components/forms";
import { ManageNav } from "~/components/registration";
import { useVoucherForm, VoucherFields, type VoucherFormValues } from "~/components/voucher-form";
import { deleteVoucher } from "~/domain/registration/delete-voucher.server";
import { moneyInput } from "~/domain/registration/money";
import { updateVoucher } from "~/domain/registration/save-voucher.server";
import { deleteVoucherSchema, voucherSchema } from "~/domain/registration/schemas";
import { voucherEditor } from "~/domain/registration/voucher-admin.server";
import { useT } from "~/i18n";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";
import { toLocalInput } from "~/utils/zoned-time";
import { BackToConference } from "~/components/back-to-conference";

export const meta: MetaFunction = () => [{ title: "Edit voucher · Concord" }];

/** One voucher: its terms to edit, how often it was used, and deleting it (refused once used). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { conference, voucher, tickets } = await orRespond(() =>
    voucherEditor({ actor: user, slug: params.slug ?? "", voucherId: params.id ?? "" }),
  );
  const values: VoucherFormValues = {
    code: voucher.code,
    kind: voucher.kind,
    value: voucher.kind === "PERCENT" ? String(voucher.value) : moneyInput(voucher.value, conference.currency),
    usageLimit: voucher.usageLimit === null ? "" : String(voucher.usageLimit),
    validUntil: voucher.validUntil ? toLocalInput(voucher.validUntil, conference.timeZone) : "",
    ticketTypeIds: voucher.ticketTypeIds,
  };
  return {
    conference,
    voucher: { id: voucher.id, code: voucher.code, used: voucher.used, registrations: voucher._count.registrations },
    values,
    tickets,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const voucherId = params.id ?? "";
  const formData = await request.formData();
  const list = `/conferences/${slug}/manage/tickets/vouchers`;
  // Each reply names its form, so the errors land on the form that was sent.
  if (formData.get("intent") === "delete-voucher") {
    const submission = parseWithZod(formData, { schema: deleteVoucherSchema });
    if (submission.status !== "success") return data({ form: "delete" as const, result: submission.reply() }, { status: 400 });
    const outcome = await runForm(request, submission, () => deleteVoucher({ actor: user, slug, voucherId }));
    if (!outcome.ok) return data({ form: "delete" as const, result: outcome.result }, { status: outcome.status });
    return redirectWithToast(list, { message: "reg.vouchers.deleted" });
  }
  const submission = parseWithZod(formData, { schema: voucherSchema });
  if (submission.status !== "success") return data({ form: "edit" as const, result: submission.reply() }, { status: 400 });
  const outcome = await runForm(request, submission, () => updateVoucher({ actor: user, slug, voucherId, input: submission.value }));
  if (!outcome.ok) return data({ form: "edit" as const, result: outcome.result }, { status: outcome.status });
  return redirectWithToast(list, { message: "reg.tickets.manage.saved" });
}

export default function EditVoucher() {
  const { conference, voucher, values, tickets } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useVoucherForm({
    id: "edit-voucher",
    lastResult: reply?.form === "edit" ? reply.result : undefined,
    defaultValue: values,
  });
  const [deleteForm, deleteFields] = useForm({
    id: "delete-voucher",
    lastResult: reply?.form === "delete" ? reply.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: deleteVoucherSchema }),
  });
  return (
    <>
      <BackToConference conference={conference} />
      <h1 className="mb-2 mt-2 text-3xl font-bold">{t("reg.vouchers.editFor", { code: voucher.code })}</h1>
      <ManageNav slug={conference.slug} />
      <p className="mb-2">
        <Link to={`/conferences/${conference.slug}/manage/tickets/vouchers`} className="text-blue-900 underline">
          {t("reg.vouchers.back")}
        </Link>
      </p>
      <p className="mb-4">{t("reg.vouchers.registrations", { n: voucher.registrations })}</p>
      <Form method="post" {...getFormProps(form)} className="mb-6 max-w-xl rounded-md border border-stone-300 bg-white p-4">
        <FormErrors errors={form.errors} id={form.errorId} />
        <VoucherFields fields={fields} currency={conference.currency} timeZone={conference.timeZone} tickets={tickets} />
        <SubmitButton>{t("reg.tickets.manage.save")}</SubmitButton>
      </Form>
      <Form method="post" {...getFormProps(deleteForm)} className="max-w-xl rounded-md border border-red-300 bg-white p-4">
        <h2 className="mb-2 text-lg font-semibold">{t("reg.vouchers.deleteTitle")}</h2>
        <FormErrors errors={deleteForm.errors} id={deleteForm.errorId} />
        <p className="mb-3">{t("reg.vouchers.deleteLead")}</p>
        <input type="hidden" name="intent" value="delete-voucher" />
        <div className="mb-4">
          <label className="inline-flex items-center gap-2">
            <input
              type="checkbox"
              name={deleteFields.confirm.name}
              value="yes"
              className="h-4 w-4"
              aria-invalid={deleteFields.confirm.errors ? true : undefined}
              aria-describedby={deleteFields.confirm.errors ? deleteFields.confirm.errorId : undefined}
            />
            {t("reg.vouchers.confirmDelete", { code: voucher.code })}
          </label>
          {deleteFields.confirm.errors ? (
            <p id={deleteFields.confirm.errorId} className="mt-1 text-sm text-red-700">
              {t("reg.vouchers.confirmRequired")}
            </p>
          ) : null}
        </div>
        <SubmitButton variant="danger">{t("reg.vouchers.delete")}</SubmitButton>
      </Form>
    </>
  );
}
