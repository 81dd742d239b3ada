import { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { FieldError } from "~/utils/errors";
import { audit } from "../audit.server";
import { managedConference, type ManageOptions } from "./manage-context.server";
import { parseMoney } from "./money";
import type { VoucherInput } from "./schemas";
import { zonedToUtc } from "~/utils/zoned-time";

/** A discount code of the conference (percentage or fixed amount), optionally limited in uses, time and tickets. */
export async function createVoucher({ actor, slug, input }: ManageOptions & { input: VoucherInput }) {
  try {
    return await db().$transaction(async (tx) => {
      const conference = await managedConference(tx, actor, slug);
      const value = input.kind === "PERCENT" ? Number(input.value) : parseMoney(input.value, conference.currency);
      if (value === null || value <= 0) throw new FieldError("value", "reg.validation.amount");
      const tickets = await tx.ticketType.count({ where: { id: { in: input.ticketTypeIds }, conferenceId: conference.id } });
      if (tickets !== input.ticketTypeIds.length) throw new FieldError("ticketTypeIds", "validation.invalid");
      const voucher = await tx.voucher.create({
        data: {
          conferenceId: conference.id,
          code: input.code,
          kind: input.kind,
          value,
          usageLimit: input.usageLimit ?? null,
          validUntil: input.validUntil ? zonedToUtc(input.validUntil, conference.timeZone) : null,
          ticketTypeIds: input.ticketTypeIds,
        },
      });
      await audit(tx, {
        actorId: actor!.id,
        action: "voucher.create",
        entityType: "Voucher",
        entityId: voucher.id,
        data: { code: input.code },
      });
      return voucher;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new FieldError("code", "validation.invalid");
    throw error;
  }
}
