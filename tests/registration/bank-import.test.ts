// Money that adds up: a bank payment above what is due or recorded twice is held back with a warning
// until the organizer confirms; statements are previewed (nothing written) before they are recorded,
// once, whatever their format.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import * as detail from "~/routes/registration/manage/registration";
import * as importRoute from "~/routes/registration/manage/import";
import * as register from "~/routes/registration/register";
import { db } from "~/utils/db.server";
import { callAction, callLoader } from "../support/http";
import { grantConferenceRole, makeUser } from "../support/world";
import { makeTicketing } from "./support";

async function setup(priceCents: number, people: number) {
  const t = await makeTicketing({ priceCents });
  const organizer = await makeUser();
  await grantConferenceRole(t.conference.id, organizer.id, "ORGANIZER");
  const registrations = [];
  for (let i = 0; i < people; i++) {
    const u = await makeUser();
    await callAction(register, {
      path: `/conferences/${t.slug}/register`,
      params: { slug: t.slug },
      cookie: u.cookie,
      form: { ticketTypeId: t.ticket.id, method: "bank" },
    });
    registrations.push(await db().registration.findFirstOrThrow({ where: { userId: u.id } }));
  }
  return { ...t, organizer, registrations };
}

type Preview = {
  stage: string;
  content: string;
  rule: string;
  digest: string;
  lines: { line: number; action: string; registration: { id: string } | null }[];
};

describe("recording a bank payment by hand", () => {
  it("warns before an overpayment, keeps what was typed, and records it only when confirmed", async () => {
    const { slug, organizer, registrations } = await setup(960_00, 1);
    const [r] = registrations;
    const mark = (form: Record<string, string>) =>
      callAction(detail, {
        path: `/conferences/${slug}/manage/registrations/${r.id}`,
        params: { slug, id: r.id },
        cookie: organizer.cookie,
        form: { intent: "mark-paid", ...form },
      });
    expect((await mark({ amount: "960" })).status).toBe(302);
    const warned = await mark({ amount: "460", note: "second transfer" });
    expect(warned.status).toBe(400);
    expect(warned.data).toMatchObject({
      warning: true,
      initialValue: { amount: "460", note: "second transfer" },
      error: { "": [expect.stringMatching(/paid amount CN¥1,420\.00 for CN¥960\.00 due: overpaid by CN¥460\.00/)] },
    });
    expect(await db().payment.count({ where: { registrationId: r.id } })).toBe(1);

    expect((await mark({ amount: "460", note: "second transfer", anyway: "on" })).status).toBe(302);
    expect(await db().registration.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ paidCents: 1420_00, amountCents: 960_00 });
    const page = await callLoader(detail, {
      path: `/conferences/${slug}/manage/registrations/${r.id}`,
      params: { slug, id: r.id },
      cookie: organizer.cookie,
    });
    expect(page.data).toMatchObject({ registration: { paidCents: 1420_00, amountCents: 960_00, refundedCents: 0 } });
  });

  it("warns when the same amount was just recorded (a double entry), not for a different amount", async () => {
    const { slug, organizer, registrations } = await setup(1200_00, 1);
    const [r] = registrations;
    const mark = (amount: string, note?: string) =>
      callAction(detail, {
        path: `/conferences/${slug}/manage/registrations/${r.id}`,
        params: { slug, id: r.id },
        cookie: organizer.cookie,
        form: { intent: "mark-paid", amount, ...(note ? { note } : {}) },
      });
    expect((await mark("500", "ICBC 0901")).status).toBe(302);
    const twice = await mark("500.00");
    expect(twice.status).toBe(400);
    expect(twice.data).toMatchObject({
      warning: true,
      error: { "": [expect.stringMatching(/payment of CN¥500\.00 was already recorded .*\(ICBC 0901\)/)] },
    });
    // Control: another amount is a normal partial payment.
    expect((await mark("300")).status).toBe(302);
    expect(await db().registration.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ paidCents: 800_00, status: "RESERVED" });
  });
});

