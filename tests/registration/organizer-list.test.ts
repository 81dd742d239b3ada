// The organizer's list and CSV export read registrations with hand-written SQL
// (list-registrations.server.ts): filters, search, counts, pagination and the
// export's columns, checked against a small known set of registrations.
import { describe, expect, it } from "vitest";
import type { RegistrationStatus } from "~/generated/prisma/client";
import { exportRegistrations } from "~/domain/registration/export-registrations.server";
import { listRegistrations, type RegistrationFilter } from "~/domain/registration/list-registrations.server";
import * as list from "~/routes/registration/manage/registrations";
import { db } from "~/utils/db.server";
import { callLoader } from "../support/http";
import { grantConferenceRole, makeUser } from "../support/world";
import { makeTicketing } from "./support";

type Person = {
  name: string;
  nameNative?: string;
  email: string;
  reference: string;
  status: RegistrationStatus;
  ticket: "regular" | "student";
  paidCents?: number;
};

const PEOPLE: Person[] = [
  { name: "Ada Lovelace", email: "ada@analytical.test", reference: "ADA001", status: "CONFIRMED", ticket: "regular", paidCents: 1200_00 },
  { name: "Li Wei", nameNative: "李伟", email: "liwei@tsinghua.test", reference: "LIW002", status: "RESERVED", ticket: "regular" },
  {
    name: "Zhang San",
    nameNative: "张三",
    email: "zhang@pku.test",
    reference: "ZHA003",
    status: "CONFIRMED",
    ticket: "student",
    paidCents: 300_00,
  },
  { name: "Grace Hopper", email: "grace@navy.test", reference: "GRA004", status: "CANCELLED", ticket: "regular" },
  { name: "Wang Fang", nameNative: "王芳", email: "fang@zju.test", reference: "WAN005", status: "EXPIRED", ticket: "student" },
];

/**
 * A conference with two ticket types (and a third nobody holds), PEOPLE registered one minute apart
 * (Ada first), and its organizer. `tag` keeps e-mails and references unique within the test file's database.
 */
async function world(tag: string) {
  const { conference, ticket, quota, slug } = await makeTicketing({ priceCents: 1200_00 });
  const student = await db().ticketType.create({
    data: {
      conferenceId: conference.id,
      nameEn: "Student",
      nameZh: "学生票",
      priceCents: 300_00,
      currency: "CNY",
      position: 1,
      quotas: { create: [{ quotaId: quota.id }] },
    },
  });
  const unused = await db().ticketType.create({
    data: { conferenceId: conference.id, nameEn: "Sponsor", priceCents: 0, currency: "CNY", position: 2 },
  });
  const start = Date.parse("2030-09-01T08:00:00Z");
  const ids: Record<string, string> = {};
  for (const [i, p] of PEOPLE.entries()) {
    const user = await db().user.create({ data: { email: `${tag}-${p.email}`, nameLatin: p.name, nameNative: p.nameNative } });
    const t = p.ticket === "regular" ? ticket : student;
    const r = await db().registration.create({
      data: {
        conferenceId: conference.id,
        userId: user.id,
        ticketTypeId: t.id,
        status: p.status,
        method: "BANK_TRANSFER",
        priceCents: t.priceCents,
        amountCents: t.priceCents,
        paidCents: p.paidCents ?? 0,
        currency: "CNY",
        reference: `${tag}-${p.reference}`,
        badgeCode: `badge-${tag}-${p.reference}`,
        createdAt: new Date(start + i * 60_000),
      },
    });
    ids[p.name] = r.id;
  }
  const organizer = await makeUser();
  await grantConferenceRole(conference.id, organizer.id, "ORGANIZER");
  const actor = {
    id: organizer.id,
    email: organizer.email,
    nameLatin: "O",
    nameNative: null,
    locale: "en" as const,
    emailVerified: true,
    sessionId: "x",
  };
  return { conference, slug, quota, regular: ticket, student, unused, ids, organizer, actor };
}

