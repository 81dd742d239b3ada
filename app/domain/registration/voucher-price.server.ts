import type { Tx } from "~/utils/db.server";
import { FieldError } from "~/utils/errors";

/**
 * Checks a voucher code against a ticket and returns the discounted amount.
 * Its usage limit is enforced later by takeVoucherUse (a conditional update),
 * never by this read.
 */
export async function priceWithVoucher(
  tx: Tx,
  opts: { conferenceId: string; code: string; ticket: { id: string; priceCents: number }; now: Date },
) {
  const voucher = await tx.voucher.findUnique({
    where: { conferenceId_code: { conferenceId: opts.conferenceId, code: opts.code.trim().toUpperCase() } },
  });
  const invalid = () => new FieldError("voucher", "reg.error.voucherInvalid");
  if (!voucher) throw invalid();
  if ((voucher.validFrom && voucher.validFrom > opts.now) || (voucher.validUntil && voucher.validUntil <= opts.now)) throw invalid();
  if (voucher.ticketTypeIds.length && !voucher.ticketTypeIds.includes(opts.ticket.id))
    throw new FieldError("voucher", "reg.error.voucherNotForTicket");
  const price = opts.ticket.priceCents;
  const discount = voucher.kind === "PERCENT" ? Math.round((price * Math.min(voucher.value, 100)) / 100) : Math.min(voucher.value, price);
  return { voucherId: voucher.id, amountCents: price - discount };
}
