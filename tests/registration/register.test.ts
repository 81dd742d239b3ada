// The registration form: free and bank-transfer flows, custom questions stored
// typed, and every kind of bad input answered clearly with nothing changed.
import { describe, expect, it } from "vitest";
import * as register from "~/routes/registration/register";
import * as myReg from "~/routes/registration/my-registration";
import { db } from "~/utils/db.server";
import { callAction, callLoader } from "../support/http";
import { makeUser } from "../support/world";
import { makeTicketing } from "./support";
import { emailText } from "../support/mail";

const post = (slug: string, cookie: string, form: Record<string, string | string[]>) =>
  callAction(register, { path: `/conferences/${slug}/register`, params: { slug }, cookie, form });

async function snapshot(conferenceId: string) {
  const [regs, quotas, outbox] = await Promise.all([
    db().registration.count({ where: { conferenceId } }),
    db().quota.findMany({ where: { conferenceId }, select: { used: true } }),
    db().outboxEmail.count(),
  ]);
  return { regs, quotas, outbox };
}

describe("free registration with custom questions", () => {
  it("confirms at once, stores typed answers and queues the confirmation email", async () => {
    const { conference, ticket, slug, quota } = await makeTicketing({ capacity: 10 });
    const [diet, talks, visa, country, note] = await Promise.all([
      db().registrationQuestion.create({
        data: {
          conferenceId: conference.id,
          kind: "CHOICE",
          labelEn: "Diet",
          required: true,
          options: ["none", "vegetarian"],
          optionsZh: ["无", "素食"],
          position: 1,
        },
      }),
      db().registrationQuestion.create({
        data: {
          conferenceId: conference.id,
          kind: "MULTI_CHOICE",
          labelEn: "Sessions",
          options: ["a", "b", "c"],
          optionsZh: [],
          position: 2,
        },
      }),
      db().registrationQuestion.create({
        data: {
          conferenceId: conference.id,
          kind: "YES_NO",
          labelEn: "Need a visa?",
          required: true,
          options: [],
          optionsZh: [],
          position: 3,
        },
      }),
      db().registrationQuestion.create({
        data: { conferenceId: conference.id, kind: "COUNTRY", labelEn: "Country", required: true, options: [], optionsZh: [], position: 4 },
      }),
      db().registrationQuestion.create({
        data: { conferenceId: conference.id, kind: "TEXT", labelEn: "Note", options: [], optionsZh: [], position: 5 },
      }),
    ]);
    const f = (id: string) => `q_${id.replace(/-/g, "")}`;
    const user = await makeUser();
    const page = await callLoader(register, { path: `/conferences/${slug}/register`, params: { slug }, cookie: user.cookie });
    expect(page.status).toBe(200);
    expect((page.data as { questions: unknown[] }).questions).toHaveLength(5);

    // A missing required answer: 400, nothing stored.
    const before = await snapshot(conference.id);
    const bad = await post(slug, user.cookie, { ticketTypeId: ticket.id, [f(visa.id)]: "yes", [f(country.id)]: "KE" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.data)).toContain("validation.required");
    expect(await snapshot(conference.id)).toEqual(before);

    const res = await post(slug, user.cookie, {
      ticketTypeId: ticket.id,
      [f(diet.id)]: "vegetarian",
      [f(talks.id)]: ["a", "c"],
      [f(visa.id)]: "no",
      [f(country.id)]: "KE",
      [f(note.id)]: "  Arriving late  ",
    });
    expect(res.status).toBe(302);
    const reg = await db().registration.findFirstOrThrow({ where: { conferenceId: conference.id }, include: { answers: true } });
    expect(res.location).toBe(`/my/registrations/${reg.id}`);
    expect(reg).toMatchObject({ status: "CONFIRMED", method: "FREE", amountCents: 0 });
    const byQ = Object.fromEntries(reg.answers.map((a) => [a.questionId, a]));
    expect(byQ[diet.id]).toMatchObject({ choices: ["vegetarian"], text: null, yes: null });
    expect(byQ[talks.id].choices).toEqual(["a", "c"]);
    expect(byQ[visa.id].yes).toBe(false);
    expect(byQ[country.id].text).toBe("KE");
    expect(byQ[note.id].text).toBe("Arriving late");
    expect((await db().quota.findUniqueOrThrow({ where: { id: quota.id } })).used).toBe(1);
    const mail = await db().outboxEmail.findFirstOrThrow({ where: { to: user.email, template: "registrationConfirmed" } });
    expect(await emailText(mail)).toContain(`/my/registrations/${reg.id}/badge`);

    // Registering twice: a clear 409, nothing changed.
    const again = await post(slug, user.cookie, {
      ticketTypeId: ticket.id,
      [f(diet.id)]: "none",
      [f(visa.id)]: "no",
      [f(country.id)]: "KE",
    });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.data)).toContain("reg.error.already");
    expect((await db().quota.findUniqueOrThrow({ where: { id: quota.id } })).used).toBe(1);
  });
});

