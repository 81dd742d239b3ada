import type { Db, Tx } from "~/utils/db.server";

/**
 * Transaction options for operations that a ticket launch queues by the
 * hundreds: waiting for a pooled connection is normal then, not an error.
 */
export const LAUNCH_TX = { maxWait: 30_000, timeout: 20_000 };

export const DEFAULT_SETTINGS = { cardHoldMinutes: 30, bankHoldDays: 14, offerHours: 48 };

/** The conference's registration settings; defaults until an organizer saves some. */
export async function settingsOf(client: Tx | Db, conferenceId: string) {
  const row = await client.registrationSettings.findUnique({ where: { conferenceId } });
  return {
    ...DEFAULT_SETTINGS,
    cancelUntil: null as Date | null,
    bankInstructions: "",
    bankInstructionsZh: null as string | null,
    sellerName: "",
    sellerAddress: "",
    sellerTaxId: "",
    taxRateBasisPoints: 0,
    taxExemptReason: "",
    ...(row ?? {}),
  };
}

/**
 * Next number of the conference's one series of invoices and credit notes (decision 058). The
 * UPDATE ... RETURNING holds the settings row's lock until the caller's transaction ends, so concurrent
 * issues queue, and a rolled-back issue gives its number back: gap-free, unlike a sequence.
 */
export async function nextReceiptNumber(tx: Tx, conferenceId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    INSERT INTO "RegistrationSettings" ("conferenceId", "nextReceiptNumber", "updatedAt")
    VALUES (${conferenceId}::uuid, 2, now())
    ON CONFLICT ("conferenceId") DO UPDATE SET "nextReceiptNumber" = "RegistrationSettings"."nextReceiptNumber" + 1
    RETURNING "nextReceiptNumber" - 1 AS n`;
  return Number(row.n);
}
