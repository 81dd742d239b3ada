import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { CheckboxGroup, Field, FormErrors, SubmitButton, firstErrorField } from "~/components/forms";
import { ConfirmAsk } from "~/components/confirm";
import { changeMemberRoles } from "~/domain/organizations/change-member-roles.server";
import { getOrganizationMembers } from "~/domain/organizations/get-organization-members.server";
import { inviteMember } from "~/domain/organizations/invite-member.server";
import { removeMember } from "~/domain/organizations/remove-member.server";
import { revokeInvitation } from "~/domain/organizations/revoke-invitation.server";
import { rolesText } from "~/domain/organizations/roles-text";
import { inviteSchema, memberSchema, ORG_ROLES, removeMemberSchema, revokeInvitationSchema } from "~/domain/organizations/schema";
import { useT, type MessageKey } from "~/i18n";
import { confirmFirst, splitAsk, type ConfirmationAsk } from "~/utils/confirm";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { requireUser } from "~/utils/session.server";
import { formatDateTime } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Members · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { org, members, invitations } = await orRespond(() => getOrganizationMembers({ actor: user, slug: params.slug ?? "" }));
  const locale = await resolveLocale(request, user);
  return {
    org,
    me: user.id,
    members,
    // Formatted here: the browser's ICU may differ and break hydration.
    invitations: invitations.map((inv) => ({ ...inv, expires: formatDateTime(inv.expiresAt, "UTC", locale) })),
  };
}

type ActionResult = { form: string; result: SubmissionResult<string[]> };

