// The check-in desk finds attendees by name for those without their badge (issue 14 §4).
import { describe, expect, it } from "vitest";
import * as checkin from "~/routes/registration/checkin";
import { db } from "~/utils/db.server";
import { callAction, callLoader } from "../support/http";
import { grantConferenceRole, makeUser } from "../support/world";
import { makeTicketing } from "./support";

type Found = {
  found: { matches: { id: string; status: string; checkedInAt: string | null; user: { nameLatin: string } }[]; more: boolean } | null;
};

async function registrationFor(
  setup: Awaited<ReturnType<typeof makeTicketing>>,
  name: string,
  status: "CONFIRMED" | "RESERVED" = "CONFIRMED",
) {
  const user = await makeUser({ name });
  return db().registration.create({
    data: {
      conferenceId: setup.conference.id,
      userId: user.id,
      ticketTypeId: setup.ticket.id,
      status,
      method: "FREE",
      priceCents: 0,
      amountCents: 0,
      currency: "CNY",
      reference: `REF-${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
      badgeCode: `B${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
    },
  });
}

describe("check-in by name", () => {
  it("lists every namesake with a button, checks in the one chosen, and says why others cannot be", async () => {
    const setup = await makeTicketing();
    const { slug, conference } = setup;
    const first = await registrationFor(setup, "Zhang Wei");
    const second = await registrationFor(setup, "Zhang Weiming");
    const unpaid = await registrationFor(setup, "Zhang Wen", "RESERVED");
    await registrationFor(setup, "Ana Souza");
    const other = await makeTicketing();
    const elsewhere = await registrationFor(other, "Zhang Wei");
    const staff = await makeUser();
    await grantConferenceRole(conference.id, staff.id, "CHECKIN");
    const path = `/conferences/${slug}/checkin`;
    const search = async (q: string, cookie = staff.cookie) =>
      callLoader(checkin, { path: `${path}?q=${encodeURIComponent(q)}`, params: { slug }, cookie });

    const found = (await search("zhang we")).data as Found;
    expect(found.found?.matches.map((m) => m.user.nameLatin)).toEqual(["Zhang Wei", "Zhang Weiming", "Zhang Wen"]);
    expect(found.found?.matches.find((m) => m.id === unpaid.id)?.status).toBe("RESERVED");
    expect(((await search("z")).data as Found).found?.matches).toEqual([]); // too short to search

    const done = await callAction(checkin, {
      path,
      params: { slug },
      cookie: staff.cookie,
      form: { intent: "check-in-id", registrationId: second.id },
    });
    expect(done.data).toMatchObject({ scan: { duplicate: false, name: "Zhang Weiming" } });
    expect((await db().registration.findUniqueOrThrow({ where: { id: second.id } })).checkedInAt).not.toBeNull();
    expect((await db().registration.findUniqueOrThrow({ where: { id: first.id } })).checkedInAt).toBeNull();
    const after = (await search("Zhang Weiming")).data as Found;
    expect(after.found?.matches[0].checkedInAt).not.toBeNull();

    // Not paid: refused; another conference's registration: not found here; someone without the role: refused.
    const refused = await callAction(checkin, {
      path,
      params: { slug },
      cookie: staff.cookie,
      form: { intent: "check-in-id", registrationId: unpaid.id },
    });
    expect(refused.status).toBe(409);
    const foreign = await callAction(checkin, {
      path,
      params: { slug },
      cookie: staff.cookie,
      form: { intent: "check-in-id", registrationId: elsewhere.id },
    });
    expect(foreign.status).toBe(404);
    expect((await db().registration.findUniqueOrThrow({ where: { id: elsewhere.id } })).checkedInAt).toBeNull();
    const attendee = await makeUser();
    expect((await search("Zhang", attendee.cookie)).status).toBe(403);
  });
});
