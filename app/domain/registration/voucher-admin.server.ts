import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { isUuid } from "~/utils/validation";
import { managedConference, type ManageOptions } from "./manage-context.server";

function ticketsOf(conferenceId: string) {
  return db().ticketType.findMany({
    where: { conferenceId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, nameEn: true, nameZh: true },
  });
}

/** The conference's vouchers and ticket types, for its organizers. */
export async function voucherAdmin({ actor, slug }: ManageOptions) {
  const conference = await managedConference(db(), actor, slug);
  const [vouchers, tickets] = await Promise.all([
    db().voucher.findMany({ where: { conferenceId: conference.id }, orderBy: { createdAt: "desc" } }),
    ticketsOf(conference.id),
  ]);
  return { conference, vouchers, tickets };
}

/** One voucher for its edit page (404 unless it is this conference's), with how many registrations used it. */
export async function voucherEditor({ actor, slug, voucherId }: ManageOptions & { voucherId: string }) {
  const conference = await managedConference(db(), actor, slug);
  const voucher = isUuid(voucherId)
    ? await db().voucher.findFirst({
        where: { id: voucherId, conferenceId: conference.id },
        include: { _count: { select: { registrations: true } } },
      })
    : null;
  if (!voucher) throw notFound();
  return { conference, voucher, tickets: await ticketsOf(conference.id) };
}
