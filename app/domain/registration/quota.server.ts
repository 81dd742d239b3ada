import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { locksDisabled } from "./switches.server";

/**
 * Places and voucher uses are counters changed only here, inside the caller's
 * transaction. Taking a place locks every quota of the ticket in id order
 * (FOR UPDATE after ORDER BY, so two tickets sharing quotas can never
 * deadlock) and increments only rows still below capacity: when fewer rows come
 * back than the ticket has quotas, one is full and the caller's transaction
 * rolls back. The lock is held until commit, so callers take places LAST.
 * See docs/decisions/010-registration.md.
 */
export const soldOut = () => new AppError("SOLD_OUT", 409, "reg.error.soldOut");

export async function quotaIdsOf(tx: Tx, ticketTypeId: string): Promise<string[]> {
  const rows = await tx.ticketTypeQuota.findMany({ where: { ticketTypeId }, select: { quotaId: true }, orderBy: { quotaId: "asc" } });
  return rows.map((r) => r.quotaId);
}

/** Takes one place in every given quota, or throws SOLD_OUT. */
export async function takePlaces(tx: Tx, quotaIds: string[]) {
  if (!(await tryTakePlaces(tx, quotaIds))) throw soldOut();
}

/**
 * The statement that takes one place in every given quota still below
 * capacity, locking them in id order, and returns the ids it took. Callers
 * that get fewer ids than quotas must give them back or roll back. Exposed as
 * SQL so registering can run it in the same round trip as its inserts.
 */
export function takePlacesSql(quotaIds: string[]): Prisma.Sql {
  return Prisma.sql`
    WITH locked AS (
      SELECT id FROM "Quota" WHERE id = ANY(${quotaIds}::uuid[]) ORDER BY id FOR UPDATE
    )
    UPDATE "Quota" q SET used = q.used + 1
    FROM locked WHERE q.id = locked.id AND q.used < q.capacity
    RETURNING q.id`;
}

/** Like takePlaces, but answers false (having taken nothing) when a quota is full. */
export async function tryTakePlaces(tx: Tx, quotaIds: string[]): Promise<boolean> {
  if (quotaIds.length === 0) return true;
  if (locksDisabled()) return takePlacesUnsafely(tx, quotaIds);
  const taken = await tx.$queryRaw<{ id: string }[]>(takePlacesSql(quotaIds));
  if (taken.length === quotaIds.length) return true;
  // Another quota of the ticket was full: give back the places this statement took.
  if (taken.length > 0) await releasePlaces(tx, taken.map((t) => t.id));
  return false;
}

/** The control of the race test: read, check, then write — the classic oversell. */
async function takePlacesUnsafely(tx: Tx, quotaIds: string[]): Promise<boolean> {
  const rows = await tx.$queryRaw<{ used: number; capacity: number }[]>`
    SELECT used, capacity FROM "Quota" WHERE id = ANY(${quotaIds}::uuid[])`;
  if (rows.some((r) => r.used >= r.capacity)) return false;
  // A naive implementation does the rest of its work between the check and the write; 20 ms stands in for it.
  await tx.$executeRaw`SELECT pg_sleep(0.02)`;
  await tx.$executeRaw`UPDATE "Quota" SET used = used + 1 WHERE id = ANY(${quotaIds}::uuid[])`;
  return true;
}

/** Gives one place back to every given quota (in id order, like takePlaces). */
export async function releasePlaces(tx: Tx, quotaIds: string[]) {
  if (quotaIds.length === 0) return;
  await tx.$executeRaw`
    WITH locked AS (
      SELECT id FROM "Quota" WHERE id = ANY(${quotaIds}::uuid[]) ORDER BY id FOR UPDATE
    )
    UPDATE "Quota" q SET used = GREATEST(q.used - 1, 0) FROM locked WHERE q.id = locked.id`;
}

export const voucherUsedUp = () => new AppError("VOUCHER_USED_UP", 409, "reg.error.voucherUsedUp");

/** Takes one use of a voucher under the same rule as places. Vouchers are always locked before quotas. */
export async function takeVoucherUse(tx: Tx, voucherId: string) {
  if (locksDisabled()) {
    const [v] = await tx.$queryRaw<{ used: number; usageLimit: number | null }[]>`
      SELECT used, "usageLimit" FROM "Voucher" WHERE id = ${voucherId}::uuid`;
    if (v.usageLimit !== null && v.used >= v.usageLimit) throw voucherUsedUp();
    await tx.$executeRaw`SELECT pg_sleep(0.02)`;
    await tx.$executeRaw`UPDATE "Voucher" SET used = used + 1 WHERE id = ${voucherId}::uuid`;
    return;
  }
  const n = await tx.$executeRaw`
    UPDATE "Voucher" SET used = used + 1
    WHERE id = ${voucherId}::uuid AND ("usageLimit" IS NULL OR used < "usageLimit")`;
  if (n !== 1) throw voucherUsedUp();
}

export async function releaseVoucherUse(tx: Tx, voucherId: string) {
  await tx.$executeRaw`UPDATE "Voucher" SET used = GREATEST(used - 1, 0) WHERE id = ${voucherId}::uuid`;
}
