// Sales follow the calendar (decision 062): once a conference is over nothing
// is sold, held or offered, and attendees can no longer cancel by themselves.
import { describe, expect, it } from "vitest";
import { renderEmail } from "~/domain/email/enqueue.server";
import { cancelRegistration } from "~/domain/registration/cancel-registration.server";
import { joinWaitlist } from "~/domain/registration/join-waitlist.server";
import { myRegistration } from "~/domain/registration/my-registrations.server";
import { ticketsPage } from "~/domain/registration/public-tickets.server";
import { registerAttendee } from "~/domain/registration/register-attendee.server";
import { requestVisaLetter } from "~/domain/registration/request-visa-letter.server";
import { conferenceOver } from "~/domain/registration/sales-window";
import { sweepExpired } from "~/domain/registration/sweep.server";
import * as myReg from "~/routes/registration/my-registration";
import * as register from "~/routes/registration/register";
import { db } from "~/utils/db.server";
import { sessionUserOf } from "../programme/session-user";
import { callAction } from "../support/http";
import { daysFromToday, grantConferenceRole, makeUser } from "../support/world";
import { makeTicketing } from "./support";

const HOUR = 3600_000;

/** A conference whose last day was yesterday (Beijing time), with its end instant. */
async function endedConference(opts: { capacity?: number; priceCents?: number } = {}) {
  const setup = await makeTicketing({ ...opts, startDate: daysFromToday(-3), endDate: daysFromToday(-1) });
  return { ...setup, over: conferenceOver(setup.conference) };
}

