import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { cfpPage } from "~/domain/programme/cfp-page.server";
import { myProposals } from "~/domain/programme/reviews-view.server";
import { useT } from "~/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { getUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Call for proposals · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const page = await cfpPage(params.slug ?? "", await resolveLocale(request, user));
  if (!page) throw new Response("Not found", { status: 404 });
  return { ...page, signedIn: !!user, mine: user ? await myProposals(user.id, page.conference.id) : [] };
}

export default function CallForProposals() {
  const { conference, phase, call, signedIn, mine } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="max-w-3xl">
      <p>
        <Link to={`/conferences/${conference.slug}`} className="text-blue-900 underline">
          ← {conference.title}
        </Link>
      </p>
      <h1 className="mb-4 mt-2 text-3xl font-bold">{t("programme.cfp.publicTitle", { conference: conference.title })}</h1>
      {call ? (
        <>
          {call.intro ? <p className="mb-4 whitespace-pre-line">{call.intro}</p> : null}
          <p className="mb-1">{t("programme.cfp.window", { opens: call.opensAt, closes: call.closesAt })}</p>
          <p className="mb-4 text-sm text-stone-700" data-testid="time-zone">
            {t("common.timeZoneLabel", { zone: conference.timeZone, offset: conference.offset })}
          </p>
          <p className="mb-4">
            {t("programme.cfp.formats")}: {call.formats.map((f) => t(`programme.kind.${f}`)).join(", ")}
          </p>
        </>
      ) : null}
      <p role="status" className="mb-6 rounded-md border border-stone-300 bg-stone-50 p-3" data-testid="cfp-phase">
        {t(`programme.cfp.phase.${phase}`)}
      </p>
      {phase === "open" ? (
        signedIn ? (
          <p className="mb-6">
            <Link to={`/conferences/${conference.slug}/proposals/new`} className="rounded-md bg-blue-900 px-4 py-2 font-medium text-white">
              {t("programme.proposal.new")}
            </Link>
          </p>
        ) : (
          <p className="mb-6">
            <Link
              to={`/login?redirectTo=${encodeURIComponent(`/conferences/${conference.slug}/proposals/new`)}`}
              className="text-blue-900 underline"
            >
              {t("programme.proposal.signIn")}
            </Link>
          </p>
        )
      ) : null}
      {mine.length ? (
        <section aria-labelledby="my-proposals">
          <h2 id="my-proposals" className="mb-2 text-xl font-semibold">
            {t("programme.proposal.mine")}
          </h2>
          <ul className="list-disc pl-5">
            {mine.map((p) => (
              <li key={p.id}>
                <Link to={`/conferences/${conference.slug}/proposals/${p.id}`} className="text-blue-900 underline">
                  {p.title}
                </Link>{" "}
                · {t(`programme.proposal.status.${p.status}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
