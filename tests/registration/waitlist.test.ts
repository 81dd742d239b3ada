// Holds expire and free their places; freed places go to the waitlist as
// emailed offers; an unclaimed offer passes to the next person in line.
import { describe, expect, it } from "vitest";
import { sweepExpired } from "~/domain/registration/sweep.server";
import * as register from "~/routes/registration/register";
import * as tickets from "~/routes/registration/tickets";
import * as myReg from "~/routes/registration/my-registration";
import { db } from "~/utils/db.server";
import { callAction } from "../support/http";
import { makeUser } from "../support/world";
import { makeTicketing } from "./support";
import { emailText } from "../support/mail";

const HOUR = 3600_000;

describe("hold expiry", () => {
  it("an unpaid bank-transfer hold is released after 14 days and the attendee told", async () => {
    const { slug, ticket, quota } = await makeTicketing({ capacity: 1, priceCents: 100_00 });
    const user = await makeUser();
    await callAction(register, {
      path: `/conferences/${slug}/register`,
      params: { slug },
      cookie: user.cookie,
      form: { ticketTypeId: ticket.id, method: "bank" },
    });
    expect((await sweepExpired({ now: new Date(Date.now() + 13 * 24 * HOUR) })).expiredHolds).toBe(0);
    expect((await sweepExpired({ now: new Date(Date.now() + 15 * 24 * HOUR) })).expiredHolds).toBe(1);
    expect((await db().registration.findFirstOrThrow({ where: { userId: user.id } })).status).toBe("EXPIRED");
    expect((await db().quota.findUniqueOrThrow({ where: { id: quota.id } })).used).toBe(0);
    expect(await db().outboxEmail.count({ where: { to: user.email, template: "holdExpired" } })).toBe(1);
    // The same person may register again afterwards (the row is reused).
    const again = await callAction(register, {
      path: `/conferences/${slug}/register`,
      params: { slug },
      cookie: user.cookie,
      form: { ticketTypeId: ticket.id, method: "bank" },
    });
    expect(again.status).toBe(302);
    expect(await db().registration.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("waitlist", () => {
  it("offer → claim; offer expiry → next in line; cancellation frees a place to the waitlist", async () => {
    const { slug, ticket, quota, conference } = await makeTicketing({ capacity: 1 });
    await db().registrationSettings.create({
      data: { conferenceId: conference.id, offerHours: 24, cancelUntil: new Date(Date.now() + 30 * 24 * HOUR) },
    });
    const [holder, first, second] = await Promise.all([makeUser(), makeUser(), makeUser()]);
    const reg = (cookie: string, form: Record<string, string> = {}) =>
      callAction(register, { path: `/conferences/${slug}/register`, params: { slug }, cookie, form: { ticketTypeId: ticket.id, ...form } });
    const join = (cookie: string) =>
      callAction(tickets, {
        path: `/conferences/${slug}/tickets`,
        params: { slug },
        cookie,
        form: { intent: "join-waitlist", ticketTypeId: ticket.id },
      });

    // Not sold out yet: joining the waitlist is refused.
    expect((await join(first.cookie)).status).toBe(409);
    expect((await reg(holder.cookie)).status).toBe(302);
    expect((await reg(first.cookie)).status).toBe(409);
    expect((await join(first.cookie)).status).toBe(302);
    await new Promise((r) => setTimeout(r, 5));
    expect((await join(second.cookie)).status).toBe(302);
    expect((await join(second.cookie)).status).toBe(409);

    // The holder cancels: the place goes straight to the first in line, not back on sale.
    const holderReg = await db().registration.findFirstOrThrow({ where: { userId: holder.id } });
    expect(
      (
        await callAction(myReg, {
          path: `/my/registrations/${holderReg.id}`,
          params: { id: holderReg.id },
          cookie: holder.cookie,
          form: { intent: "cancel", confirm: "1" },
        })
      ).status,
    ).toBe(302);
    const offer = await db().waitlistEntry.findFirstOrThrow({ where: { userId: first.id } });
    expect(offer.status).toBe("OFFERED");
    expect((await db().quota.findUniqueOrThrow({ where: { id: quota.id } })).used).toBe(1);
    const mail = await db().outboxEmail.findFirstOrThrow({ where: { to: first.email, template: "waitlistOffer" } });
    expect(await emailText(mail)).toContain(`/conferences/${slug}/register?offer=${offer.id}`);
    // Nobody else can take the offered place.
    const outsider = await makeUser();
    expect((await reg(outsider.cookie)).status).toBe(409);

    // The offer is not claimed in time: it passes to the second person.
    const later = new Date(Date.now() + 25 * HOUR);
    expect(await sweepExpired({ now: later })).toMatchObject({ expiredOffers: 1, offered: 1 });
    expect((await db().waitlistEntry.findFirstOrThrow({ where: { userId: first.id } })).status).toBe("EXPIRED");
    expect(await db().outboxEmail.count({ where: { to: first.email, template: "offerExpired" } })).toBe(1);
    const second_offer = await db().waitlistEntry.findFirstOrThrow({ where: { userId: second.id } });
    expect(second_offer.status).toBe("OFFERED");

    // The expired offer cannot be used; the live one is claimed without taking a second place.
    expect((await reg(first.cookie, { offerId: offer.id })).status).toBe(409);
    expect((await reg(second.cookie, { offerId: second_offer.id })).status).toBe(302);
    expect((await db().waitlistEntry.findUniqueOrThrow({ where: { id: second_offer.id } })).status).toBe("CLAIMED");
    expect((await db().registration.findFirstOrThrow({ where: { userId: second.id } })).status).toBe("CONFIRMED");
    expect((await db().quota.findUniqueOrThrow({ where: { id: quota.id } })).used).toBe(1);
  });
});

describe("background job", () => {
  it("startRegistrationJobs runs the sweeper periodically and stops cleanly", async () => {
    const { startRegistrationJobs } = await import("~/domain/registration/jobs.server");
    const { slug, ticket } = await makeTicketing({ priceCents: 100_00 });
    const user = await makeUser();
    await callAction(register, {
      path: `/conferences/${slug}/register`,
      params: { slug },
      cookie: user.cookie,
      form: { ticketTypeId: ticket.id, method: "bank" },
    });
    await db().registration.updateMany({ where: { userId: user.id }, data: { holdUntil: new Date(Date.now() - 1000) } });
    const jobs = startRegistrationJobs(50);
    for (let i = 0; i < 100 && (await db().registration.findFirstOrThrow({ where: { userId: user.id } })).status !== "EXPIRED"; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await jobs.stop();
    expect((await db().registration.findFirstOrThrow({ where: { userId: user.id } })).status).toBe("EXPIRED");
  });
});