describe("the end of a conference", () => {
  it("is midnight after its last day in the venue's zone", () => {
    expect(conferenceOver({ endDate: new Date("2025-09-27"), timeZone: "Asia/Shanghai" }).toISOString()).toBe("2025-09-27T16:00:00.000Z");
    expect(conferenceOver({ endDate: new Date("2025-10-25"), timeZone: "Europe/Madrid" }).toISOString()).toBe("2025-10-25T22:00:00.000Z");
  });

  it("closes sales: registering afterwards is refused (409) and writes nothing; the minute before it works", async () => {
    const { slug, ticket, quota, over } = await endedConference({ priceCents: 0 });
    const [late, early] = await Promise.all([makeUser(), makeUser()]);
    const input = { ticketTypeId: ticket.id } as never;
    await expect(registerAttendee({ actor: await sessionUserOf(late.id), slug, input, now: over })).rejects.toMatchObject({
      code: "SALES_CLOSED",
      userMessage: "reg.error.registrationClosed",
    });
    // The page's route answers with the message on the form, the status says why.
    const res = await callAction(register, {
      path: `/conferences/${slug}/register`,
      params: { slug },
      cookie: late.cookie,
      form: { ticketTypeId: ticket.id },
    });
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.data)).toContain("reg.error.registrationClosed");
    expect(await db().registration.count({ where: { userId: late.id } })).toBe(0);
    expect((await db().quota.findUniqueOrThrow({ where: { id: quota.id } })).used).toBe(0);
    // Control: one minute before the end the same registration goes through.
    const ok = await registerAttendee({ actor: await sessionUserOf(early.id), slug, input, now: new Date(over.getTime() - 60_000) });
    expect(ok.status).toBe("CONFIRMED");
  });

  it("says so on the tickets page: every ticket closed", async () => {
    const { slug, over } = await endedConference();
    const before = await ticketsPage({ slug, viewer: null, now: new Date(over.getTime() - HOUR) });
    expect(before.registrationClosed).toBe(false);
    expect(before.tickets.map((t) => t.sale)).toEqual(["open"]);
    const after = await ticketsPage({ slug, viewer: null, now: over });
    expect(after.registrationClosed).toBe(true);
    expect(after.tickets.map((t) => t.sale)).toEqual(["closed"]);
  });

  it("caps a hold at the end: a 14-day bank-transfer hold taken two days before ends with the conference, and the sweep releases it then", async () => {
    const { slug, ticket, quota, over } = await endedConference({ priceCents: 500_00 });
    const user = await makeUser();
    const twoDaysBefore = new Date(over.getTime() - 48 * HOUR);
    await registerAttendee({
      actor: await sessionUserOf(user.id),
      slug,
      input: { ticketTypeId: ticket.id, method: "bank" } as never,
      now: twoDaysBefore,
    });
    const reg = await db().registration.findFirstOrThrow({ where: { userId: user.id } });
    expect(reg.holdUntil!.toISOString()).toBe(over.toISOString());
    expect((await sweepExpired({ now: new Date(over.getTime() - 1000) })).expiredHolds).toBe(0);
    expect((await sweepExpired({ now: over })).expiredHolds).toBe(1);
    expect((await db().registration.findUniqueOrThrow({ where: { id: reg.id } })).status).toBe("EXPIRED");
    expect((await db().quota.findUniqueOrThrow({ where: { id: quota.id } })).used).toBe(0);
    // The person is told the conference is over (not invited to register again).
    const told = await db().outboxEmail.findFirstOrThrow({ where: { to: user.email, template: "holdExpired" } });
    expect(told.props).toMatchObject({ over: true });
    const { text } = await renderEmail(told);
    expect(text).toContain("is over");
    expect(text).not.toContain("Register again");
  });

  it("the sweep also releases holds and offers written with a later expiry (before the cap existed)", async () => {
    const { conference, ticket, quota, over } = await endedConference({ priceCents: 500_00 });
    const [holder, offered] = await Promise.all([makeUser(), makeUser()]);
    const later = new Date(over.getTime() + 10 * 24 * HOUR);
    await db().registration.create({
      data: {
        conferenceId: conference.id,
        userId: holder.id,
        ticketTypeId: ticket.id,
        status: "RESERVED",
        method: "BANK_TRANSFER",
        priceCents: 500_00,
        amountCents: 500_00,
        currency: "CNY",
        holdUntil: later,
        reference: `REF-${holder.id.slice(0, 6)}`,
        badgeCode: `B${holder.id.slice(0, 8)}`,
      },
    });
    await db().waitlistEntry.create({
      data: {
        conferenceId: conference.id,
        userId: offered.id,
        ticketTypeId: ticket.id,
        status: "OFFERED",
        offeredAt: new Date(),
        offerExpiresAt: later,
      },
    });
    await db().quota.update({ where: { id: quota.id }, data: { used: 2 } });
    // Control: before the end their own expiry rules, nothing moves.
    expect(await sweepExpired({ now: new Date(over.getTime() - HOUR) })).toMatchObject({ expiredHolds: 0, expiredOffers: 0 });
    expect(await sweepExpired({ now: over })).toMatchObject({ expiredHolds: 1, expiredOffers: 1, offered: 0 });
    expect((await db().quota.findUniqueOrThrow({ where: { id: quota.id } })).used).toBe(0);
  });

  it("caps a waitlist offer at the end, and offers nothing once the conference is over", async () => {
    const { conference, slug, ticket, quota, over } = await endedConference({ capacity: 1 });
    await db().registrationSettings.create({ data: { conferenceId: conference.id, offerHours: 48 } });
    const [holder, waiting, organizer] = await Promise.all([makeUser(), makeUser(), makeUser()]);
    await grantConferenceRole(conference.id, organizer.id, "ORGANIZER");
    const early = new Date(over.getTime() - 30 * HOUR);
    const reg = await registerAttendee({
      actor: await sessionUserOf(holder.id),
      slug,
      input: { ticketTypeId: ticket.id } as never,
      now: early,
    });
    await joinWaitlist({ actor: await sessionUserOf(waiting.id), slug, ticketTypeId: ticket.id, now: early });
    await expect(
      joinWaitlist({ actor: await sessionUserOf(organizer.id), slug, ticketTypeId: ticket.id, now: over }),
    ).rejects.toMatchObject({
      code: "SALES_CLOSED",
    });
    // Cancelled a day before the end: the offer would last 48 hours, it lasts until the end.
    await cancelRegistration({
      actor: await sessionUserOf(organizer.id),
      registrationId: reg.registrationId,
      confirmed: true,
      now: new Date(over.getTime() - 24 * HOUR),
    });
    const entry = await db().waitlistEntry.findFirstOrThrow({ where: { userId: waiting.id } });
    expect(entry.status).toBe("OFFERED");
    expect(entry.offerExpiresAt!.toISOString()).toBe(over.toISOString());
    // Claiming it after the end is refused like any registration.
    await expect(
      registerAttendee({
        actor: await sessionUserOf(waiting.id),
        slug,
        input: { ticketTypeId: ticket.id, offerId: entry.id } as never,
        now: over,
      }),
    ).rejects.toMatchObject({ code: "SALES_CLOSED" });
    // The sweep releases it at the end and offers the place to nobody.
    expect(await sweepExpired({ now: over })).toMatchObject({ expiredOffers: 1, offered: 0 });
    expect((await db().quota.findUniqueOrThrow({ where: { id: quota.id } })).used).toBe(0);
  });
});

