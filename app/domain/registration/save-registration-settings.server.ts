import { type Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { audit } from "../audit.server";
import { managedConference, type ManageOptions } from "./manage-context.server";
import type { SettingsInput } from "./schemas";
import { zonedToUtc } from "~/utils/zoned-time";

/** Hold times, offer validity, cancellation deadline, bank instructions and invoice seller/tax of the conference. */
export async function saveRegistrationSettings({ actor, slug, input }: ManageOptions & { input: SettingsInput }) {
  return db().$transaction(async (tx) => {
    const conference = await managedConference(tx, actor, slug);
    const data = {
      cardHoldMinutes: input.cardHoldMinutes,
      bankHoldDays: input.bankHoldDays,
      offerHours: input.offerHours,
      cancelUntil: input.cancelUntil ? zonedToUtc(input.cancelUntil, conference.timeZone) : null,
      bankInstructions: input.bankInstructions ?? "",
      bankInstructionsZh: input.bankInstructionsZh ?? null,
      // Printed on invoices issued from now on; issued ones keep what they were issued with.
      sellerName: input.sellerName ?? "",
      sellerAddress: input.sellerAddress ?? "",
      sellerTaxId: input.sellerTaxId ?? "",
      taxRateBasisPoints: input.taxRate,
      taxExemptReason: input.taxExemptReason ?? "",
    };
    await tx.registrationSettings.upsert({
      where: { conferenceId: conference.id },
      create: { conferenceId: conference.id, ...data },
      update: data,
    });
    await audit(tx, {
      actorId: actor!.id,
      action: "registration-settings.update",
      entityType: "Conference",
      entityId: conference.id,
      data: { ...data, cancelUntil: data.cancelUntil?.toISOString() ?? null } as Prisma.InputJsonValue,
    });
  });
}
