// A payment reminder goes out once, a day before an unpaid hold expires, in the attendee's language.
import { describe, expect, it } from "vitest";
import { remindPendingPayments } from "~/domain/registration/remind-payments.server";
import * as register from "~/routes/registration/register";
import { atTime } from "~/utils/clock.server";
import { db } from "~/utils/db.server";
import { callAction } from "../support/http";
import { emailText } from "../support/mail";
import { makeUser } from "../support/world";
import { makeTicketing } from "./support";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

async function registerBank(slug: string, ticketTypeId: string, locale: "en" | "zh") {
  const user = await makeUser({ locale });
  await callAction(register, {
    path: `/conferences/${slug}/register`,
    params: { slug },
    cookie: user.cookie,
    form: { ticketTypeId, method: "bank" },
  });
  return { user, registration: await db().registration.findFirstOrThrow({ where: { userId: user.id } }) };
}

const reminders = (email: string) => db().outboxEmail.findMany({ where: { to: email, template: "paymentReminder" } });

describe("payment reminder before a hold expires", () => {
  it("is sent once, 24 hours before a 14-day bank hold ends, in each attendee's language", async () => {
    const { slug, ticket } = await makeTicketing({ priceCents: 960_00 });
    const en = await registerBank(slug, ticket.id, "en");
    const zh = await registerBank(slug, ticket.id, "zh");
    const start = en.registration.createdAt.getTime();
    const at = (ms: number) => atTime(new Date(start + ms), () => remindPendingPayments());

    await at(12 * DAY);
    expect(await reminders(en.user.email)).toHaveLength(0);
    await at(13 * DAY + 12 * HOUR);
    await at(13 * DAY + 13 * HOUR);
    const [enMail] = await reminders(en.user.email);
    const [zhMail] = await reminders(zh.user.email);
    expect((await reminders(en.user.email)).length + (await reminders(zh.user.email)).length).toBe(2);
    expect(enMail.subject).toMatch(/^Reminder: please pay by/);
    const enText = await emailText(enMail);
    expect(enText).toContain("CN¥960.00");
    expect(enText).toContain(en.registration.reference);
    expect(enText).toMatch(/Your place is held until .*\(Asia\/Shanghai\)|Your place is held until/);
    expect(await emailText(zhMail)).toContain(`附言为 ${zh.registration.reference}`);
    expect(await db().registration.findUniqueOrThrow({ where: { id: en.registration.id } })).toMatchObject({
      paymentReminderSentAt: new Date(start + 13 * DAY + 12 * HOUR),
    });
  });

  it("leaves paid, expired and barely started holds alone; a short hold is reminded halfway", async () => {
    const { slug, ticket } = await makeTicketing({ priceCents: 100_00 });
    const short = await registerBank(slug, ticket.id, "en");
    const paid = await registerBank(slug, ticket.id, "en");
    const t0 = new Date();
    // A two-hour hold (as a card checkout has), and a hold already fully paid (amount reached, not yet swept).
    await db().registration.update({
      where: { id: short.registration.id },
      data: { createdAt: t0, holdUntil: new Date(t0.getTime() + 2 * HOUR) },
    });
    await db().registration.update({
      where: { id: paid.registration.id },
      data: { paidCents: 100_00, holdUntil: new Date(t0.getTime() + 2 * HOUR) },
    });

    expect(await atTime(new Date(t0.getTime() + 30 * 60_000), () => remindPendingPayments())).toEqual({ reminded: 0 });
    expect(await atTime(new Date(t0.getTime() + 61 * 60_000), () => remindPendingPayments())).toEqual({ reminded: 1 });
    expect(await reminders(short.user.email)).toHaveLength(1);
    expect(await reminders(paid.user.email)).toHaveLength(0);
    // Past the end it is the sweeper's turn, not a reminder's.
    await db().registration.update({ where: { id: short.registration.id }, data: { paymentReminderSentAt: null } });
    expect(await atTime(new Date(t0.getTime() + 3 * HOUR), () => remindPendingPayments())).toEqual({ reminded: 0 });
  });

  it("two processes running the job at once send each reminder once", async () => {
    const { slug, ticket } = await makeTicketing({ priceCents: 100_00 });
    const people = await Promise.all(Array.from({ length: 6 }, (_, i) => registerBank(slug, ticket.id, i % 2 ? "zh" : "en")));
    const when = new Date(people[0].registration.createdAt.getTime() + 13 * DAY + 12 * HOUR);
    const runs = await Promise.all([1, 2, 3].map(() => atTime(when, () => remindPendingPayments({ batch: 2 }))));
    const again = await atTime(when, () => remindPendingPayments());
    const sent = await db().outboxEmail.count({ where: { to: { in: people.map((p) => p.user.email) }, template: "paymentReminder" } });
    expect(sent).toBe(6);
    // Each row was claimed by exactly one run (SKIP LOCKED), so the counts add up to the six sent.
    expect(runs.reduce((n, r) => n + r.reminded, 0) + again.reminded).toBe(6);
  });
});
