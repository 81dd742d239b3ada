// Vouchers are edited and deleted by organizers: a duplicate code is said on the code field, a used voucher is
// not deleted (its registrations keep their link) and its usage limit cannot drop below its uses.
import { describe, expect, it } from "vitest";
import * as editRoute from "~/routes/registration/manage/voucher";
import * as listRoute from "~/routes/registration/manage/vouchers";
import * as register from "~/routes/registration/register";
import { db } from "~/utils/db.server";
import { callAction, callLoader } from "../support/http";
import { grantConferenceRole, makeUser } from "../support/world";
import { makeTicketing } from "./support";

async function world() {
  const setup = await makeTicketing({ priceCents: 1000_00, capacity: 10 });
  const organizer = await makeUser({ locale: "zh" });
  await grantConferenceRole(setup.conference.id, organizer.id, "ORGANIZER");
  const voucher = await db().voucher.create({ data: { conferenceId: setup.conference.id, code: "IEA25", kind: "PERCENT", value: 25 } });
  return { ...setup, organizer, voucher };
}

const form = (changes: Record<string, string | string[]> = {}) => ({
  intent: "voucher",
  code: "IEA25",
  kind: "PERCENT",
  value: "25",
  ...changes,
});

function edit(w: Awaited<ReturnType<typeof world>>, body: Record<string, string | string[]>, id = w.voucher.id) {
  return callAction(editRoute, {
    path: `/conferences/${w.slug}/manage/tickets/vouchers/${id}`,
    params: { slug: w.slug, id },
    cookie: w.organizer.cookie,
    form: body,
  });
}

type Reply = { form: string; result: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } };

async function useVoucher(w: Awaited<ReturnType<typeof world>>) {
  const attendee = await makeUser();
  const res = await callAction(register, {
    path: `/conferences/${w.slug}/register`,
    params: { slug: w.slug },
    cookie: attendee.cookie,
    form: { ticketTypeId: w.ticket.id, method: "bank", voucher: "iea25" },
  });
  expect(res.status).toBe(302);
}

describe("editing and deleting vouchers", () => {
  it("the edit page shows the voucher's terms in the venue's time, and saving changes them", async () => {
    const w = await world();
    await db().voucher.update({ where: { id: w.voucher.id }, data: { validUntil: new Date("2025-09-20T15:59:00Z"), usageLimit: 5 } });
    const page = await callLoader(editRoute, {
      path: `/conferences/${w.slug}/manage/tickets/vouchers/${w.voucher.id}`,
      params: { slug: w.slug, id: w.voucher.id },
      cookie: w.organizer.cookie,
    });
    expect(page.status).toBe(200);
    expect((page.data as { values: unknown }).values).toMatchObject({
      code: "IEA25",
      value: "25",
      usageLimit: "5",
      validUntil: "2025-09-20T23:59",
    });

    const res = await edit(w, form({ code: "iea-30", kind: "FIXED", value: "300.50", usageLimit: "10", ticketTypeIds: [w.ticket.id] }));
    expect(res.status).toBe(302);
    expect(await db().voucher.findUniqueOrThrow({ where: { id: w.voucher.id } })).toMatchObject({
      code: "IEA-30",
      kind: "FIXED",
      value: 300_50,
      usageLimit: 10,
      validUntil: null,
      ticketTypeIds: [w.ticket.id],
    });
    expect(await db().auditEvent.count({ where: { action: "voucher.update", entityId: w.voucher.id } })).toBe(1);
  });

  it("a duplicate code says so on the code field, when creating and when editing, and keeps what was typed", async () => {
    const w = await world();
    const other = await db().voucher.create({ data: { conferenceId: w.conference.id, code: "SPEAKER", kind: "PERCENT", value: 100 } });
    const created = await callAction(listRoute, {
      path: `/conferences/${w.slug}/manage/tickets/vouchers`,
      params: { slug: w.slug },
      cookie: w.organizer.cookie,
      form: form({ code: "iea25", value: "10" }),
    });
    expect(created.status).toBe(409);
    const createdReply = created.data as Reply["result"];
    // The organizer reads Chinese: the message is translated where the form shows it (the key is sent).
    expect(createdReply.error).toEqual({ code: ["reg.vouchers.codeTaken"] });
    expect(createdReply.initialValue).toMatchObject({ code: "iea25", value: "10" });

    const edited = await edit(w, form({ code: "iea25", value: "50" }), other.id);
    expect(edited.status).toBe(409);
    expect((edited.data as Reply).result.error).toEqual({ code: ["reg.vouchers.codeTaken"] });
    expect(await db().voucher.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ code: "SPEAKER", value: 100 });
    // Control: keeping its own code is no duplicate.
    expect((await edit(w, form({ value: "30" }))).status).toBe(302);
  });

  it("the usage limit cannot go below the uses so far", async () => {
    const w = await world();
    await useVoucher(w);
    await useVoucher(w);
    const res = await edit(w, form({ usageLimit: "1" }));
    expect(res.status).toBe(400);
    expect((res.data as Reply).result.error).toEqual({ usageLimit: ["reg.vouchers.limitBelowUsed"] });
    expect((await db().voucher.findUniqueOrThrow({ where: { id: w.voucher.id } })).usageLimit).toBeNull();
    // Control: exactly the uses so far stops further use.
    expect((await edit(w, form({ usageLimit: "2" }))).status).toBe(302);
  });

  it("deleting asks for confirmation; an unused voucher goes, a used one is refused and stays linked to its registrations", async () => {
    const w = await world();
    const unconfirmed = await edit(w, { intent: "delete-voucher" });
    expect(unconfirmed.status).toBe(400);
    expect((unconfirmed.data as Reply).result.error).toEqual({ confirm: ["reg.vouchers.confirmRequired"] });
    expect(await db().voucher.count({ where: { id: w.voucher.id } })).toBe(1);

    await useVoucher(w);
    const refused = await edit(w, { intent: "delete-voucher", confirm: "yes" });
    expect(refused.status).toBe(409);
    expect(JSON.stringify((refused.data as Reply).result.error)).toContain("此优惠码已被使用 1 次");
    expect(await db().registration.count({ where: { voucherId: w.voucher.id } })).toBe(1);

    const unused = await db().voucher.create({ data: { conferenceId: w.conference.id, code: "UNUSED", kind: "PERCENT", value: 10 } });
    const deleted = await edit(w, { intent: "delete-voucher", confirm: "yes" }, unused.id);
    expect(deleted.status).toBe(302);
    expect(deleted.location).toBe(`/conferences/${w.slug}/manage/tickets/vouchers`);
    expect(await db().voucher.count({ where: { id: unused.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "voucher.delete", entityId: unused.id } })).toBe(1);
  });

  it("another conference's voucher or a malformed id is not found", async () => {
    const w = await world();
    const elsewhere = await world();
    expect((await edit(w, form(), elsewhere.voucher.id)).status).toBe(404);
    expect((await edit(w, { intent: "delete-voucher", confirm: "yes" }, elsewhere.voucher.id)).status).toBe(404);
    expect(await db().voucher.count({ where: { id: elsewhere.voucher.id } })).toBe(1);
    const bad = await callLoader(editRoute, {
      path: `/conferences/${w.slug}/manage/tickets/vouchers/nope`,
      params: { slug: w.slug, id: "nope" },
      cookie: w.organizer.cookie,
    });
    expect(bad.status).toBe(404);
  });
});
