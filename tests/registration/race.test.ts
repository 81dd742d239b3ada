// No overselling, ever: N ≥ 200 concurrent registrations through a real HTTP
// server against PostgreSQL for a quota of 50 → exactly 50. The controls turn
// the locking off with the test-only switch and must oversell, proving the
// test can catch it. The same for a voucher's usage limit.
import { afterEach, describe, expect, it } from "vitest";
import { testSwitches } from "~/domain/registration/switches.server";
import * as register from "~/routes/registration/register";
import { db } from "~/utils/db.server";
import { makeTicketing, makeUsers, postForm, serveRoutes } from "./support";

const N = 200;

async function launch(opts: { capacity: number; voucherLimit?: number }) {
  const setup = await makeTicketing({ capacity: opts.capacity, priceCents: opts.voucherLimit ? 100_00 : 0 });
  if (opts.voucherLimit) {
    await db().voucher.create({
      data: { conferenceId: setup.conference.id, code: "HALF", kind: "PERCENT", value: 50, usageLimit: opts.voucherLimit },
    });
  }
  const users = await makeUsers(N);
  const server = await serveRoutes([{ pattern: /^\/conferences\/([^/]+)\/register$/, module: register, params: (m) => ({ slug: m[1] }) }]);
  try {
    const form: Record<string, string> = { ticketTypeId: setup.ticket.id };
    if (opts.voucherLimit) Object.assign(form, { method: "bank", voucher: "HALF" });
    const statuses = await Promise.all(users.map((u) => postForm(`${server.url}/conferences/${setup.slug}/register`, u.cookie, form)));
    const held = await db().registration.count({ where: { conferenceId: setup.conference.id, status: { in: ["RESERVED", "CONFIRMED"] } } });
    const quota = await db().quota.findUniqueOrThrow({ where: { id: setup.quota.id } });
    const voucher = await db().voucher.findFirst({ where: { conferenceId: setup.conference.id } });
    const withVoucher = await db().registration.count({ where: { conferenceId: setup.conference.id, voucherId: { not: null } } });
    return { statuses, held, quota, voucher, withVoucher };
  } finally {
    await server.close();
  }
}

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

afterEach(() => {
  testSwitches.unsafeQuotas = false;
});

describe("ticket launch race", () => {
  it(`${N} concurrent registrations for a quota of 50 take exactly 50 places`, async () => {
    const { statuses, held, quota } = await launch({ capacity: 50 });
    expect(tally(statuses)).toEqual({ 302: 50, 409: N - 50 });
    expect(held).toBe(50);
    expect(quota.used).toBe(50);
  }, 120_000);

  it("control: with the locking switched off, the same launch oversells", async () => {
    testSwitches.unsafeQuotas = true;
    const { held, quota } = await launch({ capacity: 50 });
    expect(held).toBeGreaterThan(50);
    expect(quota.used).toBeGreaterThan(50);
  }, 120_000);
});

describe("voucher usage limit race", () => {
  it(`${N} concurrent uses of a voucher limited to 20 use it exactly 20 times`, async () => {
    const { statuses, withVoucher, voucher } = await launch({ capacity: 1000, voucherLimit: 20 });
    expect(tally(statuses)).toEqual({ 302: 20, 409: N - 20 });
    expect(withVoucher).toBe(20);
    expect(voucher?.used).toBe(20);
  }, 120_000);

  it("control: with the locking switched off, the voucher is over-used", async () => {
    testSwitches.unsafeQuotas = true;
    const { withVoucher } = await launch({ capacity: 1000, voucherLimit: 20 });
    expect(withVoucher).toBeGreaterThan(20);
  }, 120_000);
});
