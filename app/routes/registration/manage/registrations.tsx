import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ManageNav, StatusBadge } from "~/components/registration";
import { TableScroll } from "~/components/table-scroll";
import { listRegistrations, type RegistrationFilter } from "~/domain/registration/list-registrations.server";
import { formatMoney } from "~/domain/registration/money";
import { pick, useLocale, useT } from "~/i18n";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { formatDateTime } from "~/utils/time";
import { BackToConference } from "~/components/back-to-conference";
import { isUuid } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "Registrations · Concord" }];

const STATUSES = ["RESERVED", "CONFIRMED", "EXPIRED", "CANCELLED"] as const;

export function filterFrom(url: URL): RegistrationFilter {
  const status = url.searchParams.get("status");
  const ticket = url.searchParams.get("ticket");
  return {
    q: url.searchParams.get("q")?.slice(0, 100) || undefined,
    status: STATUSES.find((s) => s === status),
    ticketTypeId: ticket && isUuid(ticket) ? ticket : undefined,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const page = Math.min(Math.max(Number(url.searchParams.get("page")) || 1, 1), 10_000);
  const list = await orRespond(() => listRegistrations({ actor: user, slug: params.slug ?? "", filter: filterFrom(url), page }));
  return { ...list, search: url.search };
}

export default function ManageRegistrations() {
  const { conference, total, page, pages, rows, byTicket, quotas, search } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const base = `/conferences/${conference.slug}/manage/registrations`;
  const params = new URLSearchParams(search);
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next}`;
  };
  return (
    <>
      <BackToConference conference={conference} />
      <h1 className="mb-2 mt-2 text-3xl font-bold">{t("reg.manage.title")}</h1>
      <ManageNav slug={conference.slug} />
      <section className="mb-6 grid gap-4 md:grid-cols-2">
        <div className="rounded-md border border-stone-300 bg-white p-4">
          <h2 className="font-semibold">{t("reg.manage.counts")}</h2>
          <ul>
            {byTicket.map((tk) => (
              <li key={tk.id}>
                {pick(locale, tk.nameEn, tk.nameZh)}: {STATUSES.map((s) => `${t(`reg.status.${s}`)} ${tk.counts[s] ?? 0}`).join(" · ")}
              </li>
            ))}
          </ul>
        </div>
        <div className="rounded-md border border-stone-300 bg-white p-4">
          <h2 className="font-semibold">{t("reg.manage.quotas")}</h2>
          <ul>
            {quotas.map((q) => (
              <li key={q.id}>
                {q.name}: {t("reg.manage.quotaUsage", { used: q.used, capacity: q.capacity })}
              </li>
            ))}
          </ul>
        </div>
      </section>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3">
        <label className="block">
          <span className="block font-medium">{t("reg.manage.search")}</span>
          <input
            type="search"
            name="q"
            defaultValue={params.get("q") ?? ""}
            className="mt-1 rounded-md border border-stone-400 px-3 py-2"
          />
        </label>
        <label className="block">
          <span className="block font-medium">{t("reg.manage.filterStatus")}</span>
          <select name="status" defaultValue={params.get("status") ?? ""} className="mt-1 rounded-md border border-stone-400 px-3 py-2">
            <option value="">{t("reg.manage.all")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`reg.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="block font-medium">{t("reg.manage.filterTicket")}</span>
          <select name="ticket" defaultValue={params.get("ticket") ?? ""} className="mt-1 rounded-md border border-stone-400 px-3 py-2">
            <option value="">{t("reg.manage.all")}</option>
            {byTicket.map((tk) => (
              <option key={tk.id} value={tk.id}>
                {pick(locale, tk.nameEn, tk.nameZh)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-blue-900 px-4 py-2 font-medium text-white">
          {t("reg.manage.apply")}
        </button>
        <a href={`${base}/export${search}`} className="text-blue-900 underline">
          {t("reg.manage.export")}
        </a>
        <Link to={`${base}/import`} className="text-blue-900 underline">
          {t("reg.manage.import")}
        </Link>
        <a href={`${base}/badges?layout=sheet`} className="text-blue-900 underline">
          {t("reg.manage.printBadges")}
        </a>
      </Form>
      {rows.length === 0 ? (
        <p>{t("reg.manage.none")}</p>
      ) : (
        <TableScroll label={t("reg.manage.title")}>
          <table className="w-full border-collapse bg-white text-left">
            <thead>
              <tr className="border-b border-stone-400">
                {(["name", "email", "ticket", "status", "paid", "reference", "created"] as const).map((c) => (
                  <th key={c} scope="col" className="p-2">
                    {t(`reg.manage.col.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-stone-200">
                  <td className="p-2">
                    {/* A plain link: fifty router <Link>s cost the server more to render than the rest of the table. */}
                    <a href={`${base}/${r.id}`} className="text-blue-900 underline">
                      {r.nameLatin}
                    </a>
                    {r.nameNative ? <span className="ml-1 text-stone-600">{r.nameNative}</span> : null}
                  </td>
                  <td className="p-2">{r.email}</td>
                  <td className="p-2">{pick(locale, r.ticketEn, r.ticketZh)}</td>
                  <td className="p-2">
                    <StatusBadge status={r.status} />
                  </td>
                  <td className="p-2">
                    {`${formatMoney(r.paidCents, r.currency, locale)} / ${formatMoney(r.amountCents, r.currency, locale)}`}
                    {r.overpaidCents > 0 ? (
                      <strong className="block text-sm font-medium text-amber-900">
                        {t("reg.manage.overpaidBy", { amount: formatMoney(r.overpaidCents, r.currency, locale) })}
                      </strong>
                    ) : null}
                  </td>
                  <td className="p-2 font-mono">{r.reference}</td>
                  <td className="p-2">{formatDateTime(new Date(r.createdAt), conference.timeZone, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <nav aria-label={t("reg.manage.page", { page, pages })} className="mt-4 flex items-center gap-4">
        {page > 1 ? (
          <Link to={pageLink(page - 1)} className="text-blue-900 underline">
            {t("reg.manage.prev")}
          </Link>
        ) : null}
        <span>
          {t("reg.manage.page", { page, pages })} · {total}
        </span>
        {page < pages ? (
          <Link to={pageLink(page + 1)} className="text-blue-900 underline">
            {t("reg.manage.next")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}
