// Receipt, badge and visa letter PDFs; the visa workflow; check-in with a
// duplicate scan flagged and not counted.
import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import * as checkin from "~/routes/registration/checkin";
import * as visaAdmin from "~/routes/registration/manage/visa";
import * as register from "~/routes/registration/register";
import * as badge from "~/routes/registration/badge";
import * as calendar from "~/routes/registration/registration-calendar";
import * as receipt from "~/routes/registration/receipt";
import * as myReg from "~/routes/registration/my-registration";
import * as visaLetter from "~/routes/registration/visa-letter";
import * as verify from "~/routes/registration/visa-letter-check";
import { db } from "~/utils/db.server";
import { callAction, callLoader } from "../support/http";
import { grantConferenceRole, makeUser } from "../support/world";
import { makeTicketing } from "./support";

/** Calls a PDF route's loader and extracts the text (callLoader would read the bytes as text). */
async function pdfText(route: { loader?: unknown }, opts: Parameters<typeof callLoader>[1]) {
  const request = new Request(`http://localhost:3000${opts.path}`, { headers: { Cookie: opts.cookie ?? "" } });
  const response = (await (route.loader as (a: unknown) => Promise<Response>)({ request, params: opts.params, context: {} })) as Response;
  expect(response.headers.get("content-type")).toBe("application/pdf");
  const parser = new PDFParse({ data: new Uint8Array(await response.arrayBuffer()) });
  return (await parser.getText()).text;
}

async function paidRegistration() {
  const setup = await makeTicketing({ priceCents: 1200_00 });
  await db().conference.update({ where: { id: setup.conference.id }, data: { titleZh: "第二届卓越工程师培养国际会议" } });
  const organizer = await makeUser();
  await grantConferenceRole(setup.conference.id, organizer.id, "ORGANIZER");
  const user = await makeUser({ name: "Zhang Wei" });
  await db().user.update({ where: { id: user.id }, data: { nameNative: "张伟" } });
  await callAction(register, {
    path: `/conferences/${setup.slug}/register`,
    params: { slug: setup.slug },
    cookie: user.cookie,
    form: {
      ticketTypeId: setup.ticket.id,
      method: "bank",
      payerOrganization: "同济大学 Tongji University",
      payerTaxId: "12310000425006117P",
    },
  });
  const reg = await db().registration.findFirstOrThrow({ where: { userId: user.id } });
  await db().$transaction(async (tx) => {
    const { applyBankPayment } = await import("~/domain/registration/record-bank-payment.server");
    await applyBankPayment(tx, {
      registrationId: reg.id,
      amountCents: 1200_00,
      note: null,
      externalId: null,
      actorId: organizer.id,
      now: new Date(),
    });
  });
  return { ...setup, user, organizer, reg: await db().registration.findUniqueOrThrow({ where: { id: reg.id } }) };
}

describe("documents", () => {
  it("receipt with sequential number, payer and tax id; badge with both names and QR code; .ics", async () => {
    const { user, reg, slug, organizer } = await paidRegistration();
    const opts = { path: `/my/registrations/${reg.id}/receipt`, params: { id: reg.id }, cookie: user.cookie };
    const text = await pdfText(receipt, opts);
    expect(text).toContain(`${slug.toUpperCase()}-00001`);
    expect(text).toContain("12310000425006117P");
    expect(text).toContain("同济大学");
    expect(text).toContain("CN¥1,200.00");
    const bOpts = { path: `/my/registrations/${reg.id}/badge`, params: { id: reg.id }, cookie: user.cookie };
    const badgeText = await pdfText(badge, bOpts);
    expect(badgeText).toContain("Zhang Wei");
    expect(badgeText).toContain("张伟");
    expect(badgeText).toContain(reg.badgeCode);
    // Organizers may read them too; other people may not.
    expect((await callLoader(badge, { ...bOpts, cookie: organizer.cookie })).status).toBe(200);
    const stranger = await makeUser();
    expect((await callLoader(badge, { ...bOpts, cookie: stranger.cookie })).status).toBe(403);
    const ics = await callLoader(calendar, { path: `/my/registrations/${reg.id}/calendar`, params: { id: reg.id }, cookie: user.cookie });
    const { startDate } = await db().conference.findUniqueOrThrow({ where: { id: reg.conferenceId }, select: { startDate: true } });
    expect(String(ics.data)).toContain(`DTSTART;VALUE=DATE:${startDate.toISOString().slice(0, 10).replaceAll("-", "")}`);
  });
});

