import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmAsk } from "~/components/confirm";
import { FormErrors, SubmitButton } from "~/components/forms";
import { auditSentence } from "./audit-sentence";
import { getAccordOverview } from "~/domain/accords/get-accord-overview.server";
import { approveVersion } from "~/domain/accords/approve-version.server";
import { remindSignatories, reviseAccord, setSigningSchedule, withdrawAccord } from "~/domain/accords/lifecycle.server";
import { approveSchema, remindSchema, reviseSchema, scheduleSchema, withdrawSchema } from "~/domain/accords/schema";
import { pick, useLocale, useT, type MessageKey } from "~/i18n";
import { confirmFirst, splitAsk, type ConfirmationAsk } from "~/utils/confirm";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { formatCalendarDate, formatDateTime, isoDay } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return orRespond(() => getAccordOverview({ actor: user, accordId: params.id ?? "" }));
}

const schema = approveSchema.or(withdrawSchema).or(remindSchema).or(reviseSchema).or(scheduleSchema);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const accordId = params.id ?? "";
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const outcome = await runForm(
    request,
    submission,
    async (): Promise<{ message: MessageKey; vars?: Record<string, number>; to?: string } | ConfirmationAsk> => {
      switch (v.intent) {
        case "revise": {
          const created = await reviseAccord({ actor: user, accordId });
          return { message: "accords.revised", to: `/accords/${created.id}/draft` };
        }
        case "schedule":
          await setSigningSchedule({
            actor: user,
            accordId,
            signingEndsOn: v.signingEndsOn ?? null,
            reminderEveryDays: v.reminderEveryDays === "never" ? null : v.reminderEveryDays,
          });
          return { message: "accords.schedule.saved" };
        case "approve": {
          const r = await approveVersion({ actor: user, accordId, partyId: v.partyId, version: v.version });
          return { message: r.frozen ? "accords.frozenToast" : "accords.approvedToast" };
        }
        case "withdraw": {
          const r = await confirmFirst(formData, (confirmed) => withdrawAccord({ actor: user, accordId, reason: v.reason, confirmed }));
          return r.done ? { message: "accords.withdrawn" } : r.ask;
        }
        case "remind": {
          const r = await remindSignatories({ actor: user, accordId });
          return { message: "accords.reminded", vars: { n: r.sent } };
        }
      }
    },
  );
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  if ("confirm" in outcome.value) return outcome.value;
  const { to, ...toast } = outcome.value;
  return redirectWithToast(to ?? `/accords/${accordId}`, toast);
}

