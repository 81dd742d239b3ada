import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { listAgenda } from "~/domain/programme/list-agenda.server";
import { toRow } from "~/domain/programme/programme-view.server";
import { regenerateFeed } from "~/domain/programme/regenerate-feed.server";
import { pick, useT } from "~/i18n";
import { absoluteUrl } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "My agenda · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await resolveLocale(request, user);
  const { sessions, hasFeed } = await listAgenda({ actor: user });
  return {
    items: sessions.map((session) => ({
      ...toRow(session, session.conference.timeZone, locale),
      conference: {
        slug: session.conference.slug,
        title: pick(locale, session.conference.title, session.conference.titleZh),
        timeZone: session.conference.timeZone,
      },
    })),
    hasFeed,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { token } = await regenerateFeed({ actor: user });
  return data({ feedUrl: absoluteUrl(`/feeds/agenda/${token}.ics`) });
}

export default function MyAgenda() {
  const { items, hasFeed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <h1 className="mb-4 text-3xl font-bold">{t("programme.agenda.title")}</h1>
      {items.length === 0 ? <p>{t("programme.agenda.empty")}</p> : null}
      <ul className="mb-8 space-y-2">
        {items.map((i) => (
          <li
            key={i.id}
            className="border-l-4 bg-white p-3"
            style={{ borderColor: i.track?.colour ?? "#d6d3d1" }}
            data-testid="agenda-item"
          >
            <p className="text-sm text-stone-700">
              {i.conference.title} · {i.day} {i.start}–{i.end} ({i.conference.timeZone}){i.room ? ` · ${i.room.name}` : ""}
            </p>
            <Link to={`/conferences/${i.conference.slug}/sessions/${i.id}`} className="font-semibold text-blue-900 underline">
              {i.title}
            </Link>
          </li>
        ))}
      </ul>
      <section aria-labelledby="feed-title" className="max-w-2xl rounded-md border border-stone-300 bg-white p-4">
        <h2 id="feed-title" className="mb-2 text-xl font-semibold">
          {t("programme.agenda.feed")}
        </h2>
        <p className="mb-3">{t("programme.agenda.feed.lead")}</p>
        {actionData?.feedUrl ? (
          <div className="mb-3">
            <label htmlFor="feed-url" className="block font-medium">
              {t("programme.agenda.feed.shown")}
            </label>
            <input
              id="feed-url"
              readOnly
              value={actionData.feedUrl}
              className="mt-1 block w-full rounded-md border border-stone-400 px-3 py-2 font-mono text-sm"
              data-testid="feed-url"
            />
          </div>
        ) : hasFeed ? (
          <p className="mb-3 text-stone-700">{t("programme.agenda.feed.exists")}</p>
        ) : null}
        <Form method="post">
          <SubmitButton variant={hasFeed ? "secondary" : "primary"}>
            {t(hasFeed || actionData ? "programme.agenda.feed.regenerate" : "programme.agenda.feed.create")}
          </SubmitButton>
        </Form>
      </section>
    </>
  );
}
