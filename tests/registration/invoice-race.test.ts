// Gap-free invoice numbers under concurrency (decision 058), on real PostgreSQL: N payments recorded
// at once, while other transactions take a number and roll back, give invoices 1..N exactly; the
// cancellations and payouts that follow continue the same series with credit notes, still without a
// gap or a duplicate. Each transaction stays open a little after taking its number so they overlap.
// The controls take numbers the naive ways — MAX(number) + 1 without the lock, and a database
// sequence — with the same overlap, and must fail: duplicates (refused by the unique index) and gaps.
import { describe, expect, it } from "vitest";
import { Prisma } from "~/generated/prisma/client";
import { cancelRegistration } from "~/domain/registration/cancel-registration.server";
import { badgeCode, paymentReference } from "~/domain/registration/codes.server";
import { issueInvoice } from "~/domain/registration/invoices.server";
import { applyBankPayment } from "~/domain/registration/record-bank-payment.server";
import { recordRefundPayout } from "~/domain/registration/record-refund-payout.server";
import { db } from "~/utils/db.server";
import { sessionUserOf } from "../programme/session-user";
import { grantConferenceRole, makeUser } from "../support/world";
import { makeTicketing, makeUsers } from "./support";

const N = 40;
const ROLLED_BACK = 10;
const HOLD = Prisma.sql`SELECT pg_sleep(0.03)`;

/** A conference with N + ROLLED_BACK bank-transfer registrations awaiting 100 CNY each, and its organizer. */
async function world() {
  const setup = await makeTicketing({ priceCents: 100_00, capacity: 1000 });
  const organizer = await makeUser();
  await grantConferenceRole(setup.conference.id, organizer.id, "ORGANIZER");
  const users = await makeUsers(N + ROLLED_BACK);
  const regs = [];
  for (const u of users) {
    regs.push(
      await db().registration.create({
        data: {
          conferenceId: setup.conference.id,
          userId: u.id,
          ticketTypeId: setup.ticket.id,
          status: "RESERVED",
          method: "BANK_TRANSFER",
          priceCents: 100_00,
          amountCents: 100_00,
          currency: "CNY",
          holdUntil: new Date(Date.now() + 86_400_000),
          reference: paymentReference(setup.slug),
          badgeCode: badgeCode(),
        },
      }),
    );
  }
  return { ...setup, organizer, actor: await sessionUserOf(organizer.id), regs };
}

