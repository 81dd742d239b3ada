import { Prisma, type RegistrationStatus } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { managedConference } from "./manage-context.server";

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
 * `"User" u` only when `joinsUser` says the filter reads it (the search).
 * Search is a case-insensitive substring of reference, e-mail or either name,
 * like Prisma's `contains` + `mode: "insensitive"` it replaced (so % and _ in
 * the search text still act as wildcards).
 */
export function registrationFilterSql(filter: RegistrationFilter): { match: Prisma.Sql; joinsUser: boolean } {
  const q = filter.q?.trim();
  const conditions: Prisma.Sql[] = [];
  if (filter.status) conditions.push(Prisma.sql`r.status = ${filter.status}::"RegistrationStatus"`);
  if (filter.ticketTypeId) conditions.push(Prisma.sql`r."ticketTypeId" = ${filter.ticketTypeId}::uuid`);
  if (q) {
    const pattern = `%${q}%`;
    conditions.push(
      Prisma.sql`(r.reference ILIKE ${pattern} OR u.email ILIKE ${pattern} OR u."nameLatin" ILIKE ${pattern} OR u."nameNative" ILIKE ${pattern})`,
    );
  }
  return { match: conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`, joinsUser: Boolean(q) };
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
  matching: number;
};
type PageRow = {
  id: string;
  status: RegistrationStatus;
  amountCents: number;
  paidCents: number;
  currency: string;
  reference: string;
  createdAt: Date;
  nameLatin: string;
  nameNative: string | null;
  email: string;
  ticketEn: string;
  ticketZh: string | null;
};

/**
 * The organizer's list: one page of registrations with filters and search,
 * status counts per ticket type, and quota usage. Three queries whatever the
 * number of rows (asserted by a query-count test), run side by side:
 *  - one aggregate reads every registration once and gives, per ticket type
 *    (listed in order, with or without registrations) and status, both the
 *    count and how many match the filter, whose sum is the list's total: it
 *    replaces a count, a group-by and the ticket types query;
 *  - the page selects only the columns the table shows, joined in the same
 *    statement; its OFFSET walks registration ids only (on the index
 *    (conferenceId, createdAt, id) when unfiltered) and only the page's rows
 *    are joined to their person and ticket, so a late page does not join the
 *    thousands of rows it skips;
 *  - the quotas, a handful of rows.
 */
export async function listRegistrations({ actor, slug, filter, page = 1, pageSize = 50 }: ListRegistrationsOptions) {
  const conference = await managedConference(db(), actor, slug);
  const f = registrationFilterSql(filter);
  const current = Math.max(page, 1);
  const [counts, rows, quotas] = await Promise.all([
    db().$queryRaw<TicketCountRow[]>`
      SELECT t.id::text AS id, t."nameEn", t."nameZh", c.status::text AS status, coalesce(c."all", 0)::int AS "all", coalesce(c.matching, 0)::int AS matching
      FROM (SELECT id, "nameEn", "nameZh", position, "createdAt" FROM "TicketType" WHERE "conferenceId" = ${conference.id}::uuid) t
      FULL JOIN (
        SELECT r."ticketTypeId", r.status, count(*) AS "all", count(*) FILTER (WHERE ${f.match}) AS matching
        FROM "Registration" r ${userJoinFor(f)}
        WHERE r."conferenceId" = ${conference.id}::uuid
        GROUP BY r."ticketTypeId", r.status
      ) c ON c."ticketTypeId" = t.id
      ORDER BY t.position, t."createdAt", t.id`,
    db().$queryRaw<PageRow[]>`
      SELECT r.id::text AS id, r.status::text AS status, r."amountCents", r."paidCents", r.currency, r.reference, r."createdAt",
             u."nameLatin", u."nameNative", u.email, t."nameEn" AS "ticketEn", t."nameZh" AS "ticketZh"
      FROM (
        SELECT r.id FROM "Registration" r ${userJoinFor(f)}
        WHERE r."conferenceId" = ${conference.id}::uuid AND ${f.match}
        ORDER BY r."createdAt" DESC, r.id DESC
        LIMIT ${pageSize} OFFSET ${(current - 1) * pageSize}
      ) p
      JOIN "Registration" r ON r.id = p.id
      JOIN "User" u ON u.id = r."userId"
      JOIN "TicketType" t ON t.id = r."ticketTypeId"
      ORDER BY r."createdAt" DESC, r.id DESC`,
    db().quota.findMany({
      where: { conferenceId: conference.id },
      orderBy: { name: "asc" },
      select: { id: true, name: true, capacity: true, used: true },
    }),
  ]);
  const total = counts.reduce((sum, c) => sum + c.matching, 0);
  const byTicket = new Map<
    string,
    { id: string; nameEn: string; nameZh: string | null; counts: Partial<Record<RegistrationStatus, number>> }
  >();
  for (const c of counts) {
    if (c.id === null) continue; // registrations of no listed ticket type count in the total only
    const ticket = byTicket.get(c.id) ?? byTicket.set(c.id, { id: c.id, nameEn: c.nameEn!, nameZh: c.nameZh, counts: {} }).get(c.id)!;
    if (c.status) ticket.counts[c.status] = c.all;
  }
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