describe("visa letters", () => {
  it("request → organizer approves → PDF with a verification code that verifies publicly; decline is emailed", async () => {
    const { user, reg, slug, organizer } = await paidRegistration();
    const form = {
      intent: "visa",
      passportName: "ZHANG WEI",
      passportNumber: "E12345678",
      nationality: "KE",
      birthDate: "1980-01-02",
      arrivalDate: "2025-09-25",
      departureDate: "2025-09-30",
    };
    const bad = await callAction(myReg, {
      path: `/my/registrations/${reg.id}`,
      params: { id: reg.id },
      cookie: user.cookie,
      form: { ...form, departureDate: "2025-09-20" },
    });
    expect(bad.status).toBe(400);
    const ok = await callAction(myReg, { path: `/my/registrations/${reg.id}`, params: { id: reg.id }, cookie: user.cookie, form });
    expect(ok.status).toBe(302);
    const request = await db().visaLetterRequest.findFirstOrThrow({ where: { userId: user.id } });
    // Not yet approved: no letter.
    expect(
      (await callLoader(visaLetter, { path: `/my/registrations/${reg.id}/visa-letter`, params: { id: reg.id }, cookie: user.cookie }))
        .status,
    ).toBe(404);
    const decide = (cookie: string, decision: string) =>
      callAction(visaAdmin, {
        path: `/conferences/${slug}/manage/visa`,
        params: { slug },
        cookie,
        form: { requestId: request.id, decision },
      });
    expect((await decide(user.cookie, "approve")).status).toBe(403);
    expect((await decide(organizer.cookie, "approve")).status).toBe(302);
    expect((await decide(organizer.cookie, "decline")).status).toBe(409);
    const opts = { path: `/my/registrations/${reg.id}/visa-letter`, params: { id: reg.id }, cookie: user.cookie };
    const text = await pdfText(visaLetter, opts);
    expect(text).toContain("ZHANG WEI");
    expect(text).toContain("E12345678");
    expect(text).toContain(request.verificationCode);
    const v = await callLoader(verify, { path: `/visa-letters/${request.verificationCode}`, params: { code: request.verificationCode } });
    expect(v.data).toMatchObject({ letter: { passportName: "ZHANG WEI", passportNumber: "…5678" } });
    const none = await callLoader(verify, { path: "/visa-letters/0000000000000000", params: { code: "0000000000000000" } });
    expect(none.data).toEqual({ letter: null });
    expect(await db().outboxEmail.count({ where: { to: user.email, template: "visaLetterDecision" } })).toBe(1);
  });
});

describe("check-in", () => {
  it("a typed badge code checks in once; the second scan is flagged, not counted; unknown codes are refused", async () => {
    const { reg, slug, conference } = await paidRegistration();
    const staff = await makeUser();
    await grantConferenceRole(conference.id, staff.id, "CHECKIN");
    const scan = (code: string, cookie = staff.cookie) =>
      callAction(checkin, { path: `/conferences/${slug}/checkin`, params: { slug }, cookie, form: { code } });
    const first = await scan(reg.badgeCode.toLowerCase());
    expect(first.status).toBe(200);
    expect(first.data).toMatchObject({ scan: { duplicate: false, name: "Zhang Wei" } });
    const second = await scan(reg.badgeCode);
    expect(second.data).toMatchObject({ scan: { duplicate: true } });
    expect(await db().checkIn.count({ where: { registrationId: reg.id } })).toBe(2);
    expect(await db().registration.count({ where: { conferenceId: conference.id, checkedInAt: { not: null } } })).toBe(1);
    expect((await scan("ZZZZZZZZZZ")).status).toBe(404);
    const attendee = await makeUser();
    expect((await scan(reg.badgeCode, attendee.cookie)).status).toBe(403);
    const desk = await callLoader(checkin, { path: `/conferences/${slug}/checkin`, params: { slug }, cookie: staff.cookie });
    expect(desk.data).toMatchObject({ checkedIn: 1, confirmed: 1 });
  });
});
