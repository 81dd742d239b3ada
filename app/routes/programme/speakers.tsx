import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { publicSpeakers } from "~/domain/programme/speakers-view.server";
import { useT } from "~/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { getUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Speakers · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await resolveLocale(request, user);
  const result = await publicSpeakers(params.slug ?? "", user, locale);
  if (!result) throw new Response("Not found", { status: 404 });
  return result;
}

export default function Speakers() {
  const { conference, speakers } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p>
        <Link to={`/conferences/${conference.slug}/programme`} className="text-blue-900 underline">
          ← {t("programme.title")}
        </Link>
      </p>
      <h1 className="mb-4 mt-2 text-3xl font-bold">{t("programme.speakers")}</h1>
      {speakers.length === 0 ? <p>{t("programme.speakers.empty")}</p> : null}
      <ul className="grid gap-3 sm:grid-cols-2">
        {speakers.map((s) => (
          <li key={s.id} className="flex gap-3 rounded-md border border-stone-300 bg-white p-3">
            {s.hasPhoto ? (
              <img
                src={`/conferences/${conference.slug}/speakers/${s.id}/photo?v=${s.version}`}
                alt=""
                width={64}
                height={64}
                className="h-16 w-16 rounded object-cover"
              />
            ) : null}
            <div>
              <Link to={`/conferences/${conference.slug}/speakers/${s.id}`} className="font-semibold text-blue-900 underline">
                {s.name}
              </Link>
              {s.nameNative ? <span lang="und"> · {s.nameNative}</span> : null}
              <p className="text-sm text-stone-700">{[s.position, s.organization].filter(Boolean).join(", ")}</p>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
