import { db } from "~/utils/db.server";
import { AppError, notFound } from "~/utils/errors";
import { isUuid } from "~/utils/validation";
import { audit } from "../audit.server";
import { managedConference, type ManageOptions } from "./manage-context.server";

/**
 * Deletes a voucher nobody has used. A used one is refused, not deactivated
 * (as pretix does): its registrations keep pointing at it, so their discount
 * stays explained; to stop further use the organizer ends its validity or
 * lowers its usage limit to the uses so far. The delete is conditional on
 * `used = 0`, so a registration taking a use at the same moment wins or loses
 * as a whole.
 */
export async function deleteVoucher({ actor, slug, voucherId }: ManageOptions & { voucherId: string }) {
  return db().$transaction(async (tx) => {
    const conference = await managedConference(tx, actor, slug);
    if (!isUuid(voucherId)) throw notFound();
    const where = { id: voucherId, conferenceId: conference.id };
    const voucher = await tx.voucher.findFirst({ where, select: { code: true, used: true, _count: { select: { registrations: true } } } });
    if (!voucher) throw notFound();
    const { count } = await tx.voucher.deleteMany({ where: { ...where, used: 0, registrations: { none: {} } } });
    if (count === 0)
      throw new AppError("VOUCHER_USED", "reg.vouchers.usedNoDelete", { used: Math.max(voucher.used, voucher._count.registrations, 1) });
    await audit(tx, {
      actorId: actor!.id,
      action: "voucher.delete",
      entityType: "Voucher",
      entityId: voucherId,
      data: { code: voucher.code },
    });
    return { code: voucher.code };
  });
}