describe("registering again", () => {
  it("after a cancellation, the same row starts afresh: new answers replace the old, payment and check-in reset", async () => {
    const { conference, ticket, slug, quota } = await makeTicketing({ capacity: 10 });
    const [diet, note] = await Promise.all([
      db().registrationQuestion.create({
        data: {
          conferenceId: conference.id,
          kind: "CHOICE",
          labelEn: "Diet",
          required: true,
          options: ["none", "vegetarian"],
          optionsZh: [],
          position: 1,
        },
      }),
      db().registrationQuestion.create({
        data: { conferenceId: conference.id, kind: "TEXT", labelEn: "Note", options: [], optionsZh: [], position: 2 },
      }),
    ]);
    const f = (id: string) => `q_${id.replace(/-/g, "")}`;
    const user = await makeUser();
    expect(
      (await post(slug, user.cookie, { ticketTypeId: ticket.id, [f(diet.id)]: "vegetarian", [f(note.id)]: "First time" })).status,
    ).toBe(302);
    const first = await db().registration.findFirstOrThrow({ where: { conferenceId: conference.id } });
    // As a cancellation leaves it: place given back, traces of the old registration on the row.
    await db().registration.update({
      where: { id: first.id },
      data: { status: "CANCELLED", cancelledAt: new Date(), checkedInAt: new Date(), paidCents: 500 },
    });
    await db().quota.update({ where: { id: quota.id }, data: { used: 0 } });

    const res = await post(slug, user.cookie, { ticketTypeId: ticket.id, [f(diet.id)]: "none" });
    expect(res.status).toBe(302);
    const again = await db().registration.findUniqueOrThrow({ where: { id: first.id }, include: { answers: true } });
    expect(again).toMatchObject({ status: "CONFIRMED", cancelledAt: null, checkedInAt: null, paidCents: 0 });
    expect(again.badgeCode).not.toBe(first.badgeCode);
    expect(again.answers.map((a) => [a.questionId, a.choices, a.text])).toEqual([[diet.id, ["none"], null]]);
    expect((await db().quota.findUniqueOrThrow({ where: { id: quota.id } })).used).toBe(1);
    expect(await db().auditEvent.count({ where: { entityId: first.id, action: "registration.create" } })).toBe(2);
  });

  it("two submissions of the same person at once: one registration and one place, the other told it is already registered", async () => {
    const { conference, ticket, slug, quota } = await makeTicketing({ capacity: 10 });
    const user = await makeUser();
    const answers = await Promise.all(Array.from({ length: 4 }, () => post(slug, user.cookie, { ticketTypeId: ticket.id })));
    expect(answers.map((a) => a.status).sort()).toEqual([302, 409, 409, 409]);
    expect(await db().registration.count({ where: { conferenceId: conference.id } })).toBe(1);
    expect((await db().quota.findUniqueOrThrow({ where: { id: quota.id } })).used).toBe(1);
    expect(await db().outboxEmail.count({ where: { to: user.email } })).toBe(1);
  });
});

describe("bank transfer", () => {
  it("holds the place for 14 days with a payment reference and instructions by email", async () => {
    const { conference, ticket, slug } = await makeTicketing({ priceCents: 1200_00 });
    await db().registrationSettings.create({ data: { conferenceId: conference.id, bankInstructions: "Bank of China, account 1234" } });
    const user = await makeUser({ locale: "zh" });
    const res = await post(slug, user.cookie, {
      ticketTypeId: ticket.id,
      method: "bank",
      payerOrganization: "Tongji University",
      payerTaxId: "12310000425006117P",
      priceCents: "1",
    });
    expect(res.status).toBe(302);
    const reg = await db().registration.findFirstOrThrow({ where: { conferenceId: conference.id } });
    expect(reg).toMatchObject({
      status: "RESERVED",
      method: "BANK_TRANSFER",
      amountCents: 1200_00,
      payerOrganization: "Tongji University",
    });
    expect(reg.holdUntil!.getTime() - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
    const mail = await db().outboxEmail.findFirstOrThrow({ where: { to: user.email, template: "paymentInstructions" } });
    expect(mail.subject).toContain(reg.reference);
    expect(await emailText(mail)).toContain("Bank of China, account 1234");
    const page = await callLoader(myReg, { path: `/my/registrations/${reg.id}`, params: { id: reg.id }, cookie: user.cookie });
    expect(page.status).toBe(200);
    // Someone else's registration page is not theirs to see.
    const other = await makeUser();
    const denied = await callLoader(myReg, { path: `/my/registrations/${reg.id}`, params: { id: reg.id }, cookie: other.cookie });
    expect(denied.status).toBe(403);
  });

  it("without Stripe keys, card payment is refused with a clear message and bank transfer still works", async () => {
    const { conference, ticket, slug } = await makeTicketing({ priceCents: 500_00 });
    const user = await makeUser();
    const before = await snapshot(conference.id);
    const res = await post(slug, user.cookie, { ticketTypeId: ticket.id, method: "card" });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.data)).toContain("reg.error.cardUnavailable");
    expect(await snapshot(conference.id)).toEqual(before);
    const noMethod = await post(slug, user.cookie, { ticketTypeId: ticket.id });
    expect(noMethod.status).toBe(400);
    expect(JSON.stringify(noMethod.data)).toContain("reg.validation.method");
  });
});

