// Organizers email the attendees of a ticket type or status through the
// outbox, each person in their language, after seeing how many it reaches.
import { describe, expect, it } from "vitest";
import { registerAttendee } from "~/domain/registration/register-attendee.server";
import * as email from "~/routes/registration/manage/email";
import { db } from "~/utils/db.server";
import { sessionUserOf } from "../programme/session-user";
import { callAction, callLoader } from "../support/http";
import { grantConferenceRole, makeUser } from "../support/world";
import { makeTicketing } from "./support";

async function world() {
  const setup = await makeTicketing({ priceCents: 0 });
  const { conference, slug, ticket, quota } = setup;
  const other = await db().ticketType.create({
    data: { conferenceId: conference.id, nameEn: "Student", priceCents: 0, currency: "CNY", quotas: { create: [{ quotaId: quota.id }] } },
  });
  const organizer = await makeUser();
  await grantConferenceRole(conference.id, organizer.id, "ORGANIZER");
  const [en, zh, student, cancelled] = await Promise.all([
    makeUser({ locale: "en", name: "Ann English" }),
    makeUser({ locale: "zh", name: "Zhou Zhong" }),
    makeUser({ locale: "en", name: "Stu Dent" }),
    makeUser({ locale: "en", name: "Cal Cancelled" }),
  ]);
  const reg = async (u: { id: string }, t: { id: string }) =>
    registerAttendee({ actor: await sessionUserOf(u.id), slug, input: { ticketTypeId: t.id } as never });
  await reg(en, ticket);
  await reg(zh, ticket);
  await reg(student, other);
  const c = await reg(cancelled, ticket);
  await db().registration.update({ where: { id: c.registrationId }, data: { status: "CANCELLED" } });
  const path = `/conferences/${slug}/manage/registrations/email`;
  const post = (form: Record<string, string>, cookie = organizer.cookie) => callAction(email, { path, params: { slug }, cookie, form });
  // This world's messages only (the database is shared by the file's tests).
  const sentHere = () =>
    db().outboxEmail.findMany({
      where: { template: "organizerMessage", to: { in: [en.email, zh.email, student.email, cancelled.email] } },
    });
  return { ...setup, other, organizer, en, zh, student, cancelled, path, post, sentHere };
}

const message = {
  subjectEn: "Shuttle buses",
  bodyEn: "Buses leave at 8:00.\n\nSee you there.",
  subjectZh: "班车安排",
  bodyZh: "班车 8:00 发车。",
};

describe("email attendees", () => {
  it("previews the audience, then queues one email per person in their language, with an audit record", async () => {
    const w = await world();
    const page = await callLoader(email, { path: w.path, params: { slug: w.slug }, cookie: w.organizer.cookie });
    expect(page.data).toMatchObject({ recipients: 3 });

    const preview = await w.post({ intent: "preview", ticketTypeId: w.ticket.id, ...message });
    expect(preview.status).toBe(200);
    expect(preview.data).toMatchObject({ preview: { recipients: 2, changed: false } });
    expect(await w.sentHere()).toEqual([]);

    const sent = await w.post({ intent: "send", ticketTypeId: w.ticket.id, expected: "2", ...message });
    expect(sent.status).toBe(302);
    const mails = await w.sentHere();
    expect(mails.map((m) => [m.to, m.locale, m.subject]).sort()).toEqual(
      [
        [w.en.email, "en", `Conference ${w.slug}: Shuttle buses`],
        [w.zh.email, "zh", `Conference ${w.slug}: 班车安排`],
      ].sort(),
    );
    expect((mails.find((m) => m.to === w.zh.email)!.props as { body: string }).body).toBe("班车 8:00 发车。");
    const entry = await db().auditEvent.findFirstOrThrow({ where: { action: "registration.email-attendees", actorId: w.organizer.id } });
    expect(entry.data).toMatchObject({ ticketTypeId: w.ticket.id, recipients: 2, subjectEn: "Shuttle buses" });
  });

  it("filters by status; without Chinese text everyone gets the English", async () => {
    const w = await world();
    const sent = await w.post({ intent: "send", status: "CANCELLED", expected: "1", subjectEn: "We miss you", bodyEn: "Come next year." });
    expect(sent.status).toBe(302);
    const mails = await w.sentHere();
    expect(mails.map((m) => m.to)).toEqual([w.cancelled.email]);
    const toZh = await w.post({ intent: "send", ticketTypeId: w.ticket.id, expected: "2", subjectEn: "Hello", bodyEn: "English only." });
    expect(toZh.status).toBe(302);
    const zhMail = await db().outboxEmail.findFirstOrThrow({ where: { template: "organizerMessage", to: w.zh.email } });
    expect(zhMail).toMatchObject({ locale: "zh", subject: `Conference ${w.slug}: Hello` });
  });

  it("sends nothing when the audience changed since the preview, or for another conference's ticket, or to nobody", async () => {
    const w = await world();
    const stale = await w.post({ intent: "send", expected: "2", ...message });
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ preview: { recipients: 3, changed: true } });
    const foreign = await makeTicketing();
    const bad = await w.post({ intent: "send", ticketTypeId: foreign.ticket.id, expected: "0", ...message });
    expect(bad.status).toBe(400);
    const nobody = await w.post({ intent: "send", status: "EXPIRED", expected: "0", ...message });
    expect(nobody.status).toBe(400);
    const missing = await w.post({ intent: "send", expected: "3", subjectEn: "", bodyEn: "" });
    expect(missing.status).toBe(400);
    expect(await w.sentHere()).toEqual([]);
    expect(await db().auditEvent.count({ where: { action: "registration.email-attendees", actorId: w.organizer.id } })).toBe(0);
  });
});
