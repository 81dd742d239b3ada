import { describe, expect, it } from "vitest";
import * as listRoute from "~/routes/organizations/list";
import * as pageRoute from "~/routes/organizations/overview";
import * as editRoute from "~/routes/organizations/edit";
import * as membersRoute from "~/routes/organizations/members";
import * as newRoute from "~/routes/organizations/new";
import { db } from "~/utils/db.server";
import { callAction, callLoader } from "../support/http";
import { addMember, makeOrg, makeUser } from "../support/world";

const tsinghua = {
  nameEn: "Tsinghua University",
  nameNative: "清华大学",
  kind: "UNIVERSITY",
  country: "cn",
  website: "https://www.tsinghua.edu.cn",
};

describe("creating an organization", () => {
  it("makes the creator its admin and records the change", async () => {
    const founder = await makeUser();
    const res = await callAction(newRoute, { path: "/orgs/new", cookie: founder.cookie, form: tsinghua });
    expect(res.status).toBe(302);
    const org = await db().organization.findFirstOrThrow({ where: { nameEn: "Tsinghua University" }, include: { members: true } });
    expect(res.location).toBe(`/orgs/${org.slug}`);
    expect(org.slug).toBe("tsinghua-university");
    expect(org.country).toBe("CN");
    expect(org.members).toEqual([expect.objectContaining({ userId: founder.id, roles: ["ADMIN"] })]);
    expect(await db().auditEvent.count({ where: { action: "org.create", entityId: org.id } })).toBe(1);

    // A second organization with the same name gets its own slug.
    const again = await callAction(newRoute, { path: "/orgs/new", cookie: founder.cookie, form: tsinghua });
    expect(again.location).toBe("/orgs/tsinghua-university-2");
  });

  it("refuses an unverified email with 403 and writes nothing", async () => {
    const user = await makeUser({ verified: false });
    const before = await db().organization.count();
    const res = await callAction(newRoute, { path: "/orgs/new", cookie: user.cookie, form: tsinghua });
    expect(res.status).toBe(403);
    expect(await db().organization.count()).toBe(before);
    const page = await callLoader(newRoute, { path: "/orgs/new", cookie: user.cookie });
    expect(page.status).toBe(403);
  });

  it("returns field errors with status 400 for bad input", async () => {
    const user = await makeUser();
    const res = await callAction(newRoute, {
      path: "/orgs/new",
      cookie: user.cookie,
      form: { nameEn: "", kind: "CASTLE", country: "XX", website: "not a url" },
    });
    expect(res.status).toBe(400);
    const error = (res.data as { error: Record<string, string[]> }).error;
    expect(error.nameEn).toEqual(["validation.required"]);
    expect(error.kind).toEqual(["org.validation.kind"]);
    expect(error.country).toEqual(["validation.country"]);
    expect(error.website).toEqual(["validation.url"]);
  });
});

