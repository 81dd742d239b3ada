// Organizer views: constant-query list, streaming CSV export, bank payments
// recorded by hand or imported from a statement.
import { describe, expect, it } from "vitest";
import { exportRegistrations } from "~/domain/registration/export-registrations.server";
import * as list from "~/routes/registration/manage/registrations";
import * as detail from "~/routes/registration/manage/registration";
import * as exportRoute from "~/routes/registration/manage/export";
import * as importRoute from "~/routes/registration/manage/import";
import * as register from "~/routes/registration/register";
import { db, queryCounter } from "~/utils/db.server";
import { callAction, callLoader } from "../support/http";
import { grantConferenceRole, makeUser } from "../support/world";
import { makeTicketing } from "./support";

/** Inserts n confirmed registrations (and their people) in two SQL statements. */
async function bulkRegistrations(conferenceId: string, ticketTypeId: string, n: number, from = 0) {
  await db().$executeRaw`
    INSERT INTO "User" (id, email, "nameLatin", "nameNative", "updatedAt")
    SELECT gen_random_uuid(), 'bulk-' || ${conferenceId} || '-' || i || '@concord.test', 'Attendee ' || i, '参会者' || i, now()
    FROM generate_series(${from}::int, ${from + n - 1}::int) i`;
  await db().$executeRaw`
    INSERT INTO "Registration" (id, "conferenceId", "userId", "ticketTypeId", status, method, "priceCents", "amountCents", currency, reference, "badgeCode", "updatedAt", "createdAt")
    SELECT gen_random_uuid(), ${conferenceId}::uuid, u.id, ${ticketTypeId}::uuid, 'CONFIRMED', 'FREE', 0, 0, 'CNY', 'BULK-' || md5(u.id::text), md5(u.email), now(), now() - (random() * interval '30 days')
    FROM "User" u WHERE u.email LIKE 'bulk-' || ${conferenceId} || '-%' AND NOT EXISTS (SELECT 1 FROM "Registration" r WHERE r."userId" = u.id)`;
}

async function organizerOf(conferenceId: string) {
  const organizer = await makeUser();
  await grantConferenceRole(conferenceId, organizer.id, "ORGANIZER");
  return organizer;
}

describe("organizer list", () => {
  it("uses the same number of queries for 5 and for 500 registrations", async () => {
    const { conference, ticket, slug } = await makeTicketing({ capacity: 10_000 });
    const organizer = await organizerOf(conference.id);
    const load = async () => {
      const before = queryCounter.count;
      const res = await callLoader(list, {
        path: `/conferences/${slug}/manage/registrations?q=attendee`,
        params: { slug },
        cookie: organizer.cookie,
      });
      expect(res.status).toBe(200);
      return {
        queries: queryCounter.count - before,
        data: res.data as { rows: unknown[]; total: number; byTicket: { counts: Record<string, number> }[] },
      };
    };
    await bulkRegistrations(conference.id, ticket.id, 5);
    const small = await load();
    expect(small.data.rows).toHaveLength(5);
    await bulkRegistrations(conference.id, ticket.id, 495, 5);
    const large = await load();
    expect(large.data.rows).toHaveLength(50);
    expect(large.data.total).toBe(500);
    expect(large.data.byTicket[0].counts.CONFIRMED).toBe(500);
    expect(large.queries).toBe(small.queries);
    // Filters and search narrow the list.
    const one = await callLoader(list, {
      path: `/conferences/${slug}/manage/registrations?q=Attendee%20142&status=CONFIRMED`,
      params: { slug },
      cookie: organizer.cookie,
    });
    expect((one.data as { total: number }).total).toBe(1);
  });

  it("exports 10,000 rows as CSV in batches, streaming", async () => {
    const { conference, ticket, slug } = await makeTicketing({ capacity: 20_000 });
    const organizer = await organizerOf(conference.id);
    await bulkRegistrations(conference.id, ticket.id, 10_000);
    const actor = {
      id: organizer.id,
      email: organizer.email,
      nameLatin: "O",
      nameNative: null,
      locale: "en" as const,
      emailVerified: true,
      sessionId: "x",
    };
    const stream = await exportRegistrations({ actor, slug, filter: {}, batchSize: 500 });
    const reader = stream.getReader();
    const before = queryCounter.count;
    const first = await reader.read(); // the header only: no registration read yet
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(first.value)).toMatch(/^\uFEFFreference,status,name/);
    expect(queryCounter.count - before).toBe(0);
    let text = "";
    let chunks = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks += 1;
      text += new TextDecoder().decode(value);
    }
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(10_000);
    expect(new Set(lines.map((l) => l.split(",")[0])).size).toBe(10_000);
    expect(chunks).toBe(20); // 20 batches of 500, each read only when the client asked for more
    expect(lines[0]).toContain("参会者");

    const res = await callLoader(exportRoute, {
      path: `/conferences/${slug}/manage/registrations/export`,
      params: { slug },
      cookie: organizer.cookie,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const stranger = await makeUser();
    expect(
      (
        await callLoader(exportRoute, {
          path: `/conferences/${slug}/manage/registrations/export`,
          params: { slug },
          cookie: stranger.cookie,
        })
      ).status,
    ).toBe(403);
  }, 120_000);
});

