import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmAsk } from "~/components/confirm";
import { TableScroll } from "~/components/table-scroll";
import { FormErrors } from "~/components/forms";
import { ManageNav } from "~/components/programme";
import { deleteProgrammeItem } from "~/domain/programme/delete-programme-item.server";
import { listManagedSpeakers } from "~/domain/programme/list-managed-speakers.server";
import { inviteSpeaker } from "~/domain/programme/invite-speaker.server";
import { organizerContext } from "~/domain/programme/page-context.server";
import { deleteSchema, inviteSpeakerSchema } from "~/domain/programme/schema";
import { useT, type MessageKey } from "~/i18n";
import { confirmFirst, splitAsk } from "~/utils/confirm";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Speakers · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { conference, speakers } = await orRespond(() => listManagedSpeakers({ actor: user, slug: params.slug ?? "" }));
  return {
    conference: { slug: conference.slug },
    speakers: speakers.map(({ _count, userId, ...s }) => ({ ...s, linked: !!userId, sessions: _count.sessions })),
  };
}

type ActionResult = { speakerId: string; result: SubmissionResult<string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, conference } = await organizerContext(request, params.slug);
  const formData = await request.formData();
  const back = `/conferences/${conference.slug}/manage/programme/speakers`;
  if (formData.get("intent") === "delete-speaker") {
    const submission = parseWithZod(formData, { schema: deleteSchema });
    if (submission.status !== "success") return data<ActionResult>({ speakerId: "", result: submission.reply() }, { status: 400 });
    const { id } = submission.value;
    const outcome = await orRespond(() =>
      confirmFirst(formData, (confirmed) => deleteProgrammeItem({ actor: user, slug: conference.slug, kind: "speaker", id, confirmed })),
    );
    if (!outcome.done) return outcome.ask;
    return redirectWithToast(back, { message: "programme.manage.deleted" });
  }
  const submission = parseWithZod(formData, { schema: inviteSpeakerSchema });
  const speakerId = String(formData.get("speakerId") ?? "");
  if (submission.status !== "success") return data<ActionResult>({ speakerId, result: submission.reply() }, { status: 400 });
  const outcome = await runForm(request, submission, () =>
    inviteSpeaker({ actor: user, slug: conference.slug, speakerId, email: submission.value.email }),
  );
  if (!outcome.ok) return data<ActionResult>({ speakerId, result: outcome.result }, { status: outcome.status });
  return redirectWithToast(back, { message: "programme.speakers.invited" });
}

function InviteForm({
  speaker,
  lastResult,
}: {
  speaker: { id: string; nameLatin: string; email: string | null; invitation: string };
  lastResult?: SubmissionResult<string[]>;
}) {
  const t = useT();
  const [form, fields] = useForm({
    id: `invite-${speaker.id}`,
    lastResult,
    defaultValue: { email: speaker.email ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSpeakerSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const props = getInputProps(fields.email, { type: "email" });
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-start gap-2">
      <input type="hidden" name="intent" value="invite" />
      <input type="hidden" name="speakerId" value={speaker.id} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <label htmlFor={fields.email.id} className="sr-only">
        {t("programme.speakers.inviteEmailFor", { name: speaker.nameLatin })}
      </label>
      <input {...props} key={props.key} autoFocus={!!fields.email.errors} className="rounded-md border border-stone-400 px-2 py-1" />
      <button
        type="submit"
        className="rounded-md border border-blue-900 px-3 py-1 text-blue-900"
        aria-label={t(speaker.invitation === "NOT_INVITED" ? "programme.speakers.inviteFor" : "programme.speakers.inviteAgainFor", {
          name: speaker.nameLatin,
        })}
      >
        {t(speaker.invitation === "NOT_INVITED" ? "programme.speakers.invite" : "programme.speakers.inviteAgain")}
      </button>
      {fields.email.errors?.length ? (
        <p id={fields.email.errorId} className="w-full text-sm text-red-700">
          {t(fields.email.errors[0] as MessageKey)}
        </p>
      ) : null}
    </Form>
  );
}

export default function ManageSpeakers() {
  const { conference, speakers } = useLoaderData<typeof loader>();
  const { ask, result } = splitAsk(useActionData<typeof action>());
  const actionData = result as ActionResult | undefined;
  const t = useT();
  return (
    <>
      <h1 className="mb-4 text-3xl font-bold">{t("programme.manage.speakers")}</h1>
      <ManageNav slug={conference.slug} />
      <ConfirmAsk ask={ask} title={t("programme.confirm.deleteSpeakerTitle")} yes={t("programme.confirm.deleteSpeakerYes")} />
      <p className="mb-4">
        <Link
          to={`/conferences/${conference.slug}/manage/programme/speakers/new`}
          className="rounded-md bg-blue-900 px-4 py-2 font-medium text-white"
        >
          {t("programme.speakers.add")}
        </Link>
      </p>
      {speakers.length === 0 ? (
        <p>{t("programme.speakers.none")}</p>
      ) : (
        <TableScroll label={t("programme.manage.speakers")}>
          <table className="w-full border-collapse text-left">
            <thead>
              <tr className="border-b border-stone-400">
                <th className="p-2">{t("programme.speakers.col.name")}</th>
                <th className="p-2">{t("programme.speakers.col.sessions")}</th>
                <th className="p-2">{t("programme.speakers.col.invitation")}</th>
                <th className="p-2">{t("programme.speakers.col.invite")}</th>
                <th className="p-2">
                  <span className="sr-only">{t("programme.manage.edit")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {speakers.map((s) => (
                <tr key={s.id} className="border-b border-stone-200 align-top" data-testid="speaker-row">
                  <td className="p-2">
                    <span className="font-medium">{s.nameLatin}</span>
                    {s.nameNative ? <span lang="zh"> · {s.nameNative}</span> : null}
                    {s.organization ? <span className="block text-sm text-stone-600">{s.organization}</span> : null}
                    {s.linked ? <span className="block text-sm text-green-800">{t("programme.speakers.hasAccount")}</span> : null}
                  </td>
                  <td className="p-2">{s.sessions}</td>
                  <td className="p-2">{t(`programme.invitation.${s.invitation}`)}</td>
                  <td className="p-2">
                    <InviteForm speaker={s} lastResult={actionData?.speakerId === s.id ? actionData.result : undefined} />
                  </td>
                  <td className="flex gap-2 p-2">
                    <Link
                      to={`/conferences/${conference.slug}/manage/programme/speakers/${s.id}`}
                      className="text-blue-900 underline"
                      aria-label={t("programme.manage.editFor", { title: s.nameLatin })}
                    >
                      {t("programme.manage.edit")}
                    </Link>
                    <Form method="post">
                      <input type="hidden" name="intent" value="delete-speaker" />
                      <input type="hidden" name="id" value={s.id} />
                      <button
                        type="submit"
                        className="text-red-800 underline"
                        aria-label={t("programme.manage.deleteFor", { name: s.nameLatin })}
                      >
                        {t("programme.manage.delete")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
