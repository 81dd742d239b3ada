import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConferenceForm } from "~/components/conference-form";
import { createConference } from "~/domain/conferences/create-conference.server";
import { getConferenceHost } from "~/domain/conferences/get-conference-host.server";
import { conferenceFormOptions } from "~/domain/conferences/form-options.server";
import { conferenceSchema } from "~/domain/conferences/schema";
import { pick, useLocale, useT } from "~/i18n";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "New conference · Concord" }];

/** The host organization named by ?org=<slug>, which the user must be allowed to create conferences for. */
async function hostFor(request: Request) {
  const user = await requireUser(request);
  const orgSlug = new URL(request.url).searchParams.get("org") ?? "";
  const org = await orRespond(() => getConferenceHost({ actor: user, orgSlug }));
  return { user, org };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, org } = await hostFor(request);
  return { org, options: conferenceFormOptions(await resolveLocale(request, user)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, org } = await hostFor(request);
  const submission = parseWithZod(await request.formData(), { schema: conferenceSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await runForm(request, submission, () => createConference({ actor: user, orgSlug: org.slug, input: submission.value }));
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirectWithToast(`/conferences/${outcome.value.slug}`, { message: "conf.new.created" });
}

export default function NewConference() {
  const { org, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <p>
        <Link to={`/orgs/${org.slug}`} className="text-blue-900 underline">
          ← {pick(locale, org.nameEn, org.nameNative)}
        </Link>
      </p>
      <h1 className="mb-2 mt-2 text-3xl font-bold">{t("conf.new.title")}</h1>
      <p className="mb-6 max-w-2xl text-stone-700">{t("conf.new.lead", { org: pick(locale, org.nameEn, org.nameNative) })}</p>
      <ConferenceForm
        lastResult={lastResult}
        options={options}
        defaults={{ country: org.country, defaultLocale: locale }}
        submitLabel={t("conf.new.submit")}
      />
    </>
  );
}
