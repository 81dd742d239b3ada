import { Prisma } from "~/generated/prisma/client";
import { db, type Tx } from "~/utils/db.server";
import { FieldError, notFound } from "~/utils/errors";
import { zonedToUtc } from "~/utils/zoned-time";
import { isUuid } from "~/utils/validation";
import { audit } from "../audit.server";
import { managedConference, type ManageOptions } from "./manage-context.server";
import { parseMoney } from "./money";
import type { VoucherInput } from "./schemas";

type Conference = Awaited<ReturnType<typeof managedConference>>;

/** The row a voucher form describes, after checking its value and that its tickets are this conference's. */
async function voucherData(tx: Tx, conference: Conference, input: VoucherInput) {
  const value = input.kind === "PERCENT" ? Number(input.value) : parseMoney(input.value, conference.currency);
  if (value === null || value <= 0) throw new FieldError("value", "reg.validation.amount");
  const tickets = await tx.ticketType.count({ where: { id: { in: input.ticketTypeIds }, conferenceId: conference.id } });
  if (tickets !== input.ticketTypeIds.length) throw new FieldError("ticketTypeIds", "validation.invalid");
  return {
    code: input.code,
    kind: input.kind,
    value,
    usageLimit: input.usageLimit ?? null,
    validUntil: input.validUntil ? zonedToUtc(input.validUntil, conference.timeZone) : null,
    ticketTypeIds: input.ticketTypeIds,
  };
}

/** Codes are unique per conference: the unique index decides, and the form says so on the code field. */
async function codeOnce<T>(run: () => Promise<T>) {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new FieldError("code", "reg.vouchers.codeTaken", "CONFLICT");
    throw error;
  }
}

/** A discount code of the conference (percentage or fixed amount), optionally limited in uses, time and tickets. */
export async function createVoucher({ actor, slug, input }: ManageOptions & { input: VoucherInput }) {
  return codeOnce(() =>
    db().$transaction(async (tx) => {
      const conference = await managedConference(tx, actor, slug);
      const voucher = await tx.voucher.create({ data: { conferenceId: conference.id, ...(await voucherData(tx, conference, input)) } });
      await audit(tx, {
        actorId: actor!.id,
        action: "voucher.create",
        entityType: "Voucher",
        entityId: voucher.id,
        data: { code: input.code },
      });
      return voucher;
    }),
  );
}

/**
 * Changes a voucher. Registrations that used it keep the price they got; the
 * new terms apply to the next use. The usage limit cannot go below the uses so
 * far: the update is conditional on `used`, so a registration taking a use at
 * the same moment cannot slip past the new limit.
 */
export async function updateVoucher({ actor, slug, voucherId, input }: ManageOptions & { voucherId: string; input: VoucherInput }) {
  return codeOnce(() =>
    db().$transaction(async (tx) => {
      const conference = await managedConference(tx, actor, slug);
      if (!isUuid(voucherId)) throw notFound();
      const data = await voucherData(tx, conference, input);
      const where = { id: voucherId, conferenceId: conference.id };
      const { count } = await tx.voucher.updateMany({
        where: { ...where, ...(data.usageLimit ? { used: { lte: data.usageLimit } } : {}) },
        data,
      });
      if (count === 0) {
        if (!(await tx.voucher.count({ where }))) throw notFound();
        throw new FieldError("usageLimit", "reg.vouchers.limitBelowUsed");
      }
      await audit(tx, {
        actorId: actor!.id,
        action: "voucher.update",
        entityType: "Voucher",
        entityId: voucherId,
        data: { code: input.code },
      });
    }),
  );
}