describe("organization pages", () => {
  it("lists organizations filtered by kind and searched by either name", async () => {
    await makeOrg({ nameEn: "Zhejiang University", kind: "UNIVERSITY" });
    await makeOrg({ nameEn: "Engineers Australia", kind: "ENGINEERING_ASSOCIATION" });
    await db().organization.updateMany({ where: { nameEn: "Zhejiang University" }, data: { nameNative: "浙江大学" } });
    const byKind = await callLoader(listRoute, { path: "/orgs?kind=ENGINEERING_ASSOCIATION" });
    const names = (byKind.data as { orgs: { nameEn: string }[] }).orgs.map((o) => o.nameEn);
    expect(names).toContain("Engineers Australia");
    expect(names).not.toContain("Zhejiang University");
    const byNative = await callLoader(listRoute, { path: `/orgs?q=${encodeURIComponent("浙江")}` });
    expect((byNative.data as { orgs: { nameEn: string }[] }).orgs.map((o) => o.nameEn)).toEqual(["Zhejiang University"]);
  });

  it("shows admins and signatories publicly, not plain members", async () => {
    const org = await makeOrg();
    const [admin, signatory, member] = await Promise.all([
      makeUser({ name: "Ada Admin" }),
      makeUser({ name: "Sam Signatory" }),
      makeUser({ name: "Max Member" }),
    ]);
    await addMember(org.id, admin.id, ["ADMIN"]);
    await addMember(org.id, signatory.id, ["SIGNATORY"]);
    await addMember(org.id, member.id, []);
    await db().membership.update({ where: { orgId_userId: { orgId: org.id, userId: signatory.id } }, data: { position: "Rector" } });
    const res = await callLoader(pageRoute, { path: `/orgs/${org.slug}`, params: { slug: org.slug } });
    const people = (res.data as { org: { members: { position: string | null; user: { nameLatin: string } }[] } }).org.members;
    expect(people.map((p) => p.user.nameLatin).sort()).toEqual(["Ada Admin", "Sam Signatory"]);
    expect(people.find((p) => p.user.nameLatin === "Sam Signatory")?.position).toBe("Rector");
    expect(JSON.stringify(res.data)).not.toContain(member.email);
    const missing = await callLoader(pageRoute, { path: "/orgs/nope", params: { slug: "nope" } });
    expect(missing.status).toBe(404);
  });

  it("lets an admin edit the details", async () => {
    const org = await makeOrg();
    const admin = await makeUser();
    await addMember(org.id, admin.id, ["ADMIN"]);
    const res = await callAction(editRoute, {
      path: `/orgs/${org.slug}/edit`,
      params: { slug: org.slug },
      cookie: admin.cookie,
      form: { nameEn: "Renamed University", kind: "UNIVERSITY", country: "DE", website: "" },
    });
    expect(res.status).toBe(302);
    const saved = await db().organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(saved).toMatchObject({ nameEn: "Renamed University", country: "DE", website: null, slug: org.slug });
  });
});

describe("members", () => {
  async function orgWithAdmin() {
    const org = await makeOrg();
    const admin = await makeUser();
    await addMember(org.id, admin.id, ["ADMIN"]);
    const call = (form: Record<string, string | string[]>) =>
      callAction(membersRoute, { path: `/orgs/${org.slug}/members`, params: { slug: org.slug }, cookie: admin.cookie, form });
    return { org, admin, call };
  }

  it("never removes or demotes the last admin", async () => {
    const { org, admin, call } = await orgWithAdmin();
    const demote = await call({ intent: "update-member", userId: admin.id, roles: ["SIGNATORY"] });
    expect(demote.status).toBe(409);
    expect(JSON.stringify(demote.data)).toContain("org.members.lastAdmin");
    const remove = await call({ intent: "remove-member", userId: admin.id });
    expect(remove.status).toBe(409);
    expect(JSON.stringify(remove.data)).toContain("org.members.lastAdmin");
    const m = await db().membership.findUniqueOrThrow({ where: { orgId_userId: { orgId: org.id, userId: admin.id } } });
    expect(m.roles).toEqual(["ADMIN"]);

    // With a second admin, the first may step down and then leave.
    const second = await makeUser();
    await addMember(org.id, second.id, ["ADMIN"]);
    expect((await call({ intent: "update-member", userId: admin.id, roles: ["SIGNATORY"], position: "Dean" })).status).toBe(302);
    const after = await db().membership.findUniqueOrThrow({ where: { orgId_userId: { orgId: org.id, userId: admin.id } } });
    expect(after).toMatchObject({ roles: ["SIGNATORY"], position: "Dean" });
  });

  it("changes roles and removes members", async () => {
    const { org, call } = await orgWithAdmin();
    const member = await makeUser();
    await addMember(org.id, member.id, []);
    expect((await call({ intent: "update-member", userId: member.id, roles: ["ADMIN", "SIGNATORY"] })).status).toBe(302);
    expect((await db().membership.findUniqueOrThrow({ where: { orgId_userId: { orgId: org.id, userId: member.id } } })).roles).toEqual([
      "ADMIN",
      "SIGNATORY",
    ]);
    const asked = await call({ intent: "remove-member", userId: member.id });
    expect(asked.data).toMatchObject({ confirm: { message: "org.confirm.remove" } });
    expect(await db().membership.count({ where: { orgId: org.id, userId: member.id } })).toBe(1);
    expect((await call({ intent: "remove-member", userId: member.id, confirm: "1" })).status).toBe(302);
    expect(await db().membership.count({ where: { orgId: org.id, userId: member.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { entityId: org.id, action: { in: ["org.member.update", "org.member.remove"] } } })).toBe(
      2,
    );
  });
});
