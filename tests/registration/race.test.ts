// No overselling, ever: N ≥ 200 concurrent registrations against PostgreSQL
// for a quota of 50 → exactly 50, through a real HTTP server around the route
// and through the domain operation itself. The controls hand the operation the
// same work without row locks (tests/registration/unlocked.ts) and must
// oversell, proving the test can catch it and that the locks prevent it. The
// same for a voucher's usage limit.
import { describe, expect, it } from "vitest";
import { rowLocks, type PlaceLocking } from "~/domain/registration/quota.server";
import { registerAttendee } from "~/domain/registration/register-attendee.server";
import * as register from "~/routes/registration/register";
import { db } from "~/utils/db.server";
import { isAppError } from "~/utils/errors";
import { sessionUserOf } from "../programme/session-user";
import { makeTicketing, makeUsers, postForm, serveRoutes } from "./support";
import { unlocked } from "./unlocked";

const N = 200;

/** N people register at once, each through the route over HTTP or by calling registerAttendee with the given locking. */
async function launch(opts: { capacity: number; voucherLimit?: number; via: "route" | PlaceLocking }) {
  const setup = await makeTicketing({ capacity: opts.capacity, priceCents: opts.voucherLimit ? 100_00 : 0 });
  if (opts.voucherLimit) {
    await db().voucher.create({
      data: { conferenceId: setup.conference.id, code: "HALF", kind: "PERCENT", value: 50, usageLimit: opts.voucherLimit },
    });
  }
  const users = await makeUsers(N);
  const form: Record<string, string> = { ticketTypeId: setup.ticket.id };
  if (opts.voucherLimit) Object.assign(form, { method: "bank", voucher: "HALF" });
  let statuses: number[];
  if (opts.via === "route") {
    const server = await serveRoutes([
      { pattern: /^\/conferences\/([^/]+)\/register$/, module: register, params: (m) => ({ slug: m[1] }) },
    ]);
    try {
      statuses = await Promise.all(users.map((u) => postForm(`${server.url}/conferences/${setup.slug}/register`, u.cookie, form)));
    } finally {
      await server.close();
    }
  } else {
    const placeLocking = opts.via;
    const actors = await Promise.all(users.map((u) => sessionUserOf(u.id)));
    // The same answers the route gives: 302 for a registration, the error's status otherwise.
    statuses = await Promise.all(
      actors.map((actor) =>
        registerAttendee({ actor, slug: setup.slug, input: form as never, placeLocking }).then(
          () => 302,
          (error: unknown) => (isAppError(error) ? error.status : 500),
        ),
      ),
    );
  }
  const held = await db().registration.count({ where: { conferenceId: setup.conference.id, status: { in: ["RESERVED", "CONFIRMED"] } } });
  const quota = await db().quota.findUniqueOrThrow({ where: { id: setup.quota.id } });
  const voucher = await db().voucher.findFirst({ where: { conferenceId: setup.conference.id } });
  const withVoucher = await db().registration.count({ where: { conferenceId: setup.conference.id, voucherId: { not: null } } });
  return { statuses, held, quota, voucher, withVoucher };
}

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

describe("ticket launch race", () => {
  it(`${N} concurrent registrations through the route for a quota of 50 take exactly 50 places`, async () => {
    const { statuses, held, quota } = await launch({ capacity: 50, via: "route" });
    expect(tally(statuses)).toEqual({ 302: 50, 409: N - 50 });
    expect(held).toBe(50);
    expect(quota.used).toBe(50);
  }, 120_000);

  it(`${N} concurrent calls of registerAttendee with the row locks take exactly 50 places`, async () => {
    const { statuses, held, quota } = await launch({ capacity: 50, via: rowLocks });
    expect(tally(statuses)).toEqual({ 302: 50, 409: N - 50 });
    expect(held).toBe(50);
    expect(quota.used).toBe(50);
  }, 120_000);

  it("control: the same calls without the row locks oversell", async () => {
    const { held, quota } = await launch({ capacity: 50, via: unlocked });
    expect(held).toBeGreaterThan(50);
    expect(quota.used).toBeGreaterThan(50);
  }, 120_000);
});

describe("voucher usage limit race", () => {
  it(`${N} concurrent uses through the route of a voucher limited to 20 use it exactly 20 times`, async () => {
    const { statuses, withVoucher, voucher } = await launch({ capacity: 1000, voucherLimit: 20, via: "route" });
    expect(tally(statuses)).toEqual({ 302: 20, 409: N - 20 });
    expect(withVoucher).toBe(20);
    expect(voucher?.used).toBe(20);
  }, 120_000);

  it(`${N} concurrent calls of registerAttendee with the row locks use it exactly 20 times`, async () => {
    const { statuses, withVoucher, voucher } = await launch({ capacity: 1000, voucherLimit: 20, via: rowLocks });
    expect(tally(statuses)).toEqual({ 302: 20, 409: N - 20 });
    expect(withVoucher).toBe(20);
    expect(voucher?.used).toBe(20);
  }, 120_000);

  it("control: the same calls without the row locks over-use the voucher", async () => {
    const { withVoucher } = await launch({ capacity: 1000, voucherLimit: 20, via: unlocked });
    expect(withVoucher).toBeGreaterThan(20);
  }, 120_000);
});
