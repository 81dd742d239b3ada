import { Prisma, type RegistrationStatus } from "~/generated/prisma/client";
import { db, readRows } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { managedConference } from "./manage-context.server";
import { overpaidCents } from "./money";

export type RegistrationFilter = { q?: string; status?: RegistrationStatus; ticketTypeId?: string };
export type ListRegistrationsOptions = {
  actor: SessionUser | null;
  slug: string;
  filter: RegistrationFilter;
  page?: number;
  pageSize?: number;
};

/**
 * The organizer's filter as SQL, shared by the list and the CSV export. The
 * fragments name the registration `r` and its person `u`; a query joins
 * `"User" u` only when `joinsUser` says the filter reads it (the search);
 * `narrows` is false when nothing is filtered (`match` is then TRUE).
 * Search is a case-insensitive substring of reference, e-mail or either name,
 * like Prisma's `contains` + `mode: "insensitive"` it replaced (so % and _ in
 * the search text still act as wildcards), written as ILIKE works.
 */
export function registrationFilterSql(filter: RegistrationFilter): { match: Prisma.Sql; joinsUser: boolean; narrows: boolean } {
  const q = filter.q?.trim();
  const conditions: Prisma.Sql[] = [];
  if (filter.status) conditions.push(Prisma.sql`r.status = ${filter.status}::"RegistrationStatus"`);
  if (filter.ticketTypeId) conditions.push(Prisma.sql`r."ticketTypeId" = ${filter.ticketTypeId}::uuid`);
  if (q) {
    // `lower(x) LIKE lower(p)` is what ILIKE does in a UTF-8 database, but ILIKE lowercases the
    // pattern again for every value it tests: here it is lowercased once per statement (an InitPlan),
    // which halves the cost of a search over thousands of registrations.
    const p = Prisma.sql`(SELECT lower(${`%${q}%`}))`;
    conditions.push(
      Prisma.sql`(lower(r.reference) LIKE ${p} OR lower(u.email) LIKE ${p} OR lower(u."nameLatin") LIKE ${p} OR lower(u."nameNative") LIKE ${p})`,
    );
  }
  return {
    match: conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`,
    joinsUser: Boolean(q),
    narrows: conditions.length > 0,
  };
}

/** `JOIN "User" u` when the filter needs it, nothing otherwise. */
function userJoinFor(filter: { joinsUser: boolean }): Prisma.Sql {
  return filter.joinsUser ? Prisma.sql`JOIN "User" u ON u.id = r."userId"` : Prisma.empty;
}

/** A ticket type with one of its statuses' counts; a row without `id` holds registrations of no listed ticket type. */
type TicketCountRow = {
  id: string | null;
  nameEn: string | null;
  nameZh: string | null;
  status: RegistrationStatus | null;
  all: number;
};
type PageRow = {
  id: string;
  status: RegistrationStatus;
  amountCents: number;
  paidCents: number;
  refundedCents: number;
  currency: string;
  reference: string;
  createdAt: Date;
  nameLatin: string;
  nameNative: string | null;
  email: string;
  ticketEn: string;
  ticketZh: string | null;
  /** How many registrations match the filter (on every row of a filtered page). */
  matching?: number;
};

type QuotaRow = { id: string; name: string; capacity: number; used: number };

/**
 * The organizer's list: one page of registrations with filters and search,
 * status counts per ticket type, and quota usage. Three queries whatever the
 * number of rows (asserted by a query-count test), run side by side, in plain
 * SQL through pg (`readRows`) prepared once per connection (their text varies
 * only with which filters are set, so there are a handful of them; decisions
 * 035 and 078):
 *  - the counts per ticket type (listed in order, with or without
 *    registrations) and status, which ignore the filter: one aggregate over
 *    the conference's registrations, without their people; unfiltered, their
 *    sum is the list's total;
 *  - the page selects only the columns the table shows, joined in the same
 *    statement; its OFFSET walks registration ids only (on the index
 *    (conferenceId, createdAt, id) when unfiltered) and only the page's rows
 *    are joined to their person and ticket, so a late page does not join the
 *    thousands of rows it skips. Filtered, the same statement counts the
 *    matches (a window over the ids it sorts anyway), so the search runs once
 *    per page view; only a page past the end of a filtered list, which has no
 *    row to carry the count, asks for it apart;
 *  - the quotas, a handful of rows.
 * Each row says how much it was overpaid (to refund), as the registration's own page does.
 */
export async function listRegistrations({ actor, slug, filter, page = 1, pageSize = 50 }: ListRegistrationsOptions) {
  const conference = await managedConference(db(), actor, slug);
  const f = registrationFilterSql(filter);
  const current = Math.max(page, 1);
  const [counts, pageRows, quotas] = await Promise.all([
    readRows<TicketCountRow>(Prisma.sql`/* prepared */
      SELECT t.id::text AS id, t."nameEn", t."nameZh", c.status::text AS status, coalesce(c."all", 0)::int AS "all"
      FROM (SELECT id, "nameEn", "nameZh", position, "createdAt" FROM "TicketType" WHERE "conferenceId" = ${conference.id}::uuid) t
      FULL JOIN (
        SELECT r."ticketTypeId", r.status, count(*) AS "all"
        FROM "Registration" r
        WHERE r."conferenceId" = ${conference.id}::uuid
        GROUP BY r."ticketTypeId", r.status
      ) c ON c."ticketTypeId" = t.id
      ORDER BY t.position, t."createdAt", t.id`),
    readRows<PageRow>(Prisma.sql`/* prepared */
      SELECT r.id::text AS id, r.status::text AS status, r."amountCents", r."paidCents", r."refundedCents", r.currency, r.reference, r."createdAt",
             u."nameLatin", u."nameNative", u.email, t."nameEn" AS "ticketEn", t."nameZh" AS "ticketZh"${f.narrows ? Prisma.sql`, p.matching::int AS matching` : Prisma.empty}
      FROM (
        SELECT r.id, r."createdAt"${f.narrows ? Prisma.sql`, count(*) OVER () AS matching` : Prisma.empty}
        FROM "Registration" r ${userJoinFor(f)}
        WHERE r."conferenceId" = ${conference.id}::uuid AND ${f.match}
        ORDER BY r."createdAt" DESC, r.id DESC
        LIMIT ${pageSize}::int OFFSET ${(current - 1) * pageSize}::int
      ) p
      JOIN "Registration" r ON r.id = p.id
      JOIN "User" u ON u.id = r."userId"
      JOIN "TicketType" t ON t.id = r."ticketTypeId"
      ORDER BY p."createdAt" DESC, p.id DESC`),
    readRows<QuotaRow>(Prisma.sql`/* prepared */
      SELECT id::text AS id, name, capacity, used FROM "Quota" WHERE "conferenceId" = ${conference.id}::uuid ORDER BY name`),
  ]);
  let total: number;
  if (!f.narrows) total = counts.reduce((sum, c) => sum + c.all, 0);
  else if (pageRows.length > 0) total = pageRows[0].matching ?? 0;
  else if (current === 1) total = 0;
  else {
    const [{ matching }] = await readRows<{ matching: number }>(Prisma.sql`/* prepared */
      SELECT count(*)::int AS matching FROM "Registration" r ${userJoinFor(f)} WHERE r."conferenceId" = ${conference.id}::uuid AND ${f.match}`);
    total = matching;
  }
  const byTicket = new Map<
    string,
    { id: string; nameEn: string; nameZh: string | null; counts: Partial<Record<RegistrationStatus, number>> }
  >();
  for (const c of counts) {
    if (c.id === null) continue; // registrations of no listed ticket type count in the total only
    const ticket = byTicket.get(c.id) ?? byTicket.set(c.id, { id: c.id, nameEn: c.nameEn!, nameZh: c.nameZh, counts: {} }).get(c.id)!;
    if (c.status) ticket.counts[c.status] = c.all;
  }
  const rows = pageRows.map(({ refundedCents, matching: _, ...r }) => ({ ...r, overpaidCents: overpaidCents({ ...r, refundedCents }) }));
  return {
    conference,
    total,
    page: current,
    pages: Math.max(1, Math.ceil(total / pageSize)),
    rows,
    byTicket: [...byTicket.values()],
    quotas,
  };
}