describe("attendees' own cancellations", () => {
  it("close at the deadline, and at the end at the latest even when the organizers' deadline is later", async () => {
    const { conference, slug, ticket, over } = await endedConference();
    // A deadline set after the conference (a typo, or never revisited).
    await db().registrationSettings.create({
      data: { conferenceId: conference.id, cancelUntil: new Date(over.getTime() + 30 * 24 * HOUR) },
    });
    const [attendee, organizer] = await Promise.all([makeUser(), makeUser()]);
    await grantConferenceRole(conference.id, organizer.id, "ORGANIZER");
    const actor = await sessionUserOf(attendee.id);
    const reg = await registerAttendee({
      actor,
      slug,
      input: { ticketTypeId: ticket.id } as never,
      now: new Date(over.getTime() - 48 * HOUR),
    });

    const open = await myRegistration({ actor, registrationId: reg.registrationId, now: new Date(over.getTime() - HOUR) });
    expect(open.cancellable).toBe(true);
    const closed = await myRegistration({ actor, registrationId: reg.registrationId, now: over });
    expect(closed).toMatchObject({ cancellable: false, organizerContact: organizer.email });
    expect(new Date(closed.cancelUntil).toISOString()).toBe(over.toISOString());

    await expect(cancelRegistration({ actor, registrationId: reg.registrationId, confirmed: true, now: over })).rejects.toMatchObject({
      code: "CANCEL_CLOSED",
    });
    expect((await db().registration.findUniqueOrThrow({ where: { id: reg.registrationId } })).status).toBe("CONFIRMED");
  });

  it("letters of invitation are not offered or issued once the conference is over", async () => {
    const { slug, ticket, over } = await endedConference();
    const actor = await sessionUserOf((await makeUser()).id);
    const reg = await registerAttendee({
      actor,
      slug,
      input: { ticketTypeId: ticket.id } as never,
      now: new Date(over.getTime() - 48 * HOUR),
    });
    expect((await myRegistration({ actor, registrationId: reg.registrationId, now: new Date(over.getTime() - HOUR) })).visaOpen).toBe(true);
    expect((await myRegistration({ actor, registrationId: reg.registrationId, now: over })).visaOpen).toBe(false);
    const input = {
      passportName: "ZHANG WEI",
      passportNumber: "E12345678",
      nationality: "KE",
      birthDate: new Date("1980-01-02"),
      arrivalDate: new Date(over.getTime() - 72 * HOUR),
      departureDate: new Date(over.getTime() + 24 * HOUR),
    } as never;
    await expect(requestVisaLetter({ actor, registrationId: reg.registrationId, input })).rejects.toMatchObject({
      code: "SALES_CLOSED",
      userMessage: "reg.error.visaClosed",
    });
    expect(await db().visaLetterRequest.count({ where: { userId: actor.id } })).toBe(0);
  });

  it("a cancel posted after the deadline comes back to the page with a translated message, not an error page", async () => {
    const { conference, slug, ticket } = await makeTicketing();
    await db().registrationSettings.create({ data: { conferenceId: conference.id, cancelUntil: new Date(Date.now() - HOUR) } });
    const attendee = await makeUser();
    const reg = await registerAttendee({ actor: await sessionUserOf(attendee.id), slug, input: { ticketTypeId: ticket.id } as never });
    const path = `/my/registrations/${reg.registrationId}`;
    const res = await callAction(myReg, { path, params: { id: reg.registrationId }, cookie: attendee.cookie, form: { intent: "cancel" } });
    expect(res.status).toBe(302);
    expect(res.location).toBe(path);
    expect(res.headers.get("Set-Cookie")).toContain("concord_toast=");
    expect((await db().registration.findUniqueOrThrow({ where: { id: reg.registrationId } })).status).toBe("CONFIRMED");
  });
});
