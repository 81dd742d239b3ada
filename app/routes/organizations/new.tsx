import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { OrgForm } from "~/components/org-form";
import { createOrganization } from "~/domain/organizations/create-organization.server";
import { requireFounder } from "~/domain/organizations/require-founder.server";
import { createOrgSchema } from "~/domain/organizations/schema";
import { useT } from "~/i18n";
import { countryOptions } from "~/utils/countries";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { requireUser, type SessionUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "New organization · Concord" }];

/** Founding an organization needs a verified email; the page says so instead of a bare "forbidden". */
async function founder(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  return orRespond(() => requireFounder({ actor: user }));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await founder(request);
  return { countries: countryOptions(await resolveLocale(request, user)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await founder(request);
  const submission = parseWithZod(await request.formData(), { schema: createOrgSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await runForm(request, submission, () => createOrganization({ actor: user, input: submission.value }));
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirectWithToast(`/orgs/${outcome.value.slug}`, { message: "org.new.created" });
}

export default function NewOrganization() {
  const { countries } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <h1 className="mb-2 text-3xl font-bold">{t("org.new.title")}</h1>
      <p className="mb-6 max-w-xl text-stone-700">{t("org.new.lead")}</p>
      <OrgForm mode="new" lastResult={lastResult} countries={countries} />
    </>
  );
}
