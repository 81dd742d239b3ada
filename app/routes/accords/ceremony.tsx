import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { decideConferenceLink } from "~/domain/accords/decide-conference-link.server";
import { getCeremonyBoard } from "~/domain/accords/get-ceremony-board.server";
import { getConferenceId } from "~/domain/conferences/get-conference-id.server";
import { pick, useLocale, useT } from "~/i18n";
import { orRespond } from "~/utils/http.server";
import { getUser, requireUser } from "~/utils/session.server";
import { formatDateTime } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Signing ceremony · Concord" }];

/**
 * The board shown on the screen at the signing ceremony: accords of the
 * conference that are awaiting signatures or executed, party by party. Public
 * for published conferences (only names and signing times are shown). Only accords
 * whose link the conference's organizers accepted are shown; the organizers see
 * the pending requests below the board (decision 042).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const board = await getCeremonyBoard({ actor: await getUser(request), slug: params.slug ?? "" });
  if (!board) throw new Response("Not found", { status: 404 });
  return board;
}

const decisionSchema = z.object({ intent: z.enum(["accept", "decline"]), accordId: z.guid() });

/** An organizer accepts or declines an accord's request to be shown at this conference. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await orRespond(() => requireUser(request));
  const parsed = decisionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  const slug = params.slug ?? "";
  const conferenceId = await orRespond(() => getConferenceId({ slug }));
  const accept = parsed.data.intent === "accept";
  await orRespond(() => decideConferenceLink({ actor: user, conferenceId, accordId: parsed.data.accordId, accept }));
  return redirectWithToast(`/conferences/${slug}/ceremony`, {
    message: accept ? "ceremony.requests.accepted" : "ceremony.requests.declined",
  });
}

export default function Ceremony() {
  const { conference, accords, requests } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const revalidator = useRevalidator();
  // Live without reload: re-run the loader every few seconds while the page is visible.
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    }, 3000);
    return () => clearInterval(timer);
  }, [revalidator]);
  return (
    <>
      <h1 className="text-3xl font-bold">
        {t("ceremony.title")} — {pick(locale, conference.title, conference.titleZh)}
      </h1>
      <p className="mb-6 text-sm text-stone-600">{t("ceremony.live")}</p>
      {accords.length === 0 ? <p>{t("ceremony.none")}</p> : null}
      <div className="grid gap-6 md:grid-cols-2">
        {accords.map((a) => {
          const signed = a.parties.filter((p) => p.signature).length;
          return (
            <section
              key={a.id}
              className={`rounded-lg border-2 p-4 ${a.status === "EXECUTED" ? "border-green-700 bg-green-50" : "border-stone-300 bg-white"}`}
              aria-live="polite"
              data-testid="ceremony-accord"
            >
              <h2 className="text-xl font-semibold">{pick(locale, a.title, a.titleZh)}</h2>
              <p className="mb-2 text-sm">
                {t(`accords.status.${a.status}`)} · {t("ceremony.progress", { signed, total: a.parties.length })}
              </p>
              <ul className="space-y-1">
                {a.parties.map((p) => (
                  <li key={p.id} className="flex items-center gap-2">
                    <span aria-hidden="true" className={p.signature ? "text-green-700" : "text-stone-400"}>
                      {p.signature ? "✔" : "○"}
                    </span>
                    <span className="font-medium">{pick(locale, p.org.nameEn, p.org.nameNative)}</span>
                    <span className="text-sm text-stone-600">
                      {p.signature
                        ? `${p.signature.signerName} · ${t("ceremony.signedAt", { time: formatDateTime(new Date(p.signature.signedAt), conference.timeZone, locale) })}`
                        : t("ceremony.waiting")}
                    </span>
                  </li>
                ))}
              </ul>
              {a.status === "EXECUTED" && a.documentHash ? (
                <a href={`/verify?hash=${a.documentHash}`} className="mt-2 inline-block text-sm underline">
                  {t("accords.executed.verify")}
                </a>
              ) : null}
            </section>
          );
        })}
      </div>
      {requests ? (
        <section className="mt-10 rounded-lg border border-amber-400 bg-amber-50 p-4" aria-labelledby="link-requests">
          <h2 id="link-requests" className="text-xl font-semibold">
            {t("ceremony.requests.title")}
          </h2>
          <p className="mb-3 text-sm text-stone-700">{t("ceremony.requests.lead")}</p>
          {requests.length === 0 ? <p className="text-sm">—</p> : null}
          <ul className="space-y-3">
            {requests.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-3" data-testid="ceremony-request">
                <span className="font-medium">{pick(locale, r.title, r.titleZh)}</span>
                <span className="text-sm text-stone-600">
                  {t("ceremony.requests.by", { org: pick(locale, r.initiatorOrg.nameEn, r.initiatorOrg.nameNative) })} ·{" "}
                  {t(`accords.status.${r.status}`)}
                </span>
                <Form method="post" className="flex gap-2">
                  <input type="hidden" name="accordId" value={r.id} />
                  <button type="submit" name="intent" value="accept" className="rounded bg-blue-900 px-3 py-1 text-sm text-white">
                    {t("ceremony.requests.accept")}
                  </button>
                  <button type="submit" name="intent" value="decline" className="rounded border border-stone-400 px-3 py-1 text-sm">
                    {t("ceremony.requests.decline")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
