import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, SubmitButton, TextareaField, firstErrorField } from "~/components/forms";
import { organizerContext } from "~/domain/programme/page-context.server";
import { reviewPage } from "~/domain/programme/reviews-view.server";
import { reviewSchema } from "~/domain/programme/schema";
import { submitReview } from "~/domain/programme/submit-review.server";
import { useT } from "~/i18n";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { isUuid } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "Review · Concord" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, conference } = await organizerContext(request, params.slug, "programme:review");
  if (!isUuid(params.id ?? "")) throw new Response("Not found", { status: 404 });
  const locale = await resolveLocale(request, user);
  return { conference: { slug: conference.slug }, ...(await orRespond(() => reviewPage(user, conference.id, params.id!, locale))) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, conference } = await organizerContext(request, params.slug, "programme:review");
  const submission = parseWithZod(await request.formData(), { schema: reviewSchema });
  if (submission.status !== "success") return data<SubmissionResult<string[]>>(submission.reply(), { status: 400 });
  const outcome = await runForm(request, submission, () =>
    submitReview({ actor: user, slug: conference.slug, proposalId: params.id ?? "", input: submission.value }),
  );
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirectWithToast(`/conferences/${conference.slug}/reviews/${params.id}`, { message: "programme.review.saved" });
}

export default function ReviewProposal() {
  const { conference, proposal, criteria, mine, others, hiddenCount, blind } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "review",
    lastResult,
    defaultValue: {
      comment: mine?.comment ?? "",
      scores: Object.fromEntries(Object.entries(mine?.scores ?? {}).map(([k, v]) => [k, String(v)])),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reviewSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const focus = firstErrorField(lastResult);
  const scores = fields.scores.getFieldset();
  return (
    <div className="max-w-3xl">
      <p>
        <Link to={`/conferences/${conference.slug}/reviews`} className="text-blue-900 underline">
          ← {t("programme.review.back")}
        </Link>
      </p>
      <h1 className="mb-2 mt-2 text-3xl font-bold">{proposal.title}</h1>
      <p className="mb-4 text-stone-700">
        {t(`programme.kind.${proposal.format}`)} · {proposal.track ?? t("programme.noTrack")} ·{" "}
        {t(`programme.lang.${proposal.language as "en"}`)}
      </p>
      {blind ? (
        <p className="mb-2 italic text-stone-700" data-testid="blind-review">
          {t("programme.review.blind")}
        </p>
      ) : (
        <p className="mb-2">{proposal.authors.map((a) => (a.affiliation ? `${a.name} (${a.affiliation})` : a.name)).join(", ")}</p>
      )}
      <p className="mb-4 whitespace-pre-line">{proposal.abstract}</p>
      {proposal.abstractZh ? (
        <p lang="zh" className="mb-4 whitespace-pre-line">
          {proposal.abstractZh}
        </p>
      ) : null}
      {proposal.answers.length ? (
        <dl className="mb-6">
          {proposal.answers.map((a, i) => (
            <div key={i} className="mb-2">
              <dt className="font-medium">{a.question}</dt>
              {a.answer === null ? (
                <dd className="italic text-stone-700" data-testid="answer-withheld">
                  {t("programme.review.answerWithheld")}
                </dd>
              ) : (
                <dd className="whitespace-pre-line">{a.answer}</dd>
              )}
            </div>
          ))}
        </dl>
      ) : null}
      <section aria-labelledby="my-review" className="mb-8">
        <h2 id="my-review" className="mb-2 text-xl font-semibold">
          {t(mine ? "programme.review.yours" : "programme.review.write")}
        </h2>
        {proposal.status === "SUBMITTED" ? (
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            {criteria.map((c) => (
              <Field
                key={c.id}
                meta={scores[c.id]}
                type="number"
                label={t("programme.review.scoreFor", { criterion: c.name, max: c.maxScore })}
                autoFocus={focus === `scores.${c.id}`}
              />
            ))}
            <TextareaField meta={fields.comment} label={t("programme.review.comment")} optional autoFocus={focus === "comment"} />
            <SubmitButton>{t("programme.review.submit")}</SubmitButton>
          </Form>
        ) : (
          <p>{t("programme.review.decided")}</p>
        )}
      </section>
      <section aria-labelledby="other-reviews">
        <h2 id="other-reviews" className="mb-2 text-xl font-semibold">
          {t("programme.review.others")}
        </h2>
        {others === null ? (
          <p data-testid="reviews-hidden">{t("programme.review.hidden", { n: hiddenCount })}</p>
        ) : others.length === 0 ? (
          <p>{t("programme.review.noOthers")}</p>
        ) : (
          <ul className="space-y-3">
            {others.map((r) => (
              <li key={r.label} className="rounded-md border border-stone-300 bg-white p-3">
                <p className="font-medium">{t("programme.review.reviewerN", { n: r.label })}</p>
                <p className="text-sm">{criteria.map((c) => `${c.name}: ${r.scores[c.id] ?? "—"}/${c.maxScore}`).join(" · ")}</p>
                {r.comment ? <p className="mt-1 whitespace-pre-line">{r.comment}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
