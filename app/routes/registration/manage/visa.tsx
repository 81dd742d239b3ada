import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { ManageNav } from "~/components/registration";
import { decideVisaLetter } from "~/domain/registration/decide-visa-letter.server";
import { visaAdmin } from "~/domain/registration/visa-admin.server";
import { visaDecisionSchema } from "~/domain/registration/schemas";
import { useLocale, useT } from "~/i18n";
import { countryName } from "~/utils/countries";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { formatCalendarDate } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";
import { BackToConference } from "~/components/back-to-conference";

export const meta: MetaFunction = () => [{ title: "Visa letters · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return orRespond(() => visaAdmin({ actor: user, slug: params.slug ?? "" }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const submission = parseWithZod(await request.formData(), { schema: visaDecisionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { requestId, decision, reason } = submission.value;
  await orRespond(() => decideVisaLetter({ actor: user, slug, requestId, approve: decision === "approve", reason }));
  return redirectWithToast(`/conferences/${slug}/manage/visa`, { message: "reg.tickets.manage.saved" });
}

export default function VisaRequests() {
  const { conference, requests } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <BackToConference conference={conference} />
      <h1 className="mb-2 mt-2 text-3xl font-bold">{t("reg.visa.title")}</h1>
      <ManageNav slug={conference.slug} />
      {requests.length === 0 ? <p>{t("reg.visa.none")}</p> : null}
      <ul className="space-y-4">
        {requests.map((v) => (
          <li key={v.id} className="rounded-md border border-stone-300 bg-white p-4">
            <p className="font-semibold">
              {v.passportName} · {countryName(v.nationality, locale)} · {v.passportNumber}
            </p>
            <p>
              {v.user.email} · {formatCalendarDate(new Date(v.arrivalDate), locale)} –{" "}
              {formatCalendarDate(new Date(v.departureDate), locale)} · {t(`reg.visa.status.${v.status}`)}
              {v.declineReason ? ` · ${v.declineReason}` : ""}
            </p>
            {v.status === "REQUESTED" ? (
              <Form method="post" className="mt-2 flex flex-wrap items-end gap-3">
                <input type="hidden" name="requestId" value={v.id} />
                <SubmitButton name="decision" value="approve">
                  {t("reg.visa.approve")}
                </SubmitButton>
                <label className="block">
                  <span className="block text-sm">{t("reg.visa.reason")}</span>
                  <input name="reason" className="rounded-md border border-stone-400 px-2 py-1" />
                </label>
                <SubmitButton name="decision" value="decline" variant="danger">
                  {t("reg.visa.decline")}
                </SubmitButton>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
