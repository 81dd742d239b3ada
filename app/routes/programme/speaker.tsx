import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { publicSpeaker } from "~/domain/programme/speakers-view.server";
import { useT } from "~/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { getUser } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.speaker.name} · Concord` : "Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await resolveLocale(request, user);
  const result = await publicSpeaker(params.slug ?? "", params.id ?? "", user, locale);
  if (!result) throw new Response("Not found", { status: 404 });
  return result;
}

export default function SpeakerPage() {
  const { conference, speaker: s } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article>
      <p>
        <Link to={`/conferences/${conference.slug}/speakers`} className="text-blue-900 underline">
          ← {t("programme.speaker.back")}
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap gap-4">
        {s.hasPhoto ? (
          <img
            src={`/conferences/${conference.slug}/speakers/${s.id}/photo?v=${s.version}`}
            alt=""
            width={128}
            height={128}
            className="h-32 w-32 rounded object-cover"
          />
        ) : null}
        <div>
          <h1 className="text-3xl font-bold">
            {s.name}
            {s.nameNative ? <span lang="und"> · {s.nameNative}</span> : null}
          </h1>
          <p className="text-stone-700">{[s.position, s.organization].filter(Boolean).join(", ")}</p>
        </div>
      </div>
      {s.bio ? <div className="mt-4 max-w-2xl whitespace-pre-line">{s.bio}</div> : null}
      <h2 className="mb-2 mt-6 text-xl font-semibold">{t("programme.speaker.sessions")}</h2>
      <ul className="space-y-1">
        {s.sessions.map((x) => (
          <li key={x.id}>
            {x.when ? (
              <span className="text-sm text-stone-700">
                {x.when} ({conference.timeZone}) ·{" "}
              </span>
            ) : null}
            <Link to={`/conferences/${conference.slug}/sessions/${x.id}`} className="text-blue-900 underline">
              {x.title}
            </Link>{" "}
            <span className="text-sm text-stone-600">({t(`programme.role.${x.role}`)})</span>
          </li>
        ))}
      </ul>
    </article>
  );
}
