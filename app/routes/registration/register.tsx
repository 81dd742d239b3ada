import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { QuestionField, RadioGroup, RegistrationClosedNotice } from "~/components/registration";
import { Field, FormErrors, SubmitButton, firstErrorField } from "~/components/forms";
import { registrationFormSchema } from "~/domain/registration/form-schema";
import { formatMoney } from "~/domain/registration/money";
import { ticketsPage } from "~/domain/registration/public-tickets.server";
import { registerAttendee, registrationForm } from "~/domain/registration/register-attendee.server";
import { pick, useLocale, useT } from "~/i18n";
import { countryOptions } from "~/utils/countries";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { requireUser } from "~/utils/session.server";
import { formatDateTime } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Register · Concord" }];

/** Its own boundary, so an error still renders inside the frame with the root's and the area's data (signed in, translated). */
export { ErrorBoundary } from "~/root";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await orRespond(() => ticketsPage({ slug: params.slug ?? "", viewer: user }));
  if (page.registered) throw redirect(`/my/registrations/${page.registered.id}`);
  const url = new URL(request.url);
  const locale = await resolveLocale(request, user);
  // An open offer (linked from the offer email) pre-selects its ticket.
  const offer = page.offer;
  return {
    ...page,
    selected: offer?.ticketTypeId ?? url.searchParams.get("ticket") ?? undefined,
    offer,
    countries: page.questions.some((q) => q.kind === "COUNTRY") ? countryOptions(locale) : [],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const formData = await request.formData();
  // One query gives the questions to validate against and what registering needs.
  const facts = await registrationForm({ actor: user, slug, ticketTypeId: String(formData.get("ticketTypeId") ?? "") });
  const submission = parseWithZod(formData, { schema: registrationFormSchema(facts?.questions ?? []) });
  // A closed registration is refused as such (409, "registration is closed"), before any field is checked.
  if (submission.status !== "success" && !facts?.closed) return data(submission.reply(), { status: 400 });
  const outcome = await runForm(request, submission, () =>
    registerAttendee({ actor: user, slug, input: (submission.status === "success" ? submission.value : {}) as never, facts }),
  );
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  if (outcome.value.checkoutUrl) return redirect(outcome.value.checkoutUrl);
  return redirectWithToast(`/my/registrations/${outcome.value.registrationId}`, { message: "reg.my.registered" });
}

export default function Register() {
  const { conference, tickets, questions, cardAvailable, selected, offer, countries, registrationClosed } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const schema = registrationFormSchema(questions);
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { ticketTypeId: selected },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const anyFields = fields as unknown as Record<string, FieldMetadata<unknown>>;
  const first = firstErrorField(lastResult as never);
  const open = tickets.filter((tk) => (offer ? tk.id === offer.ticketTypeId : tk.sale === "open"));
  const paid = open.some((tk) => tk.priceCents > 0);
  const title = pick(locale, conference.title, conference.titleZh);
  return (
    <>
      <p>
        <Link to={`/conferences/${conference.slug}/tickets`} className="text-blue-900 underline">
          ← {t("reg.tickets.title")}
        </Link>
      </p>
      <h1 className="mb-4 mt-2 text-3xl font-bold">{t("reg.form.title", { conference: title })}</h1>
      {registrationClosed ? <RegistrationClosedNotice /> : null}
      {offer?.offerExpiresAt ? (
        <p className="mb-4 rounded-md border border-green-700 bg-green-50 p-3">
          {t("reg.form.offer", { date: formatDateTime(new Date(offer.offerExpiresAt), conference.timeZone, locale) })}
        </p>
      ) : null}
      {registrationClosed ? (
        // Closed: no form to fill in; a refused submission (no JavaScript, an old tab) still says why.
        <FormErrors errors={form.errors} id={form.errorId} />
      ) : (
        <Form method="post" {...getFormProps(form)} className="max-w-xl">
          <FormErrors errors={form.errors} id={form.errorId} />
          {offer ? <input type="hidden" name="offerId" value={offer.id} /> : null}
          <RadioGroup
            meta={fields.ticketTypeId}
            legend={t("reg.form.ticket")}
            autoFocus={first === "ticketTypeId"}
            options={open.map((tk) => ({
              value: tk.id,
              label: `${pick(locale, tk.nameEn, tk.nameZh)} — ${tk.priceCents === 0 ? t("reg.tickets.free") : formatMoney(tk.priceCents, tk.currency, locale)}`,
              hint: tk.left === 0 && !offer ? t("reg.tickets.soldOut") : pick(locale, tk.descriptionEn, tk.descriptionZh) || undefined,
            }))}
          />
          {paid ? (
            <>
              <RadioGroup
                meta={fields.method}
                legend={t("reg.form.method")}
                autoFocus={first === "method"}
                options={[
                  { value: "bank", label: t("reg.form.method.bank") },
                  {
                    value: "card",
                    label: t("reg.form.method.card"),
                    hint: cardAvailable ? undefined : t("reg.form.cardUnavailable"),
                    disabled: !cardAvailable,
                  },
                ]}
              />
              <Field meta={fields.voucher} label={t("reg.form.voucher")} optional autoFocus={first === "voucher"} />
              <Field meta={fields.payerOrganization} label={t("reg.form.payerOrganization")} optional autoComplete="organization" />
              <Field meta={fields.payerTaxId} label={t("reg.form.payerTaxId")} optional />
            </>
          ) : null}
          {questions.length ? (
            <fieldset className="mb-4 rounded-md border border-stone-300 p-4">
              <legend className="px-1 text-lg font-semibold">{t("reg.form.questions")}</legend>
              {questions.map((q) => (
                <QuestionField
                  key={q.id}
                  q={q}
                  fields={anyFields}
                  countries={countries}
                  autoFocus={first !== undefined && first.endsWith(q.id.replace(/-/g, ""))}
                />
              ))}
            </fieldset>
          ) : null}
          <SubmitButton>{t("reg.form.submit")}</SubmitButton>
        </Form>
      )}
    </>
  );
}
