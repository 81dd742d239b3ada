import { describe, expect, it } from "vitest";
import * as rolesRoute from "~/routes/conferences/roles";
import * as editRoute from "~/routes/conferences/edit";
import { db } from "~/utils/db.server";
import { callAction, callLoader } from "../support/http";
import { addMember, grantConferenceRole, makeConference, makeOrg, makeUser } from "../support/world";

async function setup() {
  const org = await makeOrg();
  const conf = await makeConference(org.id, { status: "PUBLISHED" });
  const organizer = await makeUser();
  await grantConferenceRole(conf.id, organizer.id, "ORGANIZER");
  const post = (form: Record<string, string>, cookie = organizer.cookie) =>
    callAction(rolesRoute, { path: `/conferences/${conf.slug}/roles`, params: { slug: conf.slug }, cookie, form });
  return { org, conf, organizer, post };
}

describe("conference roles", () => {
  it("grants a role to an existing account by email, then revokes it (and it takes effect at once)", async () => {
    const { conf, post } = await setup();
    const colleague = await makeUser({ email: "reviewer@concord.test" });
    const granted = await post({ intent: "grant", email: "Reviewer@Concord.test", role: "ORGANIZER" });
    expect(granted.status).toBe(302);
    expect(await db().conferenceRole.count({ where: { conferenceId: conf.id, userId: colleague.id, role: "ORGANIZER" } })).toBe(1);
    // Twice changes nothing.
    expect((await post({ intent: "grant", email: "reviewer@concord.test", role: "ORGANIZER" })).status).toBe(302);
    expect(await db().conferenceRole.count({ where: { conferenceId: conf.id, userId: colleague.id } })).toBe(1);

    const editPage = () =>
      callLoader(editRoute, { path: `/conferences/${conf.slug}/edit`, params: { slug: conf.slug }, cookie: colleague.cookie });
    expect((await editPage()).status).toBe(200);

    // Unconfirmed, removing a role only asks, naming who loses what.
    const asked = await post({ intent: "revoke", userId: colleague.id, role: "ORGANIZER" });
    expect(asked.data).toMatchObject({ confirm: { message: "conf.confirm.revokeORGANIZER", vars: { name: expect.any(String) } } });
    expect(await db().conferenceRole.count({ where: { conferenceId: conf.id, userId: colleague.id } })).toBe(1);
    expect((await post({ intent: "revoke", userId: colleague.id, role: "ORGANIZER", confirm: "1" })).status).toBe(302);
    expect(await db().conferenceRole.count({ where: { conferenceId: conf.id, userId: colleague.id } })).toBe(0);
    expect((await editPage()).status).toBe(403);
    expect(
      await db().auditEvent.count({ where: { entityId: conf.id, action: { in: ["conference.role.grant", "conference.role.revoke"] } } }),
    ).toBe(2);
  });

  it("reports an unknown email as a field error", async () => {
    const { conf, post } = await setup();
    const res = await post({ intent: "grant", email: "ghost@concord.test", role: "REVIEWER" });
    expect(res.status).toBe(400);
    expect(res.data).toMatchObject({ form: "grant", result: { error: { email: ["conf.roles.unknownUser"] } } });
    expect(await db().conferenceRole.count({ where: { conferenceId: conf.id } })).toBe(1);
  });

  it("lets the last organizer be revoked: host admins keep organizer rights", async () => {
    const { org, conf, organizer, post } = await setup();
    const hostAdmin = await makeUser();
    await addMember(org.id, hostAdmin.id, ["ADMIN"]);
    expect((await post({ intent: "revoke", userId: organizer.id, role: "ORGANIZER", confirm: "1" }, hostAdmin.cookie)).status).toBe(302);
    expect(await db().conferenceRole.count({ where: { conferenceId: conf.id, role: "ORGANIZER" } })).toBe(0);
    const page = await callLoader(rolesRoute, {
      path: `/conferences/${conf.slug}/roles`,
      params: { slug: conf.slug },
      cookie: hostAdmin.cookie,
    });
    expect(page.status).toBe(200);
  });
});