const numbers = async (conferenceId: string) =>
  (await db().invoice.findMany({ where: { conferenceId }, select: { number: true, kind: true }, orderBy: { number: "asc" } })).map(
    (i) => i.number,
  );
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("invoice numbers under concurrency", () => {
  it(`${N} payments at once, with ${ROLLED_BACK} rolled-back issues among them, give invoices 1..${N}; credit notes continue without gaps`, async () => {
    const w = await world();
    const paid = w.regs.slice(0, N);
    const outcomes = await Promise.allSettled([
      ...paid.map((r) =>
        db().$transaction(
          async (tx) => {
            const result = await applyBankPayment(tx, {
              registrationId: r.id,
              amountCents: 100_00,
              note: null,
              externalId: null,
              actorId: w.organizer.id,
              now: new Date(),
            });
            await tx.$executeRaw(HOLD);
            return result;
          },
          { maxWait: 60_000, timeout: 60_000 },
        ),
      ),
      // Issues that fail after taking their number: the rollback must give the number back.
      ...w.regs.slice(N).map((r) =>
        db().$transaction(
          async (tx) => {
            await tx.registration.update({ where: { id: r.id }, data: { status: "CONFIRMED" } });
            await issueInvoice(tx, r.id, new Date());
            await tx.$executeRaw(HOLD);
            throw new Error("payment provider said no");
          },
          { maxWait: 60_000, timeout: 60_000 },
        ),
      ),
    ]);
    expect(outcomes.slice(0, N).map((o) => (o.status === "fulfilled" ? o.value : String(o.reason)))).toEqual(Array(N).fill("confirmed"));
    expect(outcomes.slice(N).map((o) => (o.status === "rejected" ? String(o.reason) : o.status))).toEqual(
      Array(ROLLED_BACK).fill("Error: payment provider said no"),
    );
    expect(await numbers(w.conference.id)).toEqual(oneTo(N));

    // Half are cancelled (bank refunds pending), then every payout is recorded at once.
    const half = paid.slice(0, N / 2);
    for (const r of half) await cancelRegistration({ actor: w.actor, registrationId: r.id, confirmed: true });
    const refunds = await db().bankRefund.findMany({ where: { registrationId: { in: half.map((r) => r.id) } } });
    expect(refunds).toHaveLength(N / 2);
    const payouts = await Promise.allSettled(
      refunds.map((b) =>
        recordRefundPayout({ actor: w.actor, refundId: b.id, paidOutOn: new Date(), reference: `OUT-${b.id.slice(0, 6)}` }),
      ),
    );
    expect(payouts.filter((p) => p.status === "rejected").map((p) => String((p as PromiseRejectedResult).reason))).toEqual([]);
    expect(await numbers(w.conference.id)).toEqual(oneTo(N + N / 2));
    const notes = await db().invoice.findMany({ where: { conferenceId: w.conference.id, kind: "CREDIT_NOTE" } });
    expect(new Set(notes.map((n) => n.creditsId)).size).toBe(N / 2);
    expect((await db().registrationSettings.findUniqueOrThrow({ where: { conferenceId: w.conference.id } })).nextReceiptNumber).toBe(
      N + N / 2 + 1,
    );
  }, 180_000);

  it("control: MAX(number) + 1 without the series' lock takes the same number twice", async () => {
    const w = await world();
    const outcomes = await Promise.allSettled(
      w.regs.slice(0, N).map((r) =>
        db().$transaction(
          async (tx) => {
            const [{ n }] = await tx.$queryRaw<{ n: number }[]>`
              SELECT coalesce(max(number), 0) + 1 AS n FROM "Invoice" WHERE "conferenceId" = ${w.conference.id}::uuid`;
            await tx.$executeRaw(HOLD);
            await tx.invoice.create({
              data: {
                conferenceId: w.conference.id,
                registrationId: r.id,
                kind: "INVOICE",
                number: Number(n),
                numberText: `NAIVE-${n}`,
                grossCents: 100_00,
                currency: "CNY",
                issuedAt: new Date(),
                data: {},
              },
            });
          },
          { maxWait: 60_000, timeout: 60_000 },
        ),
      ),
    );
    // The unique index refuses the duplicates: those payments would fail (or, without it, share a number).
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(refused.length).toBeGreaterThan(0);
    expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(/Unique constraint|unique/i);
    expect((await numbers(w.conference.id)).length).toBeLessThan(N);
  }, 180_000);

  it("control: a database sequence leaves a gap for every rolled-back issue", async () => {
    const w = await world();
    const seq = `invoice_control_${w.conference.id.replaceAll("-", "")}`;
    await db().$executeRawUnsafe(`CREATE SEQUENCE "${seq}"`);
    try {
      await Promise.allSettled(
        w.regs.map((r, i) =>
          db().$transaction(
            async (tx) => {
              const [{ n }] = await tx.$queryRawUnsafe<{ n: bigint }[]>(`SELECT nextval('"${seq}"') AS n`);
              await tx.$executeRaw(HOLD);
              // Every fifth one fails after taking its number, spread through the run.
              if (i % 5 === 2) throw new Error("payment provider said no");
              await tx.invoice.create({
                data: {
                  conferenceId: w.conference.id,
                  registrationId: r.id,
                  kind: "INVOICE",
                  number: Number(n),
                  numberText: `SEQ-${n}`,
                  grossCents: 100_00,
                  currency: "CNY",
                  issuedAt: new Date(),
                  data: {},
                },
              });
            },
            { maxWait: 60_000, timeout: 60_000 },
          ),
        ),
      );
      const taken = await numbers(w.conference.id);
      expect(taken).toHaveLength(N);
      expect(taken).not.toEqual(oneTo(N));
    } finally {
      await db().$executeRawUnsafe(`DROP SEQUENCE "${seq}"`);
    }
  }, 180_000);
});
