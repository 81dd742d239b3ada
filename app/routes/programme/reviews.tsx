import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { organizerContext } from "~/domain/programme/page-context.server";
import { reviewQueue } from "~/domain/programme/reviews-view.server";
import { pick, useLocale, useT } from "~/i18n";
import { resolveLocale } from "~/utils/locale.server";

export const meta: MetaFunction = () => [{ title: "Reviews · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, conference } = await organizerContext(request, params.slug, "programme:review");
  return {
    conference: { slug: conference.slug, title: conference.title, titleZh: conference.titleZh },
    proposals: await reviewQueue(user, conference.id, await resolveLocale(request, user)),
  };
}

export default function ReviewQueue() {
  const { conference, proposals } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1 className="mb-4 text-3xl font-bold">
        {t("programme.review.title", { conference: pick(locale, conference.title, conference.titleZh) })}
      </h1>
      {proposals.length === 0 ? <p>{t("programme.review.none")}</p> : null}
      <ul className="space-y-2">
        {proposals.map((p) => (
          <li key={p.id} className="rounded-md border border-stone-300 bg-white p-3">
            <Link to={`/conferences/${conference.slug}/reviews/${p.id}`} className="font-medium text-blue-900 underline">
              {p.title}
            </Link>
            <span className="block text-sm text-stone-700">
              {t(`programme.kind.${p.format}`)} · {p.track ?? t("programme.noTrack")} ·{" "}
              {t(p.reviewed ? "programme.review.done" : "programme.review.todo")}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
