// Editing a ticket type (and creating one through the same form): the venue's
// time zone, prices that never change what registrations owe, quota
// membership that cannot move while places are held, bad input answered
// with the typed values kept and nothing changed.
import pg from "pg";
import { describe, expect, it } from "vitest";
import * as editRoute from "~/routes/registration/manage/ticket";
import * as manageTickets from "~/routes/registration/manage/tickets";
import * as register from "~/routes/registration/register";
import * as myReg from "~/routes/registration/my-registration";
import { db } from "~/utils/db.server";
import { callAction, callLoader } from "../support/http";
import { grantConferenceRole, makeUser } from "../support/world";
import { makeTicketing } from "./support";

async function organizerOf(conferenceId: string) {
  const organizer = await makeUser();
  await grantConferenceRole(conferenceId, organizer.id, "ORGANIZER");
  return organizer;
}

/** A ticketing setup with a second quota, and its organizer. */
async function world(opts: { priceCents?: number } = {}) {
  const setup = await makeTicketing({ priceCents: opts.priceCents ?? 1200_00, capacity: 10 });
  const workshop = await db().quota.create({ data: { conferenceId: setup.conference.id, name: "Workshop", capacity: 5 } });
  const organizer = await organizerOf(setup.conference.id);
  return { ...setup, workshop, organizer };
}

/** The full edit form, as the page would post it, with some fields changed. */
function form(quotaIds: string[], changes: Record<string, string | string[]> = {}) {
  return {
    intent: "ticket",
    nameEn: "Regular",
    nameZh: "普通票",
    price: "1200.00",
    eligibility: "ANYONE",
    perPersonLimit: "1",
    quotaIds,
    ...changes,
  };
}

type W = Awaited<ReturnType<typeof world>>;
const edit = (w: W, body: Record<string, string | string[]>, ticketId = w.ticket.id, cookie = w.organizer.cookie) =>
  callAction(editRoute, {
    path: `/conferences/${w.slug}/manage/tickets/${ticketId}`,
    params: { slug: w.slug, id: ticketId },
    cookie,
    form: body,
  });

const ticketState = (id: string) =>
  db().ticketType.findUniqueOrThrow({ where: { id }, include: { quotas: { select: { quotaId: true }, orderBy: { quotaId: "asc" } } } });
const used = async (...ids: string[]) => Promise.all(ids.map(async (id) => (await db().quota.findUniqueOrThrow({ where: { id } })).used));

async function registerBank(slug: string, ticketTypeId: string) {
  const user = await makeUser();
  const res = await callAction(register, {
    path: `/conferences/${slug}/register`,
    params: { slug },
    cookie: user.cookie,
    form: { ticketTypeId, method: "bank" },
  });
  expect(res.status).toBe(302);
  return { user, reg: await db().registration.findFirstOrThrow({ where: { userId: user.id } }) };
}