describe("recording a bank payment by hand, in Chinese", () => {
  it("words the warning and formats its amounts in the organizer's language", async () => {
    const { conference, slug, registrations } = await setup(960_00, 1);
    const [r] = registrations;
    const organizer = await makeUser({ locale: "zh" });
    await grantConferenceRole(conference.id, organizer.id, "ORGANIZER");
    const warned = await callAction(detail, {
      path: `/conferences/${slug}/manage/registrations/${r.id}`,
      params: { slug, id: r.id },
      cookie: organizer.cookie,
      form: { intent: "mark-paid", amount: "1000" },
    });
    expect(warned.data).toMatchObject({
      warning: true,
      error: { "": [expect.stringMatching(/登记后已付金额为 ¥1,000\.00，应付 ¥960\.00：多付 ¥40\.00/)] },
    });
  });
});

describe("importing a bank statement", () => {
  const post = (slug: string, cookie: string, form: Record<string, string | File>) =>
    callAction(importRoute, { path: `/conferences/${slug}/manage/registrations/import`, params: { slug }, cookie, form });
  const preview = async (slug: string, cookie: string, text: string, decimal = "auto") => {
    const res = await post(slug, cookie, { intent: "preview", decimal, statement: new File([text], "statement") });
    expect(res.status).toBe(200);
    return res.data as Preview;
  };
  const confirm = (slug: string, cookie: string, p: Preview) =>
    post(slug, cookie, { intent: "confirm", content: p.content, decimal: p.rule, digest: p.digest });

  it('previews a ;-delimited CSV with "120,50" without writing, then records it once', async () => {
    const { slug, organizer, registrations } = await setup(120_50, 2);
    const [a, b] = registrations;
    const csv = `\uFEFFDatum;Verwendungszweck;Betrag\r\n01.09.2025;"Gebühr ${a.reference}; Torres";"120,50"\r\n01.09.2025;Miete;"-800,00"\r\n02.09.2025;unknown payer;"50,00"\r\n02.09.2025;${b.reference};"60,25"\r\n`;
    const p = await preview(slug, organizer.cookie, csv);
    expect(p.lines.map((l) => [l.line, l.action, l.registration?.id ?? null])).toEqual([
      [2, "confirm", a.id],
      [3, "debit", null],
      [4, "unmatched", null],
      [5, "record", b.id],
    ]);
    expect(await db().payment.count({ where: { registrationId: { in: [a.id, b.id] } } })).toBe(0);

    const done = await confirm(slug, organizer.cookie, p);
    expect(done.data).toMatchObject({ stage: "done", recorded: 2, already: 0, unmatched: [{ line: 4 }] });
    expect(await db().registration.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "CONFIRMED", paidCents: 120_50 });
    expect(await db().registration.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "RESERVED", paidCents: 60_25 });

    // The same statement again: every line already imported, nothing recorded twice.
    const again = await preview(slug, organizer.cookie, csv);
    expect(again.lines.map((l) => l.action)).toEqual(["already", "debit", "unmatched", "already"]);
    expect((await confirm(slug, organizer.cookie, again)).data).toMatchObject({ recorded: 0, already: 2 });
    expect(await db().payment.count({ where: { registrationId: { in: [a.id, b.id] } } })).toBe(2);
  });

  it("flags a line that may repeat a payment entered by hand", async () => {
    const { slug, organizer, registrations } = await setup(1200_00, 1);
    const [r] = registrations;
    await callAction(detail, {
      path: `/conferences/${slug}/manage/registrations/${r.id}`,
      params: { slug, id: r.id },
      cookie: organizer.cookie,
      form: { intent: "mark-paid", amount: "500" },
    });
    const p = await preview(slug, organizer.cookie, `reference,amount\n${r.reference},500.00\n${r.reference},300.00\n`);
    expect(p.lines.map((l) => [l.action, (l as { possibleDuplicate?: boolean }).possibleDuplicate])).toEqual([
      ["record", true],
      // 500 by hand + 500 + 300 is above the 1,200 due.
      ["overpay", false],
    ]);
  });

  it("two organizers confirming the same statement at once record each line once", async () => {
    const { slug, organizer, registrations } = await setup(100_00, 3);
    const csv = `reference,amount\n${registrations.map((r) => `${r.reference},40.00`).join("\n")}\n`;
    const p = await preview(slug, organizer.cookie, csv);
    const results = await Promise.all([1, 2, 3].map(() => confirm(slug, organizer.cookie, p)));
    // A confirm that starts after another finished finds the payments changed and gets the new preview
    // (409); those that overlap all pass that check and the unique external id decides. Either way every
    // line is recorded by exactly one of the three, and nothing twice.
    for (const r of results) expect([200, 409]).toContain(r.status);
    const counts = results.filter((r) => r.status === 200).map((r) => r.data as { recorded: number; already: number });
    expect(counts.reduce((n, c) => n + c.recorded, 0)).toBe(3);
    expect(await db().payment.count({ where: { registrationId: { in: registrations.map((r) => r.id) } } })).toBe(3);
    for (const r of registrations) expect((await db().registration.findUniqueOrThrow({ where: { id: r.id } })).paidCents).toBe(40_00);
  });

  it("refuses a transfer that names two registrations", async () => {
    const { slug, organizer, registrations } = await setup(100_00, 2);
    const [a, b] = registrations;
    const p = await preview(slug, organizer.cookie, `reference,amount\n"${a.reference} and ${b.reference}",200.00\n`);
    expect(p.lines).toMatchObject([{ action: "refused", registration: null, problem: { message: "reg.import.problem.twoReferences" } }]);
  });

  it("refuses to record when payments changed since the preview, and shows the new plan", async () => {
    const { slug, organizer, registrations } = await setup(100_00, 1);
    const [r] = registrations;
    const p = await preview(slug, organizer.cookie, `reference,amount\n${r.reference},100.00\n`);
    expect(p.lines[0].action).toBe("confirm");
    await callAction(detail, {
      path: `/conferences/${slug}/manage/registrations/${r.id}`,
      params: { slug, id: r.id },
      cookie: organizer.cookie,
      form: { intent: "mark-paid", amount: "100" },
    });
    const stale = await confirm(slug, organizer.cookie, p);
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ stage: "preview", changed: true, lines: [{ action: "overpay" }] });
    expect(await db().payment.count({ where: { registrationId: r.id } })).toBe(1);
  });

  it("imports CAMT.053 credits by remittance reference, once, and refuses another currency", async () => {
    const { slug, organizer, registrations } = await setup(120_50, 2);
    const [a, b] = registrations;
    const xml = fs
      .readFileSync("tests/registration/fixtures/camt053.xml", "utf8")
      .replaceAll("{{FIRST}}", a.reference)
      .replaceAll("{{SECOND}}", b.reference);
    const euro = await preview(slug, organizer.cookie, xml);
    expect(euro.lines.map((l) => l.action)).toEqual(["currency", "debit", "currency", "notBooked", "unmatched"]);

    const yuan = await preview(slug, organizer.cookie, xml.replaceAll('Ccy="EUR"', 'Ccy="CNY"'));
    expect(yuan.lines.map((l) => l.action)).toEqual(["confirm", "debit", "overpay", "notBooked", "unmatched"]);
    expect((await confirm(slug, organizer.cookie, yuan)).data).toMatchObject({ recorded: 2 });
    expect(await db().registration.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "CONFIRMED", paidCents: 120_50 });
    expect(await db().registration.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "CONFIRMED", paidCents: 1200_00 });
    const again = await preview(slug, organizer.cookie, xml.replaceAll('Ccy="EUR"', 'Ccy="CNY"'));
    expect(again.lines.map((l) => l.action)).toEqual(["already", "debit", "already", "notBooked", "unmatched"]);
  });

  it("answers a statement it cannot read with the reason, naming the line", async () => {
    const { slug, organizer } = await setup(100_00, 0);
    const bad = await post(slug, organizer.cookie, { intent: "preview", statement: new File(['reference,amount\n"A,1\n'], "s.csv") });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ stage: "error", message: "reg.error.csvSyntax" });
    const xxe = await post(slug, organizer.cookie, {
      intent: "preview",
      statement: new File(['<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Document/>'], "s.xml"),
    });
    expect(xxe.data).toMatchObject({ stage: "error", message: "reg.error.xmlDtd" });
  });
});
