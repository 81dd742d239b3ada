import { describe, expect, it } from "vitest";
import * as invitationRoute from "~/routes/organizations/invitation";
import * as membersRoute from "~/routes/organizations/members";
import { hashSecret } from "~/utils/crypto.server";
import { db } from "~/utils/db.server";
import { callAction, callLoader } from "../support/http";
import { emailText } from "../support/mail";
import { addMember, makeOrg, makeUser } from "../support/world";

async function setup() {
  const org = await makeOrg({ nameEn: "Beihang University" });
  const admin = await makeUser({ name: "Ada Admin", locale: "en" });
  await addMember(org.id, admin.id, ["ADMIN"]);
  const invite = (email: string, roles: string[] = []) =>
    callAction(membersRoute, {
      path: `/orgs/${org.slug}/members`,
      params: { slug: org.slug },
      cookie: admin.cookie,
      form: { intent: "invite", email, roles },
    });
  return { org, admin, invite };
}

async function tokenFromOutbox(email: string) {
  const mail = await db().outboxEmail.findFirstOrThrow({ where: { to: email, template: "orgInvitation" }, orderBy: { createdAt: "desc" } });
  const text = await emailText(mail);
  const match = text.match(/http:\/\/localhost:3000\/invitations\/([A-Za-z0-9_-]+)/);
  expect(match, text).not.toBeNull();
  return { token: match![1], mail };
}

const accept = (token: string, cookie: string | null) =>
  callAction(invitationRoute, { path: `/invitations/${token}`, params: { token }, cookie, form: {} });