describe("organizer list", () => {
  it("filters, searches, counts and pages", async () => {
    const w = await world("LIST");
    // Another conference's registrations never show.
    const other = await makeTicketing();
    const stranger = await db().user.create({ data: { email: "ada-other@analytical.test", nameLatin: "Ada Other" } });
    await db().registration.create({
      data: {
        conferenceId: other.conference.id,
        userId: stranger.id,
        ticketTypeId: other.ticket.id,
        status: "CONFIRMED",
        method: "FREE",
        priceCents: 0,
        amountCents: 0,
        currency: "CNY",
        reference: "OTH999",
        badgeCode: "badge-other",
      },
    });
    const names = async (filter: RegistrationFilter, page = 1, pageSize = 50) => {
      const l = await listRegistrations({ actor: w.actor, slug: w.slug, filter, page, pageSize });
      return { names: l.rows.map((r) => r.nameLatin), total: l.total, pages: l.pages, page: l.page };
    };

    const all = await listRegistrations({ actor: w.actor, slug: w.slug, filter: {} });
    expect(all.total).toBe(5);
    expect(all.rows.map((r) => r.nameLatin)).toEqual(["Wang Fang", "Grace Hopper", "Zhang San", "Li Wei", "Ada Lovelace"]);
    expect(all.rows[2]).toMatchObject({
      id: w.ids["Zhang San"],
      status: "CONFIRMED",
      nameNative: "张三",
      email: "LIST-zhang@pku.test",
      reference: "LIST-ZHA003",
      ticketEn: "Student",
      ticketZh: "学生票",
      amountCents: 300_00,
      paidCents: 300_00,
      currency: "CNY",
    });
    expect(all.rows[4].createdAt).toEqual(new Date("2030-09-01T08:00:00Z"));
    // Counts per ticket type in the tickets' order, a ticket nobody holds included; they ignore the filter.
    const expectedCounts = [
      { id: w.regular.id, nameEn: "Regular", nameZh: "普通票", counts: { CONFIRMED: 1, RESERVED: 1, CANCELLED: 1 } },
      { id: w.student.id, nameEn: "Student", nameZh: "学生票", counts: { CONFIRMED: 1, EXPIRED: 1 } },
      { id: w.unused.id, nameEn: "Sponsor", nameZh: null, counts: {} },
    ];
    expect(all.byTicket).toEqual(expectedCounts);
    expect(all.quotas).toEqual([{ id: w.quota.id, name: "Main hall", capacity: 100, used: 0 }]);

    expect(await names({ status: "CONFIRMED" })).toMatchObject({ names: ["Zhang San", "Ada Lovelace"], total: 2 });
    expect(await names({ ticketTypeId: w.student.id })).toMatchObject({ names: ["Wang Fang", "Zhang San"], total: 2 });
    expect(await names({ ticketTypeId: w.student.id, status: "CONFIRMED" })).toMatchObject({ names: ["Zhang San"], total: 1 });
    // Search: case-insensitive substring of reference, e-mail, Latin or native name; trimmed.
    expect((await names({ q: "list-gra" })).names).toEqual(["Grace Hopper"]);
    expect((await names({ q: "TSINGHUA" })).names).toEqual(["Li Wei"]);
    expect((await names({ q: "  hopper " })).names).toEqual(["Grace Hopper"]);
    expect((await names({ q: "王" })).names).toEqual(["Wang Fang"]);
    expect(await names({ q: "ada" })).toMatchObject({ names: ["Ada Lovelace"], total: 1 });
    expect(await names({ q: "zh", status: "CONFIRMED" })).toMatchObject({ names: ["Zhang San"], total: 1 });
    expect(await names({ q: "nobody" })).toMatchObject({ names: [], total: 0, pages: 1 });
    const filtered = await listRegistrations({ actor: w.actor, slug: w.slug, filter: { status: "CANCELLED" } });
    expect(filtered.byTicket).toEqual(expectedCounts);

    // Pages, newest first; a page past the end is empty.
    expect(await names({}, 1, 2)).toEqual({ names: ["Wang Fang", "Grace Hopper"], total: 5, pages: 3, page: 1 });
    expect(await names({}, 3, 2)).toEqual({ names: ["Ada Lovelace"], total: 5, pages: 3, page: 3 });
    expect(await names({}, 4, 2)).toEqual({ names: [], total: 5, pages: 3, page: 4 });
    expect(await names({ status: "CONFIRMED" }, 2, 1)).toEqual({ names: ["Ada Lovelace"], total: 2, pages: 2, page: 2 });
    // Past the end of a filtered list there is no row to carry the count of matches: still counted.
    expect(await names({ status: "CONFIRMED" }, 3, 1)).toEqual({ names: [], total: 2, pages: 2, page: 3 });
    expect(await names({ q: "ang" }, 2, 1)).toEqual({ names: ["Zhang San"], total: 2, pages: 2, page: 2 });
    expect(await names({ q: "ang" }, 3, 1)).toEqual({ names: [], total: 2, pages: 2, page: 3 });

    // Through the route: query string to filter.
    const res = await callLoader(list, {
      path: `/conferences/${w.slug}/manage/registrations?q=li&status=RESERVED&page=1`,
      params: { slug: w.slug },
      cookie: w.organizer.cookie,
    });
    expect(res.status).toBe(200);
    expect((res.data as { rows: { nameLatin: string }[]; total: number }).rows.map((r) => r.nameLatin)).toEqual(["Li Wei"]);
    const stranger2 = await makeUser();
    expect(
      (await callLoader(list, { path: `/conferences/${w.slug}/manage/registrations`, params: { slug: w.slug }, cookie: stranger2.cookie }))
        .status,
    ).toBe(403);
  });
});