const schemas = {
  invite: inviteSchema,
  "update-member": memberSchema,
  "remove-member": removeMemberSchema,
  "revoke-invitation": revokeInvitationSchema,
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (!(intent in schemas)) throw new Response("Unknown intent", { status: 400 });
  const submission = parseWithZod(formData, { schema: schemas[intent as keyof typeof schemas] });
  // Each form on the page reads only its own result (member forms are keyed by the member).
  const formKey = intent === "invite" ? "invite" : `${intent}:${String(formData.get("userId") ?? formData.get("invitationId") ?? "")}`;
  if (submission.status !== "success") return data<ActionResult>({ form: formKey, result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const outcome = await runForm(
    request,
    submission,
    async (): Promise<{ message: MessageKey; vars?: Record<string, string>; to: string } | ConfirmationAsk> => {
      switch (v.intent) {
        case "invite":
          await inviteMember({ actor: user, slug, email: v.email, roles: v.roles });
          return { message: "org.members.invited" as MessageKey, vars: { email: v.email }, to: `/orgs/${slug}/members` };
        case "update-member":
          await changeMemberRoles({ actor: user, slug, userId: v.userId, roles: v.roles, position: v.position });
          return { message: "org.members.updated" as MessageKey, to: `/orgs/${slug}/members` };
        case "remove-member": {
          const removal = await confirmFirst(formData, (confirmed) => removeMember({ actor: user, slug, userId: v.userId, confirmed }));
          if (!removal.done) return removal.ask;
          return {
            message: "org.members.removed" as MessageKey,
            to: removal.value.removedSelf ? `/orgs/${slug}` : `/orgs/${slug}/members`,
          };
        }
        case "revoke-invitation": {
          const revocation = await confirmFirst(formData, (confirmed) =>
            revokeInvitation({ actor: user, slug, invitationId: v.invitationId, confirmed }),
          );
          if (!revocation.done) return revocation.ask;
          return { message: "org.invitations.revoked" as MessageKey, to: `/orgs/${slug}/members` };
        }
      }
    },
  );
  if (!outcome.ok) return data<ActionResult>({ form: formKey, result: outcome.result }, { status: outcome.status });
  if ("confirm" in outcome.value) return outcome.value;
  const { to, ...toast } = outcome.value;
  return redirectWithToast(to, toast);
}

function useResultFor(key: string) {
  const actionData = splitAsk(useActionData<typeof action>()).result as ActionResult | undefined;
  return actionData?.form === key ? actionData.result : undefined;
}

function InviteForm() {
  const t = useT();
  const lastResult = useResultFor("invite");
  const [form, fields] = useForm({
    id: "invite",
    lastResult,
    defaultValue: { roles: [] as string[] },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const focus = firstErrorField(lastResult);
  return (
    <Form method="post" {...getFormProps(form)} className="max-w-xl">
      <input type="hidden" name="intent" value="invite" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field meta={fields.email} type="email" label={t("org.invite.email")} autoComplete="off" autoFocus={focus === "email"} />
      <CheckboxGroup
        meta={fields.roles}
        legend={t("org.invite.roles")}
        options={ORG_ROLES.map((r) => ({ value: r, label: t(`org.role.${r}`) }))}
      />
      <p className="mb-4 text-sm text-stone-600">{t("org.invite.rolesHint")}</p>
      <SubmitButton>{t("org.invite.submit")}</SubmitButton>
    </Form>
  );
}

type MemberRow = {
  roles: string[];
  position: string | null;
  user: { id: string; email: string; nameLatin: string; nameNative: string | null };
};

function MemberForm({ member, isMe }: { member: MemberRow; isMe: boolean }) {
  const t = useT();
  const key = `update-member:${member.user.id}`;
  const lastResult = useResultFor(key);
  const removeResult = useResultFor(`remove-member:${member.user.id}`);
  const [form, fields] = useForm({
    id: `member-${member.user.id}`,
    lastResult,
    defaultValue: { roles: member.roles, position: member.position ?? "", userId: member.user.id },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: memberSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const focus = firstErrorField(lastResult);
  const name = member.user.nameLatin + (isMe ? ` (${t("org.members.you")})` : "");
  return (
    <li className="rounded-md border border-stone-300 bg-white p-4">
      <h3 className="font-semibold">
        {name}
        {member.user.nameNative ? <span lang="und"> · {member.user.nameNative}</span> : null}
      </h3>
      <p className="text-sm text-stone-600">
        {member.user.email} · {rolesText(t, member.roles)}
      </p>
      <Form method="post" {...getFormProps(form)} aria-label={t("org.members.editFor", { name: member.user.nameLatin })} className="mt-3">
        <input type="hidden" name="intent" value="update-member" />
        <input type="hidden" name="userId" value={member.user.id} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <CheckboxGroup
          meta={fields.roles}
          legend={t("org.members.roles")}
          options={ORG_ROLES.map((r) => ({ value: r, label: t(`org.role.${r}`) }))}
        />
        <Field
          meta={fields.position}
          label={t("org.members.position")}
          hint={t("org.members.position.hint")}
          optional
          autoFocus={focus === "position"}
        />
        <SubmitButton variant="secondary">{t("org.members.save")}</SubmitButton>
      </Form>
      <Form method="post" className="mt-2" aria-label={t("org.members.removeFor", { name: member.user.nameLatin })}>
        <input type="hidden" name="intent" value="remove-member" />
        <input type="hidden" name="userId" value={member.user.id} />
        <FormErrors id={`remove-${member.user.id}-errors`} errors={removeResult?.error?.[""] ?? undefined} />
        <SubmitButton variant="danger">{isMe ? t("org.members.leave") : t("org.members.remove")}</SubmitButton>
      </Form>
    </li>
  );
}

export default function Members() {
  const { org, me, members, invitations } = useLoaderData<typeof loader>();
  const { ask } = splitAsk(useActionData<typeof action>());
  const t = useT();
  // Each successful change redirects here with a new location: forms remount
  // with the saved values instead of keeping what was typed.
  const { key } = useLocation();
  return (
    <>
      <p>
        <Link to={`/orgs/${org.slug}`} className="text-blue-900 underline">
          ← {org.nameEn}
        </Link>
      </p>
      <h1 className="mb-6 mt-2 text-3xl font-bold">{t("org.members.title")}</h1>
      {ask?.confirm.message === "org.confirm.revokeInvitation" ? (
        <ConfirmAsk ask={ask} title={t("org.confirm.revokeInvitationTitle")} yes={t("org.confirm.revokeInvitationYes")} />
      ) : (
        <ConfirmAsk ask={ask} title={t("org.confirm.removeTitle")} yes={t("org.confirm.removeYes")} />
      )}
      <section aria-labelledby="invite-title" className="mb-10">
        <h2 id="invite-title" className="mb-3 text-xl font-semibold">
          {t("org.invite.title")}
        </h2>
        <InviteForm key={key} />
      </section>
      <section aria-labelledby="pending-title" className="mb-10">
        <h2 id="pending-title" className="mb-3 text-xl font-semibold">
          {t("org.invitations.title")}
        </h2>
        {invitations.length === 0 ? <p>{t("org.invitations.none")}</p> : null}
        <ul className="space-y-2">
          {invitations.map((inv) => (
            <li key={inv.id} className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-stone-300 bg-white p-3">
              <span>
                <span className="font-medium">{inv.email}</span> · {rolesText(t, inv.roles)} ·{" "}
                {t("org.invitations.expires", { date: inv.expires })} · {t("org.invitations.by", { name: inv.invitedBy.nameLatin })}
              </span>
              <Form method="post" aria-label={t("org.invitations.revokeFor", { email: inv.email })}>
                <input type="hidden" name="intent" value="revoke-invitation" />
                <input type="hidden" name="invitationId" value={inv.id} />
                <SubmitButton variant="secondary">{t("org.invitations.revoke")}</SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="members-title">
        <h2 id="members-title" className="mb-3 text-xl font-semibold">
          {t("org.members.list")} ({members.length})
        </h2>
        <ul className="space-y-3">
          {members.map((m) => (
            <MemberForm key={`${m.user.id}-${key}`} member={m} isMe={m.user.id === me} />
          ))}
        </ul>
      </section>
    </>
  );
}
