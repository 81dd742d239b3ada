import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmAsk } from "~/components/confirm";
import { SubmitButton } from "~/components/forms";
import { getSpeakerInvitation } from "~/domain/programme/get-speaker-invitation.server";
import { respondInvitation } from "~/domain/programme/respond-invitation.server";
import { respondInvitationSchema } from "~/domain/programme/schema";
import { pick, useLocale, useT } from "~/i18n";
import { confirmFirst, splitAsk } from "~/utils/confirm";
import { orRespond } from "~/utils/http.server";
import { getUser, requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Speaker invitation · Concord" }, { name: "referrer", content: "no-referrer" }];

/** The emailed link: anyone holding it sees the invitation; only the invited, verified account may answer it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const speaker = await orRespond(() => getSpeakerInvitation({ token: params.token ?? "" }));
  return {
    invitation: { name: speaker.nameLatin, email: speaker.email!, status: speaker.invitation, conference: speaker.conference },
    signedIn: !!user,
    isInvitee: !!user && user.emailVerified && user.email === speaker.email,
    loginUrl: `/login?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: respondInvitationSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const accept = submission.value.intent === "accept";
  const token = params.token ?? "";
  const outcome = await orRespond(() =>
    confirmFirst(formData, (confirmed) => respondInvitation({ actor: user, token, accept, confirmed })),
  );
  if (!outcome.done) return outcome.ask;
  if (accept) return redirectWithToast("/speaker", { message: "programme.invitation.accepted" });
  return redirectWithToast(new URL(request.url).pathname, { message: "programme.invitation.declined" });
}

export default function SpeakerInvitation() {
  const { invitation, signedIn, isInvitee, loginUrl } = useLoaderData<typeof loader>();
  const { ask } = splitAsk(useActionData<typeof action>());
  const t = useT();
  const locale = useLocale();
  const conference = pick(locale, invitation.conference.title, invitation.conference.titleZh);
  return (
    <div className="max-w-2xl">
      <h1 className="mb-4 text-3xl font-bold">{t("programme.invitation.title", { conference })}</h1>
      <p className="mb-4">{t("programme.invitation.lead", { name: invitation.name, conference })}</p>
      <ConfirmAsk ask={ask} title={t("programme.confirm.declineInvitationTitle")} yes={t("programme.confirm.declineInvitationYes")} />
      <p className="mb-4" data-testid="invitation-status">
        {t("programme.invitation.status")}: {t(`programme.invitation.${invitation.status}`)}
      </p>
      {!signedIn ? (
        <p>
          <Link to={loginUrl} className="text-blue-900 underline">
            {t("programme.invitation.signIn", { email: invitation.email })}
          </Link>
        </p>
      ) : !isInvitee ? (
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
          {t("programme.error.notYourInvitation")}
        </p>
      ) : (
        <div className="flex gap-3">
          <Form method="post">
            <input type="hidden" name="intent" value="accept" />
            <SubmitButton>{t("programme.invitation.accept")}</SubmitButton>
          </Form>
          {invitation.status !== "DECLINED" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="decline" />
              <SubmitButton variant="secondary">{t("programme.invitation.decline")}</SubmitButton>
            </Form>
          ) : null}
        </div>
      )}
    </div>
  );
}
