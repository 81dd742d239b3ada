// A registration is read once and written by one statement, whichever path it takes (decision 043):
// the common one (the statement alone), a voucher and a re-used row (the statement inside a
// transaction with the voucher use or the old answers' deletion).
import { describe, expect, it } from "vitest";
import * as register from "~/routes/registration/register";
import { db } from "~/utils/db.server";
import { callAction } from "../support/http";
import { makeUser } from "../support/world";
import { makeTicketing } from "./support";

// Every statement Prisma sends, while a test is recording.
let recording: string[] | null = null;
(db() as unknown as { $on: (event: "query", cb: (e: { query: string }) => void) => void }).$on("query", (e) => recording?.push(e.query));

/** How many times `work` wrote a registration and read the facts registering needs. */
async function statementsDuring(work: () => Promise<unknown>) {
  recording = [];
  try {
    await work();
    return {
      writes: recording.filter((q) => q.includes(`INSERT INTO "Registration"`)).length,
      factReads: recording.filter((q) => q.includes(`LEFT JOIN "Registration" r ON`)).length,
    };
  } finally {
    recording = null;
  }
}

const post = (slug: string, cookie: string, form: Record<string, string>) =>
  callAction(register, { path: `/conferences/${slug}/register`, params: { slug }, cookie, form });

describe("one read, one write per registration", () => {
  it("common path, voucher, and a row re-used after cancellation", async () => {
    const { conference, ticket, slug } = await makeTicketing({ priceCents: 100_00 });
    await db().voucher.create({ data: { conferenceId: conference.id, code: "HALF", kind: "PERCENT", value: 50 } });
    const [plain, withVoucher, again] = await Promise.all([makeUser(), makeUser(), makeUser()]);

    const common = await statementsDuring(async () =>
      expect((await post(slug, plain.cookie, { ticketTypeId: ticket.id, method: "bank" })).status).toBe(302),
    );
    expect(common).toEqual({ writes: 1, factReads: 1 });

    const voucher = await statementsDuring(async () =>
      expect((await post(slug, withVoucher.cookie, { ticketTypeId: ticket.id, method: "bank", voucher: "HALF" })).status).toBe(302),
    );
    expect(voucher).toEqual({ writes: 1, factReads: 1 });

    expect((await post(slug, again.cookie, { ticketTypeId: ticket.id, method: "bank" })).status).toBe(302);
    await db().registration.updateMany({ where: { userId: again.id }, data: { status: "CANCELLED", cancelledAt: new Date() } });
    const reused = await statementsDuring(async () =>
      expect((await post(slug, again.cookie, { ticketTypeId: ticket.id, method: "bank" })).status).toBe(302),
    );
    expect(reused).toEqual({ writes: 1, factReads: 1 });
    expect(await db().registration.findFirstOrThrow({ where: { userId: again.id } })).toMatchObject({
      status: "RESERVED",
      cancelledAt: null,
    });
  });
});