describe("bad input", () => {
  it("sold out, sales closed or not open, tampered ticket of another conference, invalid voucher: clear 4xx, nothing changed", async () => {
    const a = await makeTicketing({ capacity: 1, priceCents: 100_00 });
    const b = await makeTicketing();
    const [u1, u2] = await Promise.all([makeUser(), makeUser()]);
    expect((await post(a.slug, u1.cookie, { ticketTypeId: a.ticket.id, method: "bank" })).status).toBe(302);
    const before = await snapshot(a.conference.id);
    const cases: [Record<string, string>, number, string][] = [
      [{ ticketTypeId: a.ticket.id, method: "bank" }, 409, "reg.error.soldOut"],
      [{ ticketTypeId: b.ticket.id, method: "bank" }, 400, "reg.error.ticketInvalid"],
      [{ ticketTypeId: "not-a-uuid", method: "bank" }, 400, "reg.validation.ticket"],
      [{ ticketTypeId: a.ticket.id, method: "bank", voucher: "NOPE" }, 400, "reg.error.voucherInvalid"],
    ];
    for (const [form, status, message] of cases) {
      const res = await post(a.slug, u2.cookie, form);
      expect(res.status, message).toBe(status);
      expect(JSON.stringify(res.data)).toContain(message);
    }
    expect(await snapshot(a.conference.id)).toEqual(before);
    await db().quota.update({ where: { id: a.quota.id }, data: { capacity: 10 } });
    await db().ticketType.update({ where: { id: a.ticket.id }, data: { salesEnd: new Date(Date.now() - 1000) } });
    const closed = await post(a.slug, u2.cookie, { ticketTypeId: a.ticket.id, method: "bank" });
    expect([closed.status, JSON.stringify(closed.data).includes("reg.error.salesClosed")]).toEqual([409, true]);
    await db().ticketType.update({ where: { id: a.ticket.id }, data: { salesEnd: null, salesStart: new Date(Date.now() + 86_400_000) } });
    const early = await post(a.slug, u2.cookie, { ticketTypeId: a.ticket.id, method: "bank" });
    expect([early.status, JSON.stringify(early.data).includes("reg.error.salesNotOpen")]).toEqual([409, true]);
    // A draft conference cannot be registered for.
    const draft = await makeTicketing({ status: "DRAFT" });
    expect((await post(draft.slug, u2.cookie, { ticketTypeId: draft.ticket.id })).status).toBe(404);
  });

  it("a ticket counts against every quota it belongs to: one full quota refuses it and the others keep their places", async () => {
    const { conference, ticket, slug } = await makeTicketing({ capacity: 10 });
    const workshop = await db().quota.create({ data: { conferenceId: conference.id, name: "Workshop", capacity: 1 } });
    await db().ticketTypeQuota.create({ data: { ticketTypeId: ticket.id, quotaId: workshop.id } });
    const [first, second] = await Promise.all([makeUser(), makeUser()]);
    expect((await post(slug, first.cookie, { ticketTypeId: ticket.id })).status).toBe(302);
    const used = async () =>
      (await db().quota.findMany({ where: { conferenceId: conference.id }, orderBy: { capacity: "desc" } })).map((q) => q.used);
    expect(await used()).toEqual([1, 1]);
    const before = await snapshot(conference.id);
    const res = await post(slug, second.cookie, { ticketTypeId: ticket.id });
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.data)).toContain("reg.error.soldOut");
    // Nothing taken from the hall, no registration, no email, no audit record.
    expect(await snapshot(conference.id)).toEqual(before);
    expect(await used()).toEqual([1, 1]);
    expect(await db().auditEvent.count({ where: { actorId: second.id, action: "registration.create" } })).toBe(0);
  });

  it("voucher: percentage off a restricted ticket, the price always computed on the server", async () => {
    const { conference, ticket, slug } = await makeTicketing({ priceCents: 1000_00 });
    const other = await db().ticketType.create({
      data: { conferenceId: conference.id, nameEn: "Student", priceCents: 300_00, currency: "CNY" },
    });
    await db().voucher.create({
      data: { conferenceId: conference.id, code: "IEA25", kind: "PERCENT", value: 25, ticketTypeIds: [ticket.id] },
    });
    const [u1, u2] = await Promise.all([makeUser(), makeUser()]);
    const wrong = await post(slug, u1.cookie, { ticketTypeId: other.id, method: "bank", voucher: "iea25" });
    expect(JSON.stringify(wrong.data)).toContain("reg.error.voucherNotForTicket");
    const ok = await post(slug, u2.cookie, { ticketTypeId: ticket.id, method: "bank", voucher: "iea25", amountCents: "1" });
    expect(ok.status).toBe(302);
    const reg = await db().registration.findFirstOrThrow({ where: { userId: u2.id } });
    expect(reg).toMatchObject({ priceCents: 1000_00, discountCents: 250_00, amountCents: 750_00 });
  });
});