export default function AccordOverview() {
  const { accord, may, audit, formerOrgs } = useLoaderData<typeof loader>();
  const { ask, result } = splitAsk(useActionData<typeof action>());
  const t = useT();
  const locale = useLocale();
  const zone = accord.conference?.timeZone ?? "UTC";
  const orgName = (id: string | undefined) => {
    const p = accord.parties.find((x) => x.id === id || x.orgId === id);
    if (p) return pick(locale, p.org.nameEn, p.org.nameNative);
    const former = formerOrgs.find((o) => o.id === id);
    return former ? pick(locale, former.nameEn, former.nameNative) : null;
  };
  const isWitness = (id: string | undefined) => accord.parties.some((x) => x.id === id && x.role === "WITNESS");
  return (
    <>
      <ConfirmAsk ask={ask} title={t("accords.confirm.withdrawTitle")} yes={t("accords.confirm.withdrawYes")} />
      <FormErrors id="overview-errors" errors={result?.error?.[""] ?? undefined} />
      <p>
        {accord.frozenVersion
          ? t("accords.frozenVersion", { n: accord.frozenVersion })
          : t("accords.currentVersion", { n: accord.currentVersion })}
      </p>
      {accord.revisionOf ? (
        <p className="my-2">
          {t("accords.revisionOf")}{" "}
          <Link to={`/accords/${accord.revisionOf.id}`} className="text-blue-900 underline">
            {pick(locale, accord.revisionOf.title, accord.revisionOf.titleZh)}
          </Link>
        </p>
      ) : null}
      {accord.status === "DECLINED" ? <DeclinedNotice /> : null}
      {accord.status === "EXPIRED" && accord.signingEndsOn ? (
        <p role="status" className="my-3 rounded-md border border-amber-700 bg-amber-50 p-3" data-testid="expired-banner">
          {t("accords.expired.banner", { date: formatCalendarDate(new Date(accord.signingEndsOn), locale) })}
        </p>
      ) : null}
      {accord.signingEndsOn && accord.status !== "EXPIRED" ? (
        <p data-testid="signing-ends">
          {t("accords.signingEndsDay", { date: formatCalendarDate(new Date(accord.signingEndsOn), locale), zone })}
        </p>
      ) : null}
      {accord.status === "DRAFTING" || accord.status === "SIGNING" ? (
        <p className="text-sm text-stone-600">
          {accord.reminderEveryDays ? t("accords.remindersEvery", { n: accord.reminderEveryDays }) : t("accords.remindersOff")}
        </p>
      ) : null}
      {accord.status === "EXECUTED" && accord.documentHash ? (
        <p className="my-4 flex flex-wrap gap-4">
          <a href={`/accords/${accord.id}/pdf`} className="rounded-md bg-blue-900 px-3 py-2 text-white">
            {t("accords.executed.download")}
          </a>
          <a href={`/accords/${accord.id}/bundle`} className="text-blue-900 underline">
            {t("accords.executed.bundle")}
          </a>
          <Link to={`/verify?hash=${accord.documentHash}`} className="text-blue-900 underline">
            {t("accords.executed.verify")}
          </Link>
        </p>
      ) : null}
      <h2 className="mb-2 mt-6 text-xl font-semibold">{t("accords.parties")}</h2>
      <ul className="space-y-2">
        {accord.parties.map((p) => (
          <li key={p.id} className="rounded-md border border-stone-300 bg-white p-3" data-testid={`party-${p.org.slug}`}>
            <p className="font-semibold">
              {pick(locale, p.org.nameEn, p.org.nameNative)}{" "}
              <span className="text-sm font-normal text-stone-600">· {t(`accords.role.${p.role}`)}</span>
              {p.role === "PARTY" ? (
                <span className="text-sm font-normal text-stone-600"> · {t("accords.group", { n: p.signingGroup })}</span>
              ) : null}
            </p>
            {p.role === "PARTY" ? (
              <p className="text-sm">
                {p.approvedVersion ? t("accords.approved", { n: p.approvedVersion }) : t("accords.notApproved")} ·{" "}
                {p.signature
                  ? `${t("accords.signed")}: ${p.signature.signerName}, ${formatDateTime(new Date(p.signature.signedAt), zone, locale)} — ${t(`accords.sign.method.${p.signature.method}`)}${p.signature.ipAddress || p.signature.userAgent ? ` — ${t("accords.signedFrom", { ip: p.signature.ipAddress ?? "?", agent: p.signature.userAgent ?? "?" })}` : ""}`
                  : p.declinedAt
                    ? t("accords.declinedBy", { reason: p.declineReason ?? "" })
                    : t("accords.notSigned")}
              </p>
            ) : null}
            {p.role === "WITNESS" && p.signature ? (
              <p className="text-sm">
                {`${t("accords.witnessed")}: ${p.signature.signerName}, ${formatDateTime(new Date(p.signature.signedAt), zone, locale)} (${zone})`}
              </p>
            ) : null}
            <p className="text-sm text-stone-600">
              {t("accords.signatories.title")}:{" "}
              {p.signatories.length
                ? p.signatories.map((s) => pick(locale, s.user.nameLatin, s.user.nameNative)).join(", ")
                : t("accords.signatories.none")}
            </p>
            {accord.status === "DRAFTING" && may.adminOf.includes(p.id) && p.approvedVersion !== accord.currentVersion ? (
              <Form method="post" className="mt-2">
                <input type="hidden" name="intent" value="approve" />
                <input type="hidden" name="partyId" value={p.id} />
                <input type="hidden" name="version" value={accord.currentVersion} />
                <SubmitButton variant="secondary">
                  {t("accords.approve", { n: accord.currentVersion, org: pick(locale, p.org.nameEn, p.org.nameNative) })}
                </SubmitButton>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {may.withdraw && accord.status === "SIGNING" ? (
        <Form method="post" className="mt-6">
          <input type="hidden" name="intent" value="remind" />
          <SubmitButton variant="secondary">{t("accords.remind")}</SubmitButton>
        </Form>
      ) : null}
      {may.withdraw && (accord.status === "DRAFTING" || accord.status === "SIGNING") ? <ScheduleForm /> : null}
      {may.withdraw && (accord.status === "DRAFTING" || accord.status === "SIGNING") ? (
        <Form method="post" className="mt-6 max-w-xl">
          <input type="hidden" name="intent" value="withdraw" />
          <label htmlFor="withdraw-reason" className="block font-medium">
            {t("accords.withdraw.reason")}
          </label>
          <input
            id="withdraw-reason"
            name="reason"
            required
            maxLength={1000}
            className="mb-2 mt-1 block w-full rounded-md border border-stone-400 px-3 py-2"
          />
          <SubmitButton variant="danger">{t("accords.withdraw")}</SubmitButton>
        </Form>
      ) : null}
      <h2 className="mb-1 mt-8 text-xl font-semibold">{t("accords.audit.title")}</h2>
      <p className="mb-2 text-sm text-stone-600">{t("accords.audit.lead")}</p>
      <ol className="space-y-2" data-testid="audit-trail">
        {audit.map((e) => (
          <li key={e.seq}>
            <span>{auditSentence(e, { t, locale, zone, orgName, isWitness })}</span>
            <span className="block font-mono text-xs text-stone-600">
              #{e.seq} {e.type} · {e.hash.slice(0, 16)}…
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}

/** Who declined and why, the revision if there is one, and the initiator's way forward. */
function DeclinedNotice() {
  const { accord, may } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const zone = accord.conference?.timeZone ?? "UTC";
  const decliner = accord.parties.find((p) => p.declinedAt);
  return (
    <section role="status" className="my-3 rounded-md border border-red-800 bg-red-50 p-3" data-testid="declined-banner">
      {decliner ? (
        <p>
          {t("accords.declined.banner", {
            org: pick(locale, decliner.org.nameEn, decliner.org.nameNative),
            date: `${formatDateTime(new Date(decliner.declinedAt!), zone, locale)} (${zone})`,
            reason: decliner.declineReason ?? "",
          })}
        </p>
      ) : null}
      {accord.revisedAs ? (
        <p className="mt-2">
          {t("accords.revisedAs")}{" "}
          <Link to={`/accords/${accord.revisedAs.id}`} className="text-blue-900 underline">
            {pick(locale, accord.revisedAs.title, accord.revisedAs.titleZh)}
          </Link>
        </p>
      ) : may.withdraw ? (
        <Form method="post" className="mt-3">
          <input type="hidden" name="intent" value="revise" />
          <p className="mb-2 text-sm">{t("accords.revise.lead")}</p>
          <SubmitButton>{t("accords.revise")}</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}

/** The initiator sets the last day of signing (a day in the accord's zone) and the reminder interval. */
function ScheduleForm() {
  const { accord } = useLoaderData<typeof loader>();
  const { result } = splitAsk(useActionData<typeof action>());
  const t = useT();
  const zone = accord.conference?.timeZone ?? "UTC";
  const endsError = result?.error?.signingEndsOn?.[0];
  return (
    <Form method="post" className="mt-6 max-w-xl rounded-md border border-stone-300 bg-white p-3" aria-labelledby="schedule-title">
      <h2 id="schedule-title" className="mb-2 text-lg font-semibold">
        {t("accords.schedule.title")}
      </h2>
      <input type="hidden" name="intent" value="schedule" />
      <label htmlFor="schedule-ends" className="block font-medium">
        {t("accords.schedule.endsOn")}
      </label>
      <input
        id="schedule-ends"
        type="date"
        name="signingEndsOn"
        defaultValue={accord.signingEndsOn ? isoDay(new Date(accord.signingEndsOn)) : ""}
        aria-invalid={endsError ? true : undefined}
        aria-describedby="schedule-ends-hint"
        className="mt-1 block rounded-md border border-stone-400 px-3 py-2"
      />
      <p id="schedule-ends-hint" className="text-sm text-stone-600">
        {t("accords.schedule.endsOnHint", { zone })}
      </p>
      {endsError ? <p className="text-sm text-red-800">{t(endsError as MessageKey)}</p> : null}
      <label htmlFor="schedule-reminders" className="mt-3 block font-medium">
        {t("accords.schedule.reminders")}
      </label>
      <select
        id="schedule-reminders"
        name="reminderEveryDays"
        defaultValue={accord.reminderEveryDays ? String(accord.reminderEveryDays) : "never"}
        className="mb-3 mt-1 block rounded-md border border-stone-400 px-3 py-2"
      >
        {[1, 2, 3, 7, 14].map((n) => (
          <option key={n} value={n}>
            {t("accords.schedule.every", { n })}
          </option>
        ))}
        <option value="never">{t("accords.schedule.never")}</option>
      </select>
      <SubmitButton variant="secondary">{t("accords.schedule.save")}</SubmitButton>
    </Form>
  );
}
