import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { ManageNav } from "~/components/registration";
import { importBankStatement } from "~/domain/registration/import-bank-statement.server";
import { getManagedConference } from "~/domain/registration/get-managed-conference.server";
import { useT } from "~/i18n";
import { isAppError } from "~/utils/errors";
import { orRespond, toResponse } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Import bank statement · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const conference = await orRespond(() => getManagedConference({ actor: user, slug: params.slug ?? "" }));
  return { slug: conference.slug };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const file = form.get("statement");
  const csv = typeof file === "string" ? file : file ? await file.text() : "";
  try {
    const result = await importBankStatement({ actor: user, slug: params.slug ?? "", csv });
    return { ok: true as const, ...result };
  } catch (error) {
    if (isAppError(error) && error.status === 400) return data({ ok: false as const, error: error.userMessage }, { status: 400 });
    if (isAppError(error)) throw toResponse(error);
    throw error;
  }
}

export default function ImportStatement() {
  const { slug } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <p>
        <Link to={`/conferences/${slug}/manage/registrations`} className="text-blue-900 underline">
          ← {t("reg.manage.title")}
        </Link>
      </p>
      <h1 className="mb-2 mt-2 text-3xl font-bold">{t("reg.manage.import")}</h1>
      <ManageNav slug={slug} />
      {result && !result.ok ? (
        <p role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-red-800">
          {t("reg.error.badCsv")}
        </p>
      ) : null}
      {result?.ok ? (
        <div role="status" className="mb-4 rounded-md border border-green-700 bg-green-50 p-3">
          <p>{t("reg.manage.imported", { matched: result.matched, unmatched: result.unmatched.length })}</p>
          {result.unmatched.length ? (
            <>
              <h2 className="mt-2 font-semibold">{t("reg.manage.unmatched")}</h2>
              <ul className="list-disc pl-6">
                {result.unmatched.map((u) => (
                  <li key={u.line}>
                    {u.line}: {u.text}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="max-w-xl">
        <label htmlFor="statement" className="block font-medium">
          {t("reg.manage.importFile")}
        </label>
        <input id="statement" name="statement" type="file" accept=".csv,text/csv" required className="mb-4 mt-1 block" />
        <SubmitButton>{t("reg.manage.importSubmit")}</SubmitButton>
      </Form>
    </>
  );
}
