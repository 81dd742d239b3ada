import { describe, expect, it } from "vitest";
import * as listRoute from "~/routes/conferences/list";
import * as pageRoute from "~/routes/conferences/overview";
import * as editRoute from "~/routes/conferences/edit";
import * as newRoute from "~/routes/conferences/new";
import { db } from "~/utils/db.server";
import { conferenceForm } from "../permissions/conferences.rows";
import { callAction, callLoader } from "../support/http";
import { addMember, grantConferenceRole, makeConference, makeOrg, makeUser } from "../support/world";

async function host() {
  const org = await makeOrg({ nameEn: "Tsinghua University" });
  const admin = await makeUser();
  await addMember(org.id, admin.id, ["ADMIN"]);
  const create = (form: Record<string, string>) =>
    callAction(newRoute, { path: `/conferences/new?org=${org.slug}`, cookie: admin.cookie, form });
  return { org, admin, create };
}

const fieldErrors = (data: unknown) => (data as { error: Record<string, string[]> }).error;

describe("creating a conference", () => {
  it("creates a DRAFT with the creator as ORGANIZER", async () => {
    const { org, admin, create } = await host();
    const res = await create(conferenceForm);
    expect(res.status).toBe(302);
    const conf = await db().conference.findFirstOrThrow({ where: { orgId: org.id }, include: { roles: true } });
    expect(res.location).toBe(`/conferences/${conf.slug}`);
    expect(conf).toMatchObject({
      status: "DRAFT",
      timeZone: "Asia/Shanghai",
      currency: "CNY",
      edition: 2,
      titleZh: "卓越工程师培养国际会议",
    });
    expect(conf.startDate.toISOString()).toBe("2026-09-26T00:00:00.000Z");
    expect(conf.endDate.toISOString()).toBe("2026-09-28T00:00:00.000Z");
    expect(conf.roles).toEqual([expect.objectContaining({ userId: admin.id, role: "ORGANIZER" })]);
    expect(await db().auditEvent.count({ where: { action: "conference.create", entityId: conf.id } })).toBe(1);
  });

  it("reports end before start, an unknown time zone and an unknown currency as field errors, writing nothing", async () => {
    const { org, create } = await host();
    const res = await create({ ...conferenceForm, endDate: "2026-09-25", timeZone: "Mars/Olympus_Mons", currency: "XYZ" });
    expect(res.status).toBe(400);
    const errors = fieldErrors(res.data);
    expect(errors.endDate).toEqual(["conf.validation.endBeforeStart"]);
    expect(errors.timeZone).toEqual(["conf.validation.timeZone"]);
    expect(errors.currency).toEqual(["conf.validation.currency"]);
    expect(await db().conference.count({ where: { orgId: org.id } })).toBe(0);

    const missing = await create({ ...conferenceForm, title: "", startDate: "", country: "ZZ", edition: "two" });
    expect(missing.status).toBe(400);
    const e2 = fieldErrors(missing.data);
    expect(e2.title).toEqual(["validation.required"]);
    expect(e2.startDate).toEqual(["validation.required"]);
    expect(e2.country).toEqual(["validation.country"]);
    expect(e2.edition).toEqual(["conf.validation.edition"]);
    expect(await db().conference.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("is refused to a host admin whose email is not verified, and to a plain member", async () => {
    const { org } = await host();
    const unverified = await makeUser({ verified: false });
    await addMember(org.id, unverified.id, ["ADMIN"]);
    const member = await makeUser();
    await addMember(org.id, member.id, ["SIGNATORY"]);
    for (const who of [unverified, member]) {
      const res = await callAction(newRoute, { path: `/conferences/new?org=${org.slug}`, cookie: who.cookie, form: conferenceForm });
      expect(res.status).toBe(403);
    }
    expect(await db().conference.count({ where: { orgId: org.id } })).toBe(0);
  });
});

describe("conference pages", () => {
  it("hides a draft (404) from the public and shows it to its team", async () => {
    const org = await makeOrg();
    const draft = await makeConference(org.id, { status: "DRAFT" });
    const organizer = await makeUser();
    await grantConferenceRole(draft.id, organizer.id, "ORGANIZER");
    const get = (cookie: string | null) =>
      callLoader(pageRoute, { path: `/conferences/${draft.slug}`, params: { slug: draft.slug }, cookie });
    expect((await get(null)).status).toBe(404);
    expect((await get((await makeUser()).cookie)).status).toBe(404);
    const seen = await get(organizer.cookie);
    expect(seen.status).toBe(200);
    expect(seen.data).toMatchObject({ conference: { status: "DRAFT" }, mayUpdate: true });

    const list = await callLoader(listRoute, { path: "/conferences" });
    expect(JSON.stringify(list.data)).not.toContain(draft.slug);
  });

  it("names the venue's time zone with its offset", async () => {
    const org = await makeOrg();
    const conf = await makeConference(org.id, { status: "PUBLISHED", timeZone: "Asia/Shanghai" });
    const res = await callLoader(pageRoute, { path: `/conferences/${conf.slug}`, params: { slug: conf.slug } });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ conference: { timeZone: "Asia/Shanghai", offset: "GMT+8" } });
  });

  it("lists published conferences, upcoming first", async () => {
    const org = await makeOrg();
    const past = await makeConference(org.id, { status: "PUBLISHED" });
    const soon = await makeConference(org.id, { status: "PUBLISHED" });
    const later = await makeConference(org.id, { status: "PUBLISHED" });
    const year = new Date().getUTCFullYear();
    await db().conference.update({ where: { id: past.id }, data: { startDate: new Date("2020-05-01"), endDate: new Date("2020-05-02") } });
    await db().conference.update({
      where: { id: soon.id },
      data: { startDate: new Date(`${year + 1}-03-01`), endDate: new Date(`${year + 1}-03-02`) },
    });
    await db().conference.update({
      where: { id: later.id },
      data: { startDate: new Date(`${year + 2}-03-01`), endDate: new Date(`${year + 2}-03-02`) },
    });
    const res = await callLoader(listRoute, { path: "/conferences" });
    const data = res.data as { upcoming: { slug: string }[]; past: { slug: string }[] };
    // Other tests in this file add conferences too: look at ours only.
    const ours = new Set([past.slug, soon.slug, later.slug]);
    expect(data.upcoming.map((c) => c.slug).filter((s) => ours.has(s))).toEqual([soon.slug, later.slug]);
    expect(data.past.map((c) => c.slug).filter((s) => ours.has(s))).toEqual([past.slug]);
  });

  it("lets the organizer edit, publish, unpublish and archive", async () => {
    const org = await makeOrg();
    const conf = await makeConference(org.id, { status: "DRAFT" });
    const organizer = await makeUser();
    await grantConferenceRole(conf.id, organizer.id, "ORGANIZER");
    const post = (form: Record<string, string>) =>
      callAction(editRoute, { path: `/conferences/${conf.slug}/edit`, params: { slug: conf.slug }, cookie: organizer.cookie, form });
    expect((await post({ intent: "save", ...conferenceForm, city: "Hangzhou" })).status).toBe(302);
    expect((await db().conference.findUniqueOrThrow({ where: { id: conf.id } })).city).toBe("Hangzhou");
    const bad = await post({ intent: "save", ...conferenceForm, endDate: "2026-01-01" });
    expect(bad.status).toBe(400);
    for (const status of ["PUBLISHED", "DRAFT", "ARCHIVED"] as const) {
      // The first click only asks, saying what will happen; nothing changes until confirmed.
      const asked = await post({ intent: "status", status });
      expect(asked.status).toBe(200);
      expect(asked.data).toMatchObject({ confirm: { message: expect.stringMatching(/^conf\.confirm\./), fields: expect.any(Array) } });
      expect((await db().conference.findUniqueOrThrow({ where: { id: conf.id } })).status).not.toBe(status);
      expect((await post({ intent: "status", status, confirm: "1" })).status).toBe(302);
      expect((await db().conference.findUniqueOrThrow({ where: { id: conf.id } })).status).toBe(status);
    }
    expect(await db().auditEvent.count({ where: { action: "conference.status", entityId: conf.id } })).toBe(3);
  });
});
