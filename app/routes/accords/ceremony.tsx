import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { getCeremonyBoard } from "~/domain/accords/get-ceremony-board.server";
import { pick, useLocale, useT } from "~/i18n";
import { getUser } from "~/utils/session.server";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Signing ceremony · Concord" }];

/**
 * The board shown on the screen at the signing ceremony: accords of the
 * conference that are awaiting signatures or executed, party by party. Public
 * for published conferences (only names and signing times are shown).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const board = await getCeremonyBoard({ actor: await getUser(request), slug: params.slug ?? "" });
  if (!board) throw new Response("Not found", { status: 404 });
  return board;
}

export default function Ceremony() {
  const { conference, accords } = useLoaderData<typeof loader>();
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
    </>
  );
}
