// The race tests' control: the way a naive implementation would take places
// and voucher uses, without row locks. It lives in tests/ so that no
// production module can import it; registerAttendee runs it only when a test
// hands it in as `placeLocking`.
import { Prisma } from "~/generated/prisma/client";
import { voucherUsedUp, type PlaceLocking } from "~/domain/registration/quota.server";

export const unlocked: PlaceLocking = {
  // The same check as the real one, read from the statement's snapshot instead
  // of the locked, newest row: statements started while the last place was
  // being taken still see it free. The 20 ms pause stands in for the rest of a
  // naive implementation's work between its check and its write.
  quotasSql: (quotaIds) =>
    Prisma.sql`SELECT id, used < capacity AS free FROM "Quota", (SELECT pg_sleep(0.02)) AS pause WHERE id = ANY(${quotaIds}::uuid[]) ORDER BY id`,
  // Read, check, then write: the classic over-use. A naive implementation does
  // the rest of its work between the check and the write; 20 ms stands in for it.
  async takeVoucherUse(tx, voucherId) {
    const [v] = await tx.$queryRaw<{ used: number; usageLimit: number | null }[]>`
      SELECT used, "usageLimit" FROM "Voucher" WHERE id = ${voucherId}::uuid`;
    if (v.usageLimit !== null && v.used >= v.usageLimit) throw voucherUsedUp();
    await tx.$executeRaw`SELECT pg_sleep(0.02)`;
    await tx.$executeRaw`UPDATE "Voucher" SET used = used + 1 WHERE id = ${voucherId}::uuid`;
  },
};