describe("demo data", () => {
  it("seeds CNY tickets sharing the main hall, questions and a voucher, once", async () => {
    const { seedRegistrationDemo } = await import("~/demo/registration.server");
    const { makeConference, makeOrg } = await import("../support/world");
    const conference = await makeConference((await makeOrg()).id);
    await seedRegistrationDemo({ conferenceId: conference.id, edition: { kind: "past" } });
    await seedRegistrationDemo({ conferenceId: conference.id, edition: { kind: "past" } });
    const tickets = await db().ticketType.findMany({
      where: { conferenceId: conference.id },
      orderBy: { position: "asc" },
      include: { quotas: { include: { quota: true } } },
    });
    expect(tickets.map((t) => t.nameEn)).toEqual(["Regular", "Student", "Member institution", "Online participation"]);
    expect(tickets.filter((t) => t.quotas[0].quota.name === "Main hall").map((t) => t.currency)).toEqual(["CNY", "CNY", "CNY"]);
    expect(await db().registrationQuestion.count({ where: { conferenceId: conference.id } })).toBe(2);
  });

  it("the demo attendee went to the 2025 conference (paid, checked in) and is free to register for the next one", async () => {
    const { seedRegistrationDemo } = await import("~/demo/registration.server");
    const { makeConference, makeOrg } = await import("../support/world");
    const myList = await import("~/routes/registration/my-registrations");
    const attendee = await makeUser({ email: "attendee@concord.test", name: "Amina Wanjiru" });
    const desk = await makeUser({ email: "checkin@concord.test" });
    const org = await makeOrg();
    const [past, next] = [await makeConference(org.id), await makeConference(org.id)];
    await seedRegistrationDemo({ conferenceId: past.id, edition: { kind: "past" } });
    await seedRegistrationDemo({ conferenceId: past.id, edition: { kind: "past" } }); // seeded once
    const seededAt = new Date("2026-12-06T00:00:00Z");
    await seedRegistrationDemo({ conferenceId: next.id, edition: { kind: "next", seededAt, startDate: new Date("2027-06-06") } });

    const mine = await callLoader(myList, { path: "/my/registrations", cookie: attendee.cookie });
    const listed = (mine.data as { registrations: { status: string; ticketType: { nameEn: string }; conference: { slug: string } }[] })
      .registrations;
    expect(listed.map((r) => [r.conference.slug, r.ticketType.nameEn, r.status])).toEqual([[past.slug, "Regular", "CONFIRMED"]]);
    const reg = await db().registration.findFirstOrThrow({
      where: { userId: attendee.id },
      include: { checkIns: true, invoices: true, payments: true },
    });
    expect(reg).toMatchObject({ paidCents: 1200_00, amountCents: 1200_00, payerOrganization: "University of Nairobi" });
    expect(reg.checkedInAt?.toISOString()).toBe("2025-09-27T00:42:00.000Z");
    expect(reg.checkIns.map((c) => [c.scannedById, c.duplicate])).toEqual([[desk.id, false]]);
    expect(reg.payments.map((p) => [p.kind, p.amountCents])).toEqual([["BANK_TRANSFER", 1200_00]]);
    expect(reg.invoices.map((i) => i.kind)).toEqual(["INVOICE"]);
    const hall = await db().quota.findFirstOrThrow({ where: { conferenceId: past.id, name: "Main hall" } });
    expect(hall.used).toBe(1); // only hers: the other demo people do not exist in this database
  });
});
