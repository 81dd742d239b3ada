import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConferenceForm } from "~/components/conference-form";
import { ConfirmAsk } from "~/components/confirm";
import { SubmitButton } from "~/components/forms";
import { getConferenceForEdit } from "~/domain/conferences/get-conference-for-edit.server";
import { conferenceFormOptions } from "~/domain/conferences/form-options.server";
import { conferenceSchema, statusSchema } from "~/domain/conferences/schema";
import { setConferenceStatus } from "~/domain/conferences/set-conference-status.server";
import { updateConference } from "~/domain/conferences/update-conference.server";
import { pick, useLocale, useT, type MessageKey } from "~/i18n";
import { confirmFirst, splitAsk } from "~/utils/confirm";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { requireUser } from "~/utils/session.server";
import { isoDay } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Edit conference · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const c = await orRespond(() => getConferenceForEdit({ actor: user, slug: params.slug ?? "" }));
  const { slug, status, startDate, endDate, ...rest } = c;
  return {
    slug,
    status,
    defaults: { ...rest, startDate: isoDay(startDate), endDate: isoDay(endDate) },
    options: conferenceFormOptions(await resolveLocale(request, user)),
  };
}

const STATUS_TOAST: Record<string, MessageKey> = {
  PUBLISHED: "conf.status.published",
  DRAFT: "conf.status.unpublished",
  ARCHIVED: "conf.status.archived",
};

const STATUS_CONFIRM = {
  PUBLISHED: { title: "conf.confirm.publishTitle", yes: "conf.confirm.publishYes" },
  DRAFT: { title: "conf.confirm.unpublishTitle", yes: "conf.confirm.unpublishYes" },
  ARCHIVED: { title: "conf.confirm.archiveTitle", yes: "conf.confirm.archiveYes" },
} as const satisfies Record<string, { title: MessageKey; yes: MessageKey }>;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const formData = await request.formData();
  if (formData.get("intent") === "status") {
    const submission = parseWithZod(formData, { schema: statusSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    const { status } = submission.value;
    const outcome = await runForm(request, submission, () =>
      confirmFirst(formData, (confirmed) => setConferenceStatus({ actor: user, slug, status, confirmed })),
    );
    if (!outcome.ok) return data(outcome.result, { status: outcome.status });
    if (!outcome.value.done) return { ...outcome.value.ask, status };
    return redirectWithToast(`/conferences/${slug}/edit`, { message: STATUS_TOAST[outcome.value.value.status] });
  }
  const submission = parseWithZod(formData, { schema: conferenceSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await runForm(request, submission, () => updateConference({ actor: user, slug, input: submission.value }));
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirectWithToast(`/conferences/${outcome.value.slug}`, { message: "conf.edit.saved" });
}

function StatusButton({ status, label, variant }: { status: string; label: string; variant?: "primary" | "secondary" | "danger" }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="status" />
      <SubmitButton name="status" value={status} variant={variant}>
        {label}
      </SubmitButton>
    </Form>
  );
}

export default function EditConference() {
  const { slug, status, defaults, options } = useLoaderData<typeof loader>();
  const { ask, result: lastResult } = splitAsk(useActionData<typeof action>());
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <p>
        <Link to={`/conferences/${slug}`} className="text-blue-900 underline">
          ← {pick(locale, defaults.title, defaults.titleZh)}
        </Link>
      </p>
      <h1 className="mb-4 mt-2 text-3xl font-bold">{t("conf.edit.title")}</h1>
      <section aria-labelledby="status-title" className="mb-8 rounded-md border border-stone-300 bg-white p-4">
        <h2 id="status-title" className="text-lg font-semibold">
          {t("conf.status.title")}
        </h2>
        <p className="mb-3">{t("conf.status.current", { status: t(`conf.status.${status}`) })}</p>
        {ask ? <ConfirmAsk ask={ask} title={t(STATUS_CONFIRM[ask.status].title)} yes={t(STATUS_CONFIRM[ask.status].yes)} /> : null}
        <div className="flex flex-wrap gap-3">
          {status !== "PUBLISHED" ? <StatusButton status="PUBLISHED" label={t("conf.status.publish")} /> : null}
          {status === "PUBLISHED" ? <StatusButton status="DRAFT" label={t("conf.status.unpublish")} variant="secondary" /> : null}
          {status !== "ARCHIVED" ? <StatusButton status="ARCHIVED" label={t("conf.status.archive")} variant="danger" /> : null}
        </div>
        <p className="mt-3">
          <Link to={`/conferences/${slug}/roles`} className="text-blue-900 underline">
            {t("conf.page.roles")}
          </Link>
        </p>
      </section>
      <ConferenceForm lastResult={lastResult} options={options} defaults={defaults} submitLabel={t("common.save")} />
    </>
  );
}