describe("overpaid registrations", () => {
  it("say in the list how much is to refund, as the registration page does", async () => {
    const w = await world("OVER");
    // Ada paid 1,500.00 of 1,200.00 due and got 100.00 back: 200.00 to refund. Grace's cancelled
    // registration was paid twice, but a cancellation's refund is tracked by the cancellation.
    await db().registration.update({ where: { id: w.ids["Ada Lovelace"] }, data: { paidCents: 1500_00, refundedCents: 100_00 } });
    await db().registration.update({ where: { id: w.ids["Grace Hopper"] }, data: { paidCents: 2400_00 } });
    const { rows } = await listRegistrations({ actor: w.actor, slug: w.slug, filter: {} });
    expect(Object.fromEntries(rows.map((r) => [r.nameLatin, r.overpaidCents]))).toEqual({
      "Ada Lovelace": 200_00,
      "Li Wei": 0,
      "Zhang San": 0,
      "Grace Hopper": 0,
      "Wang Fang": 0,
    });
    expect(rows.find((r) => r.nameLatin === "Ada Lovelace")).toMatchObject({ paidCents: 1500_00, amountCents: 1200_00 });
  });
});

describe("organizer export", () => {
  async function csv(stream: ReadableStream<Uint8Array>) {
    const text = await new Response(stream).text();
    return text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
  }

  it("writes the filtered rows oldest first with their answers, in batches", async () => {
    const w = await world("EXP");
    const diet = await db().registrationQuestion.create({
      data: { conferenceId: w.conference.id, kind: "TEXT", labelEn: "Diet", position: 0 },
    });
    const topics = await db().registrationQuestion.create({
      data: { conferenceId: w.conference.id, kind: "MULTI_CHOICE", labelEn: "Topics", options: ["ai", "edu"], position: 1 },
    });
    const dinner = await db().registrationQuestion.create({
      data: { conferenceId: w.conference.id, kind: "YES_NO", labelEn: "Dinner", position: 2 },
    });
    await db().registrationAnswer.createMany({
      data: [
        { registrationId: w.ids["Ada Lovelace"], questionId: diet.id, text: "vegetarian, no nuts" },
        { registrationId: w.ids["Ada Lovelace"], questionId: topics.id, choices: ["ai", "edu"] },
        { registrationId: w.ids["Ada Lovelace"], questionId: dinner.id, yes: true },
        { registrationId: w.ids["Zhang San"], questionId: dinner.id, yes: false },
      ],
    });
    await db().registration.update({
      where: { id: w.ids["Zhang San"] },
      data: { payerOrganization: "=PKU", checkedInAt: new Date("2030-09-27T01:00:00Z") },
    });

    const all = await csv(await exportRegistrations({ actor: w.actor, slug: w.slug, filter: {}, batchSize: 2 }));
    expect(all[0]).toBe(
      "reference,status,name,name_native,email,ticket,method,amount_due,paid,refunded,currency,payer_organization,payer_tax_id,registered_at,checked_in_at,Diet,Topics,Dinner",
    );
    expect(all.slice(1).map((l) => l.split(",")[0])).toEqual(["EXP-ADA001", "EXP-LIW002", "EXP-ZHA003", "EXP-GRA004", "EXP-WAN005"]);
    expect(all[1]).toBe(
      'EXP-ADA001,CONFIRMED,Ada Lovelace,,EXP-ada@analytical.test,Regular,BANK_TRANSFER,1200.00,1200.00,0.00,CNY,,,2030-09-01T08:00:00.000Z,,"vegetarian, no nuts",ai; edu,yes',
    );
    expect(all[3]).toBe(
      "EXP-ZHA003,CONFIRMED,Zhang San,张三,EXP-zhang@pku.test,Student,BANK_TRANSFER,300.00,300.00,0.00,CNY,'=PKU,,2030-09-01T08:02:00.000Z,2030-09-27T01:00:00.000Z,,,no",
    );

    const confirmed = await csv(await exportRegistrations({ actor: w.actor, slug: w.slug, filter: { status: "CONFIRMED", q: "ZHANG" } }));
    expect(confirmed.slice(1).map((l) => l.split(",")[0])).toEqual(["EXP-ZHA003"]);
    const none = await csv(await exportRegistrations({ actor: w.actor, slug: w.slug, filter: { q: "nobody" } }));
    expect(none).toHaveLength(1);
  });
});
