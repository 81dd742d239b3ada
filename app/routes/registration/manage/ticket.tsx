import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, SubmitButton, firstErrorField } from "~/components/forms";
import { ManageNav } from "~/components/registration";
import { moneyInput } from "~/domain/registration/money";
import { ticketTypeSchema } from "~/domain/registration/schemas";
import { ticketTypeEditor } from "~/domain/registration/ticket-admin.server";
import { updateTicketType } from "~/domain/registration/update-ticket-type.server";
import { toLocalInput } from "~/utils/zoned-time";
import { pick, useLocale, useT } from "~/i18n";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { zoneOffset } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";
import { TicketTypeFields, useTicketTypeForm, type TicketTypeFormValues } from "~/components/ticket-type-form";

export const meta: MetaFunction = () => [{ title: "Edit ticket type · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { conference, ticket, quotas, placesHeld } = await orRespond(() =>
    ticketTypeEditor({ actor: user, slug: params.slug ?? "", ticketTypeId: params.id ?? "" }),
  );
  const zone = conference.timeZone;
  const values: TicketTypeFormValues = {
    nameEn: ticket.nameEn,
    nameZh: ticket.nameZh ?? "",
    descriptionEn: ticket.descriptionEn,
    descriptionZh: ticket.descriptionZh ?? "",
    price: moneyInput(ticket.priceCents, ticket.currency),
    salesStart: ticket.salesStart ? toLocalInput(ticket.salesStart, zone) : "",
    salesEnd: ticket.salesEnd ? toLocalInput(ticket.salesEnd, zone) : "",
    eligibility: ticket.eligibility,
    perPersonLimit: String(ticket.perPersonLimit),
    hidden: ticket.hidden ? "on" : undefined,
    quotaIds: ticket.quotas.map((q) => q.quotaId),
  };
  return {
    conference,
    ticket: { id: ticket.id, nameEn: ticket.nameEn, nameZh: ticket.nameZh },
    values,
    quotas,
    placesHeld,
    offset: zoneOffset(zone),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const submission = parseWithZod(await request.formData(), { schema: ticketTypeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await runForm(request, submission, () =>
    updateTicketType({ actor: user, slug, ticketTypeId: params.id ?? "", input: submission.value }),
  );
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirectWithToast(`/conferences/${slug}/manage/tickets`, { message: "reg.tickets.manage.saved" });
}

export default function EditTicketType() {
  const { conference, ticket, values, quotas, placesHeld, offset } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useTicketTypeForm({ id: `ticket-${ticket.id}`, lastResult, defaultValue: values });
  return (
    <>
      <p>
        <Link to={`/conferences/${conference.slug}/manage/tickets`} className="text-blue-900 underline">
          ← {t("reg.tickets.manage.title")}
        </Link>
      </p>
      <h1 className="mb-2 mt-2 text-3xl font-bold">
        {t("reg.tickets.manage.editTitle", { name: pick(locale, ticket.nameEn, ticket.nameZh) })}
      </h1>
      <ManageNav slug={conference.slug} />
      <Form method="post" {...getFormProps(form)} className="max-w-xl rounded-md border border-stone-300 bg-white p-4">
        <FormErrors errors={form.errors} id={form.errorId} />
        <TicketTypeFields
          fields={fields}
          currency={conference.currency}
          zoneLabel={t("common.timeZoneLabel", { zone: conference.timeZone, offset })}
          quotas={quotas}
          quotasLocked={placesHeld}
          priceHint={t("reg.tickets.manage.priceKeeps")}
          focus={firstErrorField(lastResult)}
        />
        <SubmitButton>{t("reg.tickets.manage.save")}</SubmitButton>
      </Form>
    </>
  );
}