describe("bank payments", () => {
  it("partial then full payment confirms; a statement import matches references once", async () => {
    const { conference, ticket, slug } = await makeTicketing({ priceCents: 1200_00 });
    const organizer = await organizerOf(conference.id);
    const [a, b] = await Promise.all([makeUser(), makeUser()]);
    for (const u of [a, b])
      await callAction(register, {
        path: `/conferences/${slug}/register`,
        params: { slug },
        cookie: u.cookie,
        form: { ticketTypeId: ticket.id, method: "bank" },
      });
    const ra = await db().registration.findFirstOrThrow({ where: { userId: a.id } });
    const rb = await db().registration.findFirstOrThrow({ where: { userId: b.id } });
    const mark = (amount: string) =>
      callAction(detail, {
        path: `/conferences/${slug}/manage/registrations/${ra.id}`,
        params: { slug, id: ra.id },
        cookie: organizer.cookie,
        form: { intent: "mark-paid", amount },
      });
    expect((await mark("12.345")).status).toBe(400);
    expect((await mark("500")).status).toBe(302);
    expect(await db().registration.findUniqueOrThrow({ where: { id: ra.id } })).toMatchObject({ status: "RESERVED", paidCents: 500_00 });
    expect((await mark("700.00")).status).toBe(302);
    expect(await db().registration.findUniqueOrThrow({ where: { id: ra.id } })).toMatchObject({
      status: "CONFIRMED",
      paidCents: 1200_00,
      receiptNumber: 1,
    });

    const csv = `date,description,amount\r\n2025-09-01,"Transfer ref ${rb.reference.toLowerCase()} Tongji",1200.00\r\n2025-09-02,unknown payer,50\r\n`;
    const post = async () => {
      const preview = await callAction(importRoute, {
        path: `/conferences/${slug}/manage/registrations/import`,
        params: { slug },
        cookie: organizer.cookie,
        form: { intent: "preview", statement: new File([csv], "statement.csv", { type: "text/csv" }) },
      });
      const p = preview.data as { content: string; rule: string; digest: string };
      return callAction(importRoute, {
        path: `/conferences/${slug}/manage/registrations/import`,
        params: { slug },
        cookie: organizer.cookie,
        form: { intent: "confirm", content: p.content, decimal: p.rule, digest: p.digest },
      });
    };
    const first = await post();
    expect(first.data).toMatchObject({ stage: "done", recorded: 1, unmatched: [{ line: 3 }] });
    expect(await db().registration.findUniqueOrThrow({ where: { id: rb.id } })).toMatchObject({
      status: "CONFIRMED",
      paidCents: 1200_00,
      receiptNumber: 2,
    });
    const again = await post();
    expect(again.data).toMatchObject({ stage: "done", recorded: 0, already: 1 });
    expect(await db().payment.count({ where: { registrationId: rb.id } })).toBe(1);
    const bad = await callAction(importRoute, {
      path: `/conferences/${slug}/manage/registrations/import`,
      params: { slug },
      cookie: organizer.cookie,
      form: { intent: "preview", statement: new File(["x,y\n1,2"], "s.csv") },
    });
    expect(bad.status).toBe(400);
  });
});
