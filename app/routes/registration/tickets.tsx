import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { joinWaitlist } from "~/domain/registration/join-waitlist.server";
import { formatMoney } from "~/domain/registration/money";
import { ticketsPage } from "~/domain/registration/public-tickets.server";
import { pick, useLocale, useT } from "~/i18n";
import { orRespond } from "~/utils/http.server";
import { getUser, requireUser } from "~/utils/session.server";
import { formatDateTime } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";
import { BackToConference } from "~/components/back-to-conference";
import { RegistrationClosedNotice } from "~/components/registration";

export const meta: MetaFunction = () => [{ title: "Tickets · Concord" }];

/** Its own boundary, so an error still renders inside the frame with the root's and the area's data (signed in, translated). */
export { ErrorBoundary } from "~/root";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const page = await orRespond(() => ticketsPage({ slug: params.slug ?? "", viewer: user }));
  return { ...page, signedIn: Boolean(user) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const form = await request.formData();
  const leave = form.get("intent") === "leave-waitlist";
  await orRespond(() => joinWaitlist({ actor: user, slug, ticketTypeId: String(form.get("ticketTypeId") ?? ""), leave }));
  return redirectWithToast(`/conferences/${slug}/tickets`, { message: leave ? "reg.tickets.left" : "reg.tickets.joined" });
}

export default function Tickets() {
  const { conference, tickets, registered, waitlist, offer, registrationClosed } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const zone = conference.timeZone;
  return (
    <>
      <BackToConference conference={conference} />
      <h1 className="mb-4 mt-2 text-3xl font-bold">{t("reg.tickets.title")}</h1>
      {registrationClosed ? <RegistrationClosedNotice /> : null}
      {registered ? (
        <p className="mb-4 rounded-md border border-green-700 bg-green-50 p-3">
          {t("reg.tickets.yours")}{" "}
          <Link to={`/my/registrations/${registered.id}`} className="text-blue-900 underline">
            {t("reg.my.title")}
          </Link>
        </p>
      ) : null}
      {offer?.offerExpiresAt ? (
        <p className="mb-4 rounded-md border border-green-700 bg-green-50 p-3">
          {t("reg.form.offer", { date: formatDateTime(new Date(offer.offerExpiresAt), zone, locale) })}{" "}
          <Link to={`/conferences/${conference.slug}/register?offer=${offer.id}`} className="text-blue-900 underline">
            {t("reg.tickets.register")}
          </Link>
        </p>
      ) : null}
      {tickets.length === 0 ? <p>{t("reg.tickets.none")}</p> : null}
      <ul className="space-y-4">
        {tickets.map((tk) => {
          const name = pick(locale, tk.nameEn, tk.nameZh);
          const soldOut = tk.left === 0;
          const mineWaiting = waitlist?.ticketTypeId === tk.id && waitlist.status === "WAITING";
          return (
            <li key={tk.id} className="rounded-md border border-stone-300 bg-white p-4">
              <h2 className="text-xl font-semibold">{name}</h2>
              <p className="font-medium">{tk.priceCents === 0 ? t("reg.tickets.free") : formatMoney(tk.priceCents, tk.currency, locale)}</p>
              {pick(locale, tk.descriptionEn, tk.descriptionZh) ? (
                <p className="mt-1">{pick(locale, tk.descriptionEn, tk.descriptionZh)}</p>
              ) : null}
              <p className="mt-1 text-sm text-stone-700">{t(`reg.tickets.eligibility.${tk.eligibility}`)}</p>
              <p className="mt-1 text-sm">
                {tk.sale === "notOpen" && tk.salesStart
                  ? t("reg.tickets.notOpen", { date: formatDateTime(new Date(tk.salesStart), zone, locale) })
                  : tk.sale === "closed"
                    ? t("reg.tickets.closed")
                    : soldOut
                      ? t("reg.tickets.soldOut")
                      : tk.left !== null
                        ? t("reg.tickets.available", { count: tk.left })
                        : null}
                {tk.sale === "open" && tk.salesEnd
                  ? ` · ${t("reg.tickets.until", { date: formatDateTime(new Date(tk.salesEnd), zone, locale) })} (${zone})`
                  : null}
              </p>
              {!registered && tk.sale === "open" ? (
                <div className="mt-3">
                  {!soldOut ? (
                    <Link
                      to={`/conferences/${conference.slug}/register?ticket=${tk.id}`}
                      className="inline-block rounded-md bg-blue-900 px-4 py-2 font-medium text-white"
                    >
                      {t("reg.tickets.register")}
                    </Link>
                  ) : mineWaiting ? (
                    <Form method="post">
                      <p className="mb-2">{t("reg.tickets.onWaitlist", { ticket: name })}</p>
                      <input type="hidden" name="ticketTypeId" value={tk.id} />
                      <SubmitButton name="intent" value="leave-waitlist" variant="secondary">
                        {t("reg.tickets.leaveWaitlist")}
                      </SubmitButton>
                    </Form>
                  ) : !waitlist ? (
                    <Form method="post">
                      <input type="hidden" name="ticketTypeId" value={tk.id} />
                      <SubmitButton name="intent" value="join-waitlist" variant="secondary">
                        {t("reg.tickets.joinWaitlist")}
                      </SubmitButton>
                    </Form>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