describe("editing a ticket type", () => {
  it("shows the ticket in the venue's time and saves every field, with an audit record of what changed", async () => {
    const w = await world();
    await db().ticketType.update({ where: { id: w.ticket.id }, data: { salesStart: new Date("2025-06-01T01:00:00Z") } });
    const page = await callLoader(editRoute, {
      path: `/conferences/${w.slug}/manage/tickets/${w.ticket.id}`,
      params: { slug: w.slug, id: w.ticket.id },
      cookie: w.organizer.cookie,
    });
    expect(page.status).toBe(200);
    const data = page.data as { values: Record<string, unknown>; placesHeld: number; offset: string };
    // 01:00 UTC is 09:00 in Asia/Shanghai.
    expect(data.values).toMatchObject({
      nameEn: "Regular",
      nameZh: "普通票",
      price: "1200.00",
      salesStart: "2025-06-01T09:00",
      salesEnd: "",
      quotaIds: [w.quota.id],
    });
    expect(data.placesHeld).toBe(0);

    const res = await edit(
      w,
      form([w.quota.id, w.workshop.id], {
        nameEn: "Early bird",
        nameZh: "早鸟票",
        descriptionEn: "Until June",
        descriptionZh: "六月前",
        price: "980.50",
        salesStart: "2025-05-01T08:00",
        salesEnd: "2025-06-30T23:59",
        eligibility: "STUDENT",
        perPersonLimit: "2",
        hidden: "on",
      }),
    );
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/conferences/${w.slug}/manage/tickets`);
    const after = await ticketState(w.ticket.id);
    expect(after).toMatchObject({
      nameEn: "Early bird",
      nameZh: "早鸟票",
      descriptionEn: "Until June",
      descriptionZh: "六月前",
      priceCents: 980_50,
      currency: "CNY",
      salesStart: new Date("2025-05-01T00:00:00Z"),
      salesEnd: new Date("2025-06-30T15:59:00Z"),
      eligibility: "STUDENT",
      perPersonLimit: 2,
      hidden: true,
    });
    expect(after.quotas.map((q) => q.quotaId)).toEqual([w.quota.id, w.workshop.id].sort());
    const record = await db().auditEvent.findFirstOrThrow({ where: { action: "ticket-type.update", entityId: w.ticket.id } });
    expect(record.actorId).toBe(w.organizer.id);
    const changes = (record.data as { changes: Record<string, { from: unknown; to: unknown }> }).changes;
    expect(changes.priceCents).toEqual({ from: 1200_00, to: 980_50 });
    expect(changes.hidden).toEqual({ from: false, to: true });
    expect(changes.salesStart).toEqual({ from: "2025-06-01T01:00:00.000Z", to: "2025-05-01T00:00:00.000Z" });
    expect(changes.quotaIds).toEqual({ from: [w.quota.id], to: [w.quota.id, w.workshop.id].sort() });
    expect(changes).not.toHaveProperty("currency");

    // Clearing optional fields and unticking "hidden" makes the ticket visible again without Chinese texts.
    expect((await edit(w, form([w.quota.id], { price: "980.50" }))).status).toBe(302);
    expect(await ticketState(w.ticket.id)).toMatchObject({
      nameZh: "普通票",
      descriptionZh: null,
      descriptionEn: "",
      salesStart: null,
      salesEnd: null,
      hidden: false,
      perPersonLimit: 1,
    });
    // Saving without any change writes no audit record.
    const records = await db().auditEvent.count({ where: { action: "ticket-type.update", entityId: w.ticket.id } });
    expect((await edit(w, form([w.quota.id], { price: "980.50" }))).status).toBe(302);
    expect(await db().auditEvent.count({ where: { action: "ticket-type.update", entityId: w.ticket.id } })).toBe(records);
  });

  it("a new price applies to new registrations only: existing ones keep what they owe", async () => {
    const w = await world({ priceCents: 1200_00 });
    const { user, reg: before } = await registerBank(w.slug, w.ticket.id);
    expect(before).toMatchObject({ priceCents: 1200_00, amountCents: 1200_00, currency: "CNY" });

    expect((await edit(w, form([w.quota.id], { price: "1500" }))).status).toBe(302);
    expect((await ticketState(w.ticket.id)).priceCents).toBe(1500_00);

    const kept = await db().registration.findUniqueOrThrow({ where: { id: before.id } });
    expect(kept).toMatchObject({ priceCents: 1200_00, discountCents: 0, amountCents: 1200_00, currency: "CNY", status: "RESERVED" });
    const { reg: later } = await registerBank(w.slug, w.ticket.id);
    expect(later).toMatchObject({ priceCents: 1500_00, amountCents: 1500_00 });
    // The attendee's own page still asks for the amount stored with the registration.
    const mine = await callLoader(myReg, { path: `/my/registrations/${before.id}`, params: { id: before.id }, cookie: user.cookie });
    expect((mine.data as { registration: { amountCents: number } }).registration.amountCents).toBe(1200_00);
  });

  it("refuses quota changes while places are held with the ticket, and keeps the counters right once they are free", async () => {
    const w = await world();
    const { reg } = await registerBank(w.slug, w.ticket.id);
    expect(await used(w.quota.id, w.workshop.id)).toEqual([1, 0]);

    const page = await callLoader(editRoute, {
      path: `/conferences/${w.slug}/manage/tickets/${w.ticket.id}`,
      params: { slug: w.slug, id: w.ticket.id },
      cookie: w.organizer.cookie,
    });
    expect((page.data as { placesHeld: number }).placesHeld).toBe(1);

    // Moving the ticket to the workshop quota (and renaming it in the same post): 409, a field error, nothing changed.
    const refused = await edit(w, form([w.workshop.id], { nameEn: "Renamed" }));
    expect(refused.status).toBe(409);
    const reply = refused.data as { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    expect(reply.error.quotaIds).toEqual(["reg.error.ticketQuotasLocked"]);
    // One ticked box comes back as a string: the checkbox group reads either form.
    expect(reply.initialValue).toMatchObject({ nameEn: "Renamed", quotaIds: w.workshop.id });
    expect(await ticketState(w.ticket.id)).toMatchObject({ nameEn: "Regular", quotas: [{ quotaId: w.quota.id }] });
    expect(await used(w.quota.id, w.workshop.id)).toEqual([1, 0]);
    // Adding a quota is refused too: the held place is not counted in it.
    expect((await edit(w, form([w.quota.id, w.workshop.id]))).status).toBe(409);

    // Other fields may change while places are held.
    expect((await edit(w, form([w.quota.id], { nameEn: "Renamed" }))).status).toBe(302);
    expect((await ticketState(w.ticket.id)).nameEn).toBe("Renamed");

    // An open waitlist offer holds a place as well.
    expect(
      (
        await callAction(myReg, {
          path: `/my/registrations/${reg.id}`,
          params: { id: reg.id },
          cookie: w.organizer.cookie,
          form: { intent: "cancel" },
        })
      ).status,
    ).toBe(302);
    expect(await used(w.quota.id, w.workshop.id)).toEqual([0, 0]);
    const waiting = await makeUser();
    const entry = await db().waitlistEntry.create({
      data: {
        conferenceId: w.conference.id,
        userId: waiting.id,
        ticketTypeId: w.ticket.id,
        status: "OFFERED",
        offeredAt: new Date(),
        offerExpiresAt: new Date(Date.now() + 3600_000),
      },
    });
    await db().quota.update({ where: { id: w.quota.id }, data: { used: 1 } });
    expect((await edit(w, form([w.workshop.id]))).status).toBe(409);
    await db().waitlistEntry.update({ where: { id: entry.id }, data: { status: "EXPIRED" } });
    await db().quota.update({ where: { id: w.quota.id }, data: { used: 0 } });

    // Nothing held: the ticket moves to the workshop quota, and places are taken and given back there only.
    expect((await edit(w, form([w.workshop.id], { nameEn: "Renamed" }))).status).toBe(302);
    expect((await ticketState(w.ticket.id)).quotas).toEqual([{ quotaId: w.workshop.id }]);
    const again = await registerBank(w.slug, w.ticket.id);
    expect(await used(w.quota.id, w.workshop.id)).toEqual([0, 1]);
    const cancelled = await callAction(myReg, {
      path: `/my/registrations/${again.reg.id}`,
      params: { id: again.reg.id },
      cookie: w.organizer.cookie,
      form: { intent: "cancel" },
    });
    expect(cancelled.status).toBe(302);
    expect(await used(w.quota.id, w.workshop.id)).toEqual([0, 0]);
  });

  it("answers bad input with field errors, the typed values kept and nothing changed (400)", async () => {
    const w = await world();
    const before = await ticketState(w.ticket.id);
    const audits = await db().auditEvent.count();
    const dayAfterEnd = new Date(w.conference.endDate.getTime() + 86_400_000).toISOString().slice(0, 10);
    const cases: [Record<string, string | string[]>, string, string][] = [
      [form([w.quota.id], { nameEn: "  " }), "nameEn", "validation.required"],
      [form([w.quota.id], { price: "12.345" }), "price", "reg.validation.amount"],
      [form([w.quota.id], { price: "" }), "price", "validation.required"],
      [form([w.quota.id], { salesStart: "next week" }), "salesStart", "reg.validation.dateTime"],
      [form([w.quota.id], { salesStart: "2025-06-02T10:00", salesEnd: "2025-06-01T10:00" }), "salesEnd", "conf.validation.endBeforeStart"],
      // Impossible calendar times were rolled over (2027-02-30 → 2 March) or stored as "no limit" (decision 040).
      [form([w.quota.id], { salesStart: "2027-02-30T10:00" }), "salesStart", "reg.validation.dateTime"],
      [form([w.quota.id], { salesEnd: "2027-13-45T25:61" }), "salesEnd", "reg.validation.dateTime"],
      // Sales after the conference's last day (in Beijing) are a typo.
      [form([w.quota.id], { salesEnd: `${dayAfterEnd}T00:01` }), "salesEnd", "reg.validation.salesAfterConference"],
      [form([w.quota.id], { perPersonLimit: "0" }), "perPersonLimit", "reg.validation.perPersonLimit"],
      [form([w.quota.id], { eligibility: "VIP" }), "eligibility", ""],
      [form(["not-a-uuid"]), "quotaIds", ""],
    ];
    for (const [body, field, message] of cases) {
      const res = await edit(w, { ...body, nameZh: "我输入的" });
      expect(res.status, `${field}: ${JSON.stringify(res.data)}`).toBe(400);
      const reply = res.data as { error: Record<string, string[]>; initialValue: Record<string, unknown> };
      const errors = Object.entries(reply.error).find(([k]) => k === field || k.startsWith(`${field}[`))?.[1];
      expect(errors, field).toBeTruthy();
      if (message) expect(errors).toContain(message);
      expect(reply.initialValue.nameZh).toBe("我输入的");
    }
    // A quota of another conference is refused by the domain, with the typed values kept.
    const other = await makeTicketing();
    const foreign = await edit(w, form([other.quota.id], { nameEn: "Typed" }));
    expect(foreign.status).toBe(400);
    expect((foreign.data as { error: Record<string, string[]> }).error.quotaIds).toEqual(["validation.invalid"]);
    expect((foreign.data as { initialValue: Record<string, unknown> }).initialValue.nameEn).toBe("Typed");

    expect(await ticketState(w.ticket.id)).toEqual(before);
    expect(await db().auditEvent.count()).toBe(audits);
  });

  it("a ticket of another conference, or no ticket at all, is 404 for the loader and the action", async () => {
    const w = await world();
    const other = await makeTicketing();
    for (const id of [other.ticket.id, "00000000-0000-4000-8000-000000000000", "nonsense"]) {
      const page = await callLoader(editRoute, {
        path: `/conferences/${w.slug}/manage/tickets/${id}`,
        params: { slug: w.slug, id },
        cookie: w.organizer.cookie,
      });
      expect(page.status).toBe(404);
      expect((await edit(w, form([w.quota.id], { nameEn: "Hijacked" }), id)).status).toBe(404);
    }
    expect((await ticketState(other.ticket.id)).nameEn).toBe("Regular");
    // The other conference's organizer, on their own conference's address, cannot reach this ticket either.
    const otherOrganizer = await organizerOf(other.conference.id);
    const cross = await callAction(editRoute, {
      path: `/conferences/${other.slug}/manage/tickets/${w.ticket.id}`,
      params: { slug: other.slug, id: w.ticket.id },
      cookie: otherOrganizer.cookie,
      form: form([other.quota.id], { nameEn: "Hijacked" }),
    });
    expect(cross.status).toBe(404);
    expect((await ticketState(w.ticket.id)).nameEn).toBe("Regular");
  });
});

describe("creating a ticket type through the shared form", () => {
  it("stores every field of the form, hidden and per-person limit included", async () => {
    const w = await world();
    const res = await callAction(manageTickets, {
      path: `/conferences/${w.slug}/manage/tickets`,
      params: { slug: w.slug },
      cookie: w.organizer.cookie,
      form: form([w.workshop.id], {
        nameEn: "Sponsor",
        nameZh: "赞助票",
        price: "0",
        salesEnd: "2025-09-01T18:00",
        hidden: "on",
        perPersonLimit: "3",
      }),
    });
    expect(res.status).toBe(302);
    const created = await db().ticketType.findFirstOrThrow({
      where: { conferenceId: w.conference.id, nameEn: "Sponsor" },
      include: { quotas: true },
    });
    expect(created).toMatchObject({
      nameZh: "赞助票",
      priceCents: 0,
      currency: "CNY",
      hidden: true,
      perPersonLimit: 3,
      salesEnd: new Date("2025-09-01T10:00:00Z"),
      position: 1,
    });
    expect(created.quotas.map((q) => q.quotaId)).toEqual([w.workshop.id]);
    const bad = await callAction(manageTickets, {
      path: `/conferences/${w.slug}/manage/tickets`,
      params: { slug: w.slug },
      cookie: w.organizer.cookie,
      form: form([], { price: "abc", nameEn: "Kept" }),
    });
    expect(bad.status).toBe(400);
    expect((bad.data as { intent: string; result: { initialValue: Record<string, unknown> } }).result.initialValue.nameEn).toBe("Kept");
  });
});

// A registration reads the ticket's quota list, then writes. If the organizer
// moves the ticket to another quota in between, the place must be taken in the
// NEW quota: taken in the old one, the old quota would count a place that is not
// its own and the new one would miss it (a place of oversell). The interleaving
// is forced: a held lock on the old quota stops the registration after its read.
describe.runIf(Boolean(process.env.DATABASE_URL_FOR_TESTS))("a quota change racing a registration", () => {
  async function interleave(w: W, change: () => Promise<void>) {
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query(`SELECT 1 FROM "Quota" WHERE id = $1 FOR UPDATE`, [w.quota.id]);
      const user = await makeUser();
      const registering = callAction(register, {
        path: `/conferences/${w.slug}/register`,
        params: { slug: w.slug },
        cookie: user.cookie,
        form: { ticketTypeId: w.ticket.id, method: "bank" },
      });
      // Wait until the registration has read the quota list and queues on the old quota.
      for (let i = 0; ; i++) {
        const { rows } = await blocker.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (rows[0].n > 0) break;
        if (i > 200) throw new Error("the registration never queued on the quota");
        await new Promise((r) => setTimeout(r, 10));
      }
      await change();
      await blocker.query("COMMIT");
      const res = await registering;
      return { res, reg: await db().registration.findFirst({ where: { userId: user.id } }) };
    } finally {
      await blocker.end();
    }
  }

  it("takes the place in the quota the ticket belongs to when it is written", async () => {
    const w = await world();
    const { res, reg } = await interleave(w, async () => {
      // No place is held with the ticket yet, so the organizer may move it.
      expect((await edit(w, form([w.workshop.id]))).status).toBe(302);
    });
    expect(res.status).toBe(302);
    expect(reg?.status).toBe("RESERVED");
    expect(await used(w.quota.id, w.workshop.id)).toEqual([0, 1]);
    expect((await ticketState(w.ticket.id)).quotaVersion).toBe(1);
  });

  it("control: the same interleaving without the version bump puts the place in the old quota", async () => {
    const w = await world();
    await interleave(w, async () => {
      // The quota move as it was written before the version check: membership only.
      await db().$transaction([
        db().ticketTypeQuota.deleteMany({ where: { ticketTypeId: w.ticket.id } }),
        db().ticketTypeQuota.create({ data: { ticketTypeId: w.ticket.id, quotaId: w.workshop.id } }),
      ]);
    });
    expect(await used(w.quota.id, w.workshop.id)).toEqual([1, 0]);
  });
});
