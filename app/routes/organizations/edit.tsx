import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { OrgForm } from "~/components/org-form";
import { getOrganizationForEdit } from "~/domain/organizations/get-organization-for-edit.server";
import { readOrgFormData } from "~/domain/organizations/read-org-form.server";
import { editOrgSchema } from "~/domain/organizations/schema";
import { updateOrganization } from "~/domain/organizations/update-organization.server";
import { useT } from "~/i18n";
import { countryOptions } from "~/utils/countries";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Edit organization · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const org = await orRespond(() => getOrganizationForEdit({ actor: user, slug: params.slug ?? "" }));
  const { logoType, updatedAt, ...defaults } = org;
  return {
    org: defaults,
    logoUrl: logoType ? `/orgs/${org.slug}/logo?v=${updatedAt.getTime()}` : null,
    countries: countryOptions(await resolveLocale(request, user)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // Checked before the upload is read, so strangers cannot make us parse their files.
  await orRespond(() => getOrganizationForEdit({ actor: user, slug: params.slug ?? "" }));
  const formData = await orRespond(() => readOrgFormData(request));
  const submission = parseWithZod(formData, { schema: editOrgSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { logo, removeLogo, ...input } = submission.value;
  const outcome = await runForm(request, submission, async () =>
    updateOrganization({
      actor: user,
      slug: params.slug!,
      input,
      logo: logo ? new Uint8Array(await logo.arrayBuffer()) : undefined,
      removeLogo,
    }),
  );
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirectWithToast(`/orgs/${outcome.value.slug}`, { message: "org.edit.saved" });
}

export default function EditOrganization() {
  const { org, logoUrl, countries } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <p>
        <Link to={`/orgs/${org.slug}`} className="text-blue-900 underline">
          ← {org.nameEn}
        </Link>
      </p>
      <h1 className="mb-6 mt-2 text-3xl font-bold">{t("org.edit.title")}</h1>
      <OrgForm mode="edit" lastResult={lastResult} countries={countries} defaults={org} logoUrl={logoUrl} />
    </>
  );
}
