import { db } from "~/utils/db.server";
import { managedConference, type ManageOptions } from "./manage-context.server";

/** The conference's vouchers and ticket types, for its organizers. */
export async function voucherAdmin({ actor, slug }: ManageOptions) {
  const conference = await managedConference(db(), actor, slug);
  const [vouchers, tickets] = await Promise.all([
    db().voucher.findMany({ where: { conferenceId: conference.id }, orderBy: { createdAt: "desc" } }),
    db().ticketType.findMany({
      where: { conferenceId: conference.id },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, nameEn: true, nameZh: true },
    }),
  ]);
  return { conference, vouchers, tickets };
}
