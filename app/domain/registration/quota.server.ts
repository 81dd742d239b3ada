import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";

/**
 * Places and voucher uses are counters changed only here, inside the caller's
 * transaction. Taking a place locks every quota of the ticket in id order
 * (FOR UPDATE after ORDER BY, so two tickets sharing quotas can never
 * deadlock) and increments only rows still below capacity: when fewer rows come
 * back than the ticket has quotas, one is full and the caller's transaction
 * rolls back. The lock is held until commit, so callers take places LAST.
 * See docs/decisions/010-registration.md.
 */
export const soldOut = () => new AppError("SOLD_OUT", "reg.error.soldOut");

export async function quotaIdsOf(tx: Tx, ticketTypeId: string): Promise<string[]> {
  const rows = await tx.ticketTypeQuota.findMany({ where: { ticketTypeId }, select: { quotaId: true }, orderBy: { quotaId: "asc" } });
  return rows.map((r) => r.quotaId);
}

/** Takes one place in every given quota, or throws SOLD_OUT. */
export async function takePlaces(tx: Tx, quotaIds: string[]) {
  if (!(await tryTakePlaces(tx, quotaIds))) throw soldOut();
}

/**
 * The same rule inside a larger statement (registering writes everything in
 * one, see register-attendee.server.ts), as two CTE bodies: `lockQuotasSql`
 * locks the quotas in id order and says whether each has room (FOR UPDATE
 * returns the newest committed row, so the check is current); `takeLockedSql`
 * then increments every locked quota when `when` holds. All or nothing: the
 * caller makes `when` require that every quota had room.
 */
export function lockQuotasSql(quotaIds: string[]): Prisma.Sql {
  return Prisma.sql`SELECT id, used < capacity AS free FROM "Quota" WHERE id = ANY(${quotaIds}::uuid[]) ORDER BY id FOR UPDATE`;
}

export function takeLockedSql(lockedCte: string, when: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`UPDATE "Quota" q SET used = q.used + 1 FROM ${Prisma.raw(lockedCte)} l WHERE q.id = l.id AND ${when} RETURNING q.id`;
}

/** Like takePlaces, but answers false (having taken nothing) when a quota is full. */
export async function tryTakePlaces(tx: Tx, quotaIds: string[]): Promise<boolean> {
  if (quotaIds.length === 0) return true;
  const taken = await tx.$queryRaw<{ id: string }[]>`
    WITH locked AS (
      SELECT id FROM "Quota" WHERE id = ANY(${quotaIds}::uuid[]) ORDER BY id FOR UPDATE
    )
    UPDATE "Quota" q SET used = q.used + 1
    FROM locked WHERE q.id = locked.id AND q.used < q.capacity
    RETURNING q.id`;
  if (taken.length === quotaIds.length) return true;
  // Another quota of the ticket was full: give back the places this statement took.
  if (taken.length > 0)
    await releasePlaces(
      tx,
      taken.map((t) => t.id),
    );
  return false;
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

export const voucherUsedUp = () => new AppError("VOUCHER_USED_UP", "reg.error.voucherUsedUp");

/** Takes one use of a voucher under the same rule as places. Vouchers are always locked before quotas. */
export async function takeVoucherUse(tx: Tx, voucherId: string) {
  const n = await tx.$executeRaw`
    UPDATE "Voucher" SET used = used + 1
    WHERE id = ${voucherId}::uuid AND ("usageLimit" IS NULL OR used < "usageLimit")`;
  if (n !== 1) throw voucherUsedUp();
}

/**
 * How a registration takes its places and its voucher use when many arrive at
 * once. Production code always uses `rowLocks` (the default of
 * registerAttendee's `placeLocking` option). The race tests hand in a strategy
 * without the locks as their control (tests/registration/unlocked.ts), to prove
 * that the locks, not luck, keep a launch from overselling.
 */
export type PlaceLocking = {
  /** A CTE body answering (id, free) for the given quotas, locked in id order until the statement's transaction ends. */
  quotasSql(quotaIds: string[]): Prisma.Sql;
  /** Takes one use of the voucher inside the caller's transaction, or throws VOUCHER_USED_UP. */
  takeVoucherUse(tx: Tx, voucherId: string): Promise<void>;
};

export const rowLocks: PlaceLocking = { quotasSql: lockQuotasSql, takeVoucherUse };

export async function releaseVoucherUse(tx: Tx, voucherId: string) {
  await tx.$executeRaw`UPDATE "Voucher" SET used = GREATEST(used - 1, 0) WHERE id = ${voucherId}::uuid`;
}
