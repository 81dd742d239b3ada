import { isUuid } from "~/utils/validation";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/forms";
import { getSessionPage } from "~/domain/programme/get-session-page.server";
import { dayLabel, toRow } from "~/domain/programme/programme-view.server";
import { toggleStar } from "~/domain/programme/toggle-star.server";
import { workshopSignup } from "~/domain/programme/workshop-signup.server";
import { offsetLabel } from "~/utils/zoned-time";
import { pick, useT } from "~/i18n";
import { AppError } from "~/utils/errors";
import { orRespond, safeRedirectPath } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { getUser, requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.session.title} · Concord` : "Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const found = await getSessionPage({ actor: user, slug: params.slug ?? "", sessionId: params.id ?? "" });
  if (!found) throw new Response("Not found", { status: 404 });
  const { session, isPublic, starred, signedUp } = found;
  const locale = await resolveLocale(request, user);
  const zone = session.conference.timeZone;
  const row = session.startsAt && session.endsAt ? toRow(session, zone, locale) : null;
  return {
    conference: {
      slug: session.conference.slug,
      title: pick(locale, session.conference.title, session.conference.titleZh),
      timeZone: zone,
      offset: offsetLabel(session.startsAt ?? session.conference.startDate, zone),
    },
    session: {
      ...(row ? { ...row, dayLabel: dayLabel(row.day, locale, "full") } : null),
      id: session.id,
      title: pick(locale, session.title, session.titleZh),
      abstract: pick(locale, session.abstract, session.abstractZh),
      kind: session.kind,
      language: session.language,
      track: session.track ? pick(locale, session.track.name, session.track.nameZh) : null,
      room: session.room ? pick(locale, session.room.name, session.room.nameZh) : null,
      scheduled: !!session.startsAt,
      signupCapacity: session.signupRequired ? session.signupCapacity : null,
      seatsLeft: session.signupRequired && session.signupCapacity ? Math.max(0, session.signupCapacity - session._count.signups) : null,
      speakers: session.speakers.map((p) => ({
        id: p.speaker.id,
        name: p.speaker.nameLatin,
        nameNative: p.speaker.nameNative,
        organization: p.speaker.organization,
        role: p.role,
      })),
    },
    isPublic,
    signedIn: !!user,
    starred,
    signedUp,
  };
}

/** Star / unstar (agenda) and workshop sign-up / cancel, each for the signed-in user only. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = form.get("intent");
  const slug = params.slug ?? "";
  const sessionId = isUuid(params.id ?? "") ? params.id! : "";
  const back = safeRedirectPath(form.get("redirectTo"), `/conferences/${slug}/sessions/${params.id}`);
  try {
    if (intent === "star" || intent === "unstar") {
      await toggleStar({ actor: user, slug, sessionId, starred: intent === "star" });
      return redirectWithToast(back, { message: intent === "star" ? "programme.starred" : "programme.unstarred" });
    }
    if (intent === "signup" || intent === "cancel") {
      await workshopSignup({ actor: user, slug, sessionId, join: intent === "signup" });
      return redirectWithToast(back, {
        message: intent === "signup" ? "programme.session.signupDone" : "programme.session.signupCancelled",
      });
    }
  } catch (error) {
    // A full workshop is the user's business, shown on the page; other errors go to the boundary.
    if (error instanceof AppError && error.status === 409) return data({ error: error.userMessage }, { status: 409 });
    return orRespond(() => Promise.reject(error));
  }
  return data({ error: "error.badRequest" }, { status: 400 });
}

export default function SessionPage() {
  const { conference, session: s, signedIn, starred, signedUp, isPublic } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { error?: string } | undefined;
  const t = useT();
  return (
    <article>
      <p>
        <Link to={`/conferences/${conference.slug}/programme`} className="text-blue-900 underline">
          ← {t("programme.session.back")}
        </Link>
      </p>
      <h1 className="mb-2 mt-2 text-3xl font-bold">{s.title}</h1>
      <FormErrors id="session-errors" errors={actionData?.error ? [actionData.error] : undefined} />
      <dl className="mb-4 grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
        <dt className="font-medium">{t("programme.session.when")}</dt>
        <dd data-testid="session-when">
          {s.scheduled && "day" in s ? (
            <>
              {s.dayLabel as string}, {s.start}–{s.end}
              {s.endsNextDay ? ` ${t("programme.nextDay")}` : ""}{" "}
              <span className="text-sm text-stone-600">
                ({t("common.timeZoneLabel", { zone: conference.timeZone, offset: conference.offset })})
              </span>
            </>
          ) : (
            t("programme.session.notScheduled")
          )}
        </dd>
        <dt className="font-medium">{t("programme.session.where")}</dt>
        <dd>{s.room ?? t("programme.noRoom")}</dd>
        <dt className="font-medium">{t("programme.session.kind")}</dt>
        <dd>{t(`programme.kind.${s.kind}`)}</dd>
        {s.track ? (
          <>
            <dt className="font-medium">{t("programme.session.track")}</dt>
            <dd>{s.track}</dd>
          </>
        ) : null}
        <dt className="font-medium">{t("programme.session.language")}</dt>
        <dd>{t(`programme.lang.${s.language as "en"}`)}</dd>
      </dl>
      {s.abstract ? <div className="mb-6 max-w-2xl whitespace-pre-line">{s.abstract}</div> : null}
      {s.speakers.length ? (
        <section aria-labelledby="speakers-title" className="mb-6">
          <h2 id="speakers-title" className="mb-2 text-xl font-semibold">
            {t("programme.speakers")}
          </h2>
          <ul className="space-y-1">
            {s.speakers.map((p) => (
              <li key={p.id}>
                <Link to={`/conferences/${conference.slug}/speakers/${p.id}`} className="text-blue-900 underline">
                  {p.name}
                  {p.nameNative ? ` · ${p.nameNative}` : ""}
                </Link>
                {p.organization ? `, ${p.organization}` : ""}{" "}
                <span className="text-sm text-stone-600">({t(`programme.role.${p.role}`)})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {isPublic && s.scheduled ? (
        <div className="flex flex-wrap items-center gap-4">
          {signedIn ? (
            <Form method="post">
              <input type="hidden" name="intent" value={starred ? "unstar" : "star"} />
              <button
                type="submit"
                aria-pressed={starred}
                className="rounded-md border border-blue-900 px-4 py-2 font-medium text-blue-900"
              >
                {starred ? `★ ${t("programme.unstar")}` : `☆ ${t("programme.star")}`}
              </button>
            </Form>
          ) : (
            <p>
              <Link to={`/login?redirectTo=/conferences/${conference.slug}/sessions/${s.id}`} className="text-blue-900 underline">
                {t("programme.session.signInToStar")}
              </Link>
            </p>
          )}
          <a href={`/conferences/${conference.slug}/sessions/${s.id}/calendar.ics`} className="text-blue-900 underline" download>
            {t("programme.session.ics")}
          </a>
        </div>
      ) : null}
      {isPublic && s.signupCapacity ? (
        <section className="mt-6 rounded-md border border-stone-300 bg-white p-4">
          <p>{t("programme.session.seats", { left: s.seatsLeft ?? 0, total: s.signupCapacity })}</p>
          {signedUp ? <p className="font-medium">{t("programme.session.signedUp")}</p> : null}
          {signedIn ? (
            signedUp || (s.seatsLeft ?? 0) > 0 ? (
              <Form method="post" className="mt-2">
                <input type="hidden" name="intent" value={signedUp ? "cancel" : "signup"} />
                <button type="submit" className="rounded-md bg-blue-900 px-4 py-2 font-medium text-white">
                  {t(signedUp ? "programme.session.cancelSignup" : "programme.session.signup")}
                </button>
              </Form>
            ) : (
              <p>{t("programme.session.full")}</p>
            )
          ) : null}
        </section>
      ) : null}
    </article>
  );
}
