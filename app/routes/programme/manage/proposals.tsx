import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ManageNav } from "~/components/programme";
import { TableScroll } from "~/components/table-scroll";
import { decideProposal } from "~/domain/programme/decide-proposal.server";
import { organizerContext } from "~/domain/programme/page-context.server";
import { proposalToSession } from "~/domain/programme/proposal-to-session.server";
import { proposalsOverview } from "~/domain/programme/reviews-view.server";
import { decideSchema, toSessionSchema } from "~/domain/programme/schema";
import { useT } from "~/i18n";
import { orRespond } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Proposals · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, conference } = await organizerContext(request, params.slug);
  return { conference: { slug: conference.slug }, ...(await proposalsOverview(conference.id, await resolveLocale(request, user))) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, conference } = await organizerContext(request, params.slug);
  const slug = conference.slug;
  const formData = await request.formData();
  if (formData.get("intent") === "to-session") {
    const submission = parseWithZod(formData, { schema: toSessionSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    const { sessionId } = await orRespond(() => proposalToSession({ actor: user, slug, proposalId: submission.value.proposalId }));
    return redirect(`/conferences/${slug}/manage/programme/sessions/${sessionId}`);
  }
  const submission = parseWithZod(formData, { schema: decideSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const accept = submission.value.intent === "accept";
  await orRespond(() => decideProposal({ actor: user, slug, proposalId: submission.value.proposalId, accept }));
  return redirectWithToast(`/conferences/${slug}/manage/programme/proposals`, {
    message: accept ? "programme.proposals.acceptedToast" : "programme.proposals.rejectedToast",
  });
}

function ActionButton({ intent, proposalId, label, aria }: { intent: string; proposalId: string; label: string; aria: string }) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="proposalId" value={proposalId} />
      <button type="submit" className="mr-2 text-blue-900 underline" aria-label={aria}>
        {label}
      </button>
    </Form>
  );
}

export default function ManageProposals() {
  const { conference, criteria, proposals } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1 className="mb-4 text-3xl font-bold">{t("programme.manage.proposals")}</h1>
      <ManageNav slug={conference.slug} />
      {proposals.length === 0 ? (
        <p>{t("programme.proposals.none")}</p>
      ) : (
        <TableScroll label={t("programme.manage.proposals")}>
          <table className="w-full border-collapse text-left">
            <thead>
              <tr className="border-b border-stone-400">
                <th className="p-2">{t("programme.manage.col.title")}</th>
                <th className="p-2">{t("programme.proposals.col.authors")}</th>
                <th className="p-2">{t("programme.proposals.col.reviews")}</th>
                {criteria.map((c) => (
                  <th key={c.id} className="p-2">
                    {c.name} <span className="text-sm font-normal">(/{c.maxScore})</span>
                  </th>
                ))}
                <th className="p-2">{t("programme.proposals.col.average")}</th>
                <th className="p-2">{t("programme.manage.col.status")}</th>
                <th className="p-2">
                  <span className="sr-only">{t("programme.proposals.col.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {proposals.map((p) => (
                <tr key={p.id} className="border-b border-stone-200 align-top" data-testid="proposal-row">
                  <td className="p-2">
                    <Link to={`/conferences/${conference.slug}/reviews/${p.id}`} className="text-blue-900 underline">
                      {p.title}
                    </Link>
                    <span className="block text-sm text-stone-600">
                      {t(`programme.kind.${p.format}`)} · {p.track ?? t("programme.noTrack")}
                    </span>
                  </td>
                  <td className="p-2">{p.authors}</td>
                  <td className="p-2" title={p.reviews.map((r) => r.reviewer).join(", ")}>
                    {p.reviewCount}
                  </td>
                  {criteria.map((c) => (
                    <td key={c.id} className="p-2">
                      {p.perCriterion[c.id] ?? "—"}
                    </td>
                  ))}
                  <td className="p-2 font-medium">{p.average ?? "—"}</td>
                  <td className="p-2">{t(`programme.proposal.status.${p.status}`)}</td>
                  <td className="p-2">
                    {p.status === "SUBMITTED" ? (
                      <>
                        <ActionButton
                          intent="accept"
                          proposalId={p.id}
                          label={t("programme.proposals.accept")}
                          aria={t("programme.proposals.acceptFor", { title: p.title })}
                        />
                        <ActionButton
                          intent="reject"
                          proposalId={p.id}
                          label={t("programme.proposals.reject")}
                          aria={t("programme.proposals.rejectFor", { title: p.title })}
                        />
                      </>
                    ) : p.status === "ACCEPTED" && !p.sessionId ? (
                      <ActionButton
                        intent="to-session"
                        proposalId={p.id}
                        label={t("programme.proposals.toSession")}
                        aria={t("programme.proposals.toSessionFor", { title: p.title })}
                      />
                    ) : p.sessionId ? (
                      <Link
                        to={`/conferences/${conference.slug}/manage/programme/sessions/${p.sessionId}`}
                        className="text-blue-900 underline"
                      >
                        {t("programme.proposals.openSession")}
                      </Link>
                    ) : null}
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
