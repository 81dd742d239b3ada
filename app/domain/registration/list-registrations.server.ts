import type { Prisma, RegistrationStatus } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { managedConference } from "./manage-context.server";

export type RegistrationFilter = { q?: string; status?: RegistrationStatus; ticketTypeId?: string };
export type ListRegistrationsOptions = { actor: SessionUser | null; slug: string; filter: RegistrationFilter; page?: number; pageSize?: number };

export function registrationWhere(conferenceId: string, filter: RegistrationFilter): Prisma.RegistrationWhereInput {
  const q = filter.q?.trim();
  return {
    conferenceId,
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.ticketTypeId ? { ticketTypeId: filter.ticketTypeId } : {}),
    ...(q
      ? {
          OR: [
            { reference: { contains: q, mode: "insensitive" } },
            { user: { email: { contains: q, mode: "insensitive" } } },
            { user: { nameLatin: { contains: q, mode: "insensitive" } } },
            { user: { nameNative: { contains: q, mode: "insensitive" } } },
          ],
        }
      : {}),
  };
}

/**
 * The organizer's list: one page of registrations with filters and search,
 * status counts per ticket type, and quota usage. A fixed number of queries
 * whatever the number of rows (asserted by a query-count test).
 */
export async function listRegistrations({ actor, slug, filter, page = 1, pageSize = 50 }: ListRegistrationsOptions) {
  const conference = await managedConference(db(), actor, slug);
  const where = registrationWhere(conference.id, filter);
  const [total, rows, counts, ticketTypes, quotas] = await Promise.all([
    db().registration.count({ where }),
    db().registration.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (Math.max(page, 1) - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        status: true,
        method: true,
        amountCents: true,
        paidCents: true,
        currency: true,
        reference: true,
        createdAt: true,
        checkedInAt: true,
        user: { select: { nameLatin: true, nameNative: true, email: true } },
        ticketType: { select: { nameEn: true, nameZh: true } },
      },
    }),
    db().registration.groupBy({ by: ["ticketTypeId", "status"], where: { conferenceId: conference.id }, _count: { _all: true } }),
    db().ticketType.findMany({ where: { conferenceId: conference.id }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, nameEn: true, nameZh: true } }),
    db().quota.findMany({ where: { conferenceId: conference.id }, orderBy: { name: "asc" }, select: { id: true, name: true, capacity: true, used: true } }),
  ]);
  const byTicket = ticketTypes.map((t) => ({
    ...t,
    counts: Object.fromEntries(counts.filter((c) => c.ticketTypeId === t.id).map((c) => [c.status, c._count._all])) as Partial<Record<RegistrationStatus, number>>,
  }));
  return { conference, total, page: Math.max(page, 1), pages: Math.max(1, Math.ceil(total / pageSize)), rows, byTicket, quotas };
}