describe("invitations", () => {
  it("emails a link that the invited account accepts once, becoming a member with the roles", async () => {
    const { org, invite } = await setup();
    const invitee = await makeUser({ email: "li.wei@concord.test", locale: "zh" });
    const res = await invite("Li.Wei@concord.test", ["SIGNATORY"]);
    expect(res.status).toBe(302);

    const { token, mail } = await tokenFromOutbox("li.wei@concord.test");
    // The recipient has an account in Chinese: the email is in Chinese.
    expect(mail.locale).toBe("zh");
    expect(mail.subject).toContain("邀请");
    const inv = await db().orgInvitation.findFirstOrThrow({ where: { orgId: org.id } });
    expect(inv.tokenHash).toBe(hashSecret(token));
    const days = (inv.expiresAt.getTime() - inv.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(14);

    const page = await callLoader(invitationRoute, { path: `/invitations/${token}`, params: { token } });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ org: { nameEn: "Beihang University" }, roles: ["SIGNATORY"], state: null, signedIn: null });

    const ok = await accept(token, invitee.cookie);
    expect(ok.status).toBe(302);
    expect(ok.location).toBe(`/orgs/${org.slug}`);
    const membership = await db().membership.findUniqueOrThrow({ where: { orgId_userId: { orgId: org.id, userId: invitee.id } } });
    expect(membership.roles).toEqual(["SIGNATORY"]);

    // Single use.
    const again = await accept(token, invitee.cookie);
    expect(again.status).toBe(400);
    expect(again.data).toMatchObject({ error: { message: "invite.used" } });
  });

  it("writes to unknown addresses in the inviter's language", async () => {
    const { invite } = await setup();
    await invite("nobody.yet@concord.test");
    const { mail } = await tokenFromOutbox("nobody.yet@concord.test");
    expect(mail.locale).toBe("en");
    expect(await emailText(mail)).toContain("Beihang University");
  });

  it("refuses another account with 403 naming the invited email, and leaves the invitation usable", async () => {
    const { org, invite } = await setup();
    await invite("invited@concord.test", ["ADMIN"]);
    const { token } = await tokenFromOutbox("invited@concord.test");
    const stranger = await makeUser();
    const res = await accept(token, stranger.cookie);
    expect(res.status).toBe(403);
    expect(res.data).toMatchObject({ error: { message: "invite.wrongAccount", vars: { email: "invited@concord.test" } } });
    expect(await db().membership.count({ where: { orgId: org.id, userId: stranger.id } })).toBe(0);

    // Signed out (or the session ended): back to sign-in, which returns to the invitation.
    const signedOut = await accept(token, null);
    expect(signedOut.status).toBe(303);
    expect(signedOut.location).toBe(`/login?redirectTo=${encodeURIComponent(`/invitations/${token}`)}`);

    // The right account, but its email is not verified yet.
    const unverified = await makeUser({ email: "invited@concord.test", verified: false });
    const res2 = await accept(token, unverified.cookie);
    expect(res2.status).toBe(403);
    expect(res2.data).toMatchObject({ error: { message: "invite.unverified" } });
    const inv = await db().orgInvitation.findFirstOrThrow({ where: { orgId: org.id } });
    expect(inv.acceptedAt).toBeNull();
  });

  it("refuses expired and revoked invitations with 400", async () => {
    const { org, admin, invite } = await setup();
    const invitee = await makeUser({ email: "late@concord.test" });
    await invite("late@concord.test");
    const { token } = await tokenFromOutbox("late@concord.test");
    await db().orgInvitation.updateMany({ where: { orgId: org.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await accept(token, invitee.cookie);
    expect(expired.status).toBe(400);
    expect(expired.data).toMatchObject({ error: { message: "invite.expired" } });

    await invite("late@concord.test");
    const { token: token2 } = await tokenFromOutbox("late@concord.test");
    const pending = await db().orgInvitation.findFirstOrThrow({ where: { tokenHash: hashSecret(token2) } });
    const revokeAs = (form: Record<string, string>) =>
      callAction(membersRoute, { path: `/orgs/${org.slug}/members`, params: { slug: org.slug }, cookie: admin.cookie, form });
    // Revoking asks first, naming whose link stops working (decision 065); the invitation stays pending until confirmed.
    const asked = await revokeAs({ intent: "revoke-invitation", invitationId: pending.id });
    expect(asked.status).toBe(200);
    expect(asked.data).toEqual({
      confirm: {
        message: "org.confirm.revokeInvitation",
        vars: { email: "late@concord.test", org: org.nameEn },
        fields: [
          ["intent", "revoke-invitation"],
          ["invitationId", pending.id],
        ],
      },
    });
    expect((await db().orgInvitation.findUniqueOrThrow({ where: { id: pending.id } })).revokedAt).toBeNull();
    const revoke = await revokeAs({ intent: "revoke-invitation", invitationId: pending.id, confirm: "1" });
    expect(revoke.status).toBe(302);
    const revoked = await accept(token2, invitee.cookie);
    expect(revoked.status).toBe(400);
    expect(revoked.data).toMatchObject({ error: { message: "invite.revoked" } });
    expect(await db().membership.count({ where: { orgId: org.id, userId: invitee.id } })).toBe(0);
  });

  it("merges roles when the invitee is already a member", async () => {
    const { org, invite } = await setup();
    const member = await makeUser({ email: "member@concord.test" });
    await addMember(org.id, member.id, ["SIGNATORY"]);
    await invite("member@concord.test", ["ADMIN"]);
    const { token } = await tokenFromOutbox("member@concord.test");
    expect((await accept(token, member.cookie)).status).toBe(302);
    const m = await db().membership.findUniqueOrThrow({ where: { orgId_userId: { orgId: org.id, userId: member.id } } });
    expect([...m.roles].sort()).toEqual(["ADMIN", "SIGNATORY"]);
  });

  it("rejects a bad email with a field error and sends nothing", async () => {
    const { invite } = await setup();
    const before = await db().outboxEmail.count();
    const res = await invite("not-an-email");
    expect(res.status).toBe(400);
    expect(res.data).toMatchObject({ form: "invite", result: { error: { email: ["validation.email"] } } });
    expect(await db().outboxEmail.count()).toBe(before);
  });
});
