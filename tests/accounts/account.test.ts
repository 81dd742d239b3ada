import { describe, expect, it } from "vitest";
import { createSession } from "~/domain/accounts/sessions.server";
import * as accountPage from "~/routes/accounts/account";
import * as security from "~/routes/accounts/security";
import * as login from "~/routes/accounts/login";
import * as logout from "~/routes/accounts/logout";
import { db } from "~/utils/db.server";
import { callAction, callLoader, cookiesFrom } from "../support/http";
import { addMember, cookieFor, makeOrg, makeUser, PASSWORD } from "../support/world";
import { errorsOf, freshIp, initialValueOf } from "./support";

/** A second signed-in browser of the same person. */
async function anotherBrowser(userId: string) {
  const id = await db().$transaction((tx) => createSession(tx, userId, { ip: "192.0.2.9", userAgent: "Phone" }));
  return { id, cookie: await cookieFor(id) };
}

const canSeeAccount = async (cookie: string) => (await callLoader(accountPage, { path: "/account", cookie })).status === 200;

async function expectSignedOut(cookie: string) {
  const res = await callLoader(accountPage, { path: "/account", cookie });
  expect(res.status).toBe(302);
  expect(res.location).toBe("/login?redirectTo=%2Faccount");
}

describe("sign out", () => {
  it("revokes the session row: the old cookie no longer works", async () => {
    const user = await makeUser();
    const res = await callAction(logout, { path: "/logout", cookie: user.cookie });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/");
    expect(res.headers.getSetCookie().some((c) => /^concord_session=;.*Max-Age=0/i.test(c))).toBe(true);
    await expectSignedOut(user.cookie);
  });

  it("GET /logout signs nobody out", async () => {
    const user = await makeUser();
    const res = await callLoader(logout, { path: "/logout", cookie: user.cookie });
    expect(res.location).toBe("/");
    expect(await canSeeAccount(user.cookie)).toBe(true);
  });

  it("an expired session counts as signed out", async () => {
    const user = await makeUser();
    await db().session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectSignedOut(user.cookie);
  });
});

describe("account page", () => {
  it("shows the profile, the email state and the organizations", async () => {
    const user = await makeUser({ verified: false });
    const org = await makeOrg({ nameEn: "Tsinghua University" });
    await addMember(org.id, user.id, ["SIGNATORY"]);
    const res = await callLoader(accountPage, { path: "/account", cookie: user.cookie });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({
      profile: {
        email: user.email,
        emailVerifiedAt: null,
        memberships: [{ roles: ["SIGNATORY"], org: { slug: org.slug, nameEn: "Tsinghua University" } }],
      },
    });
  });

  it("saves the profile and switches the language cookie", async () => {
    const user = await makeUser();
    const res = await callAction(accountPage, {
      path: "/account",
      cookie: user.cookie,
      form: { nameLatin: "Li Na", nameNative: "李娜", title: "Prof.", locale: "zh" },
    });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/account");
    expect(cookiesFrom(res.headers)).toContain("concord_locale=");
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      nameLatin: "Li Na",
      nameNative: "李娜",
      title: "Prof.",
      locale: "zh",
    });
    // Clearing an optional field stores nothing.
    await callAction(accountPage, {
      path: "/account",
      cookie: user.cookie,
      form: { nameLatin: "Li Na", nameNative: "", title: "", locale: "zh" },
    });
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ nameNative: null, title: null });
  });

  it("validation errors keep what was typed", async () => {
    const user = await makeUser();
    const res = await callAction(accountPage, {
      path: "/account",
      cookie: user.cookie,
      form: { nameLatin: "", title: "Dr.", locale: "fr" },
    });
    expect(res.status).toBe(400);
    expect(errorsOf(res.data).nameLatin).toEqual(["validation.required"]);
    expect(errorsOf(res.data).locale).toBeTruthy();
    expect(initialValueOf(res.data)).toMatchObject({ title: "Dr.", locale: "fr" });
  });
});

describe("password and sessions", () => {
  it("lists the user's own active sessions and marks this browser", async () => {
    const user = await makeUser();
    const phone = await anotherBrowser(user.id);
    const stranger = await makeUser();
    const res = await callLoader(security, { path: "/account/security", cookie: user.cookie });
    const sessions = (res.data as { sessions: { id: string; current: boolean; userAgent: string | null; ip: string | null }[] }).sessions;
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions.find((s) => s.id === phone.id)).toMatchObject({ current: false, userAgent: "Phone", ip: "192.0.2.9" });
    expect(await db().session.count({ where: { userId: stranger.id } })).toBe(1);
  });

  it("changing the password needs the current one, and signs out the other browsers", async () => {
    const user = await makeUser();
    const phone = await anotherBrowser(user.id);

    const wrong = await callAction(security, {
      path: "/account/security",
      cookie: user.cookie,
      form: { intent: "change-password", currentPassword: "not it at all", newPassword: "a brand new password" },
    });
    expect(wrong.status).toBe(400);
    expect(errorsOf(wrong.data).currentPassword).toEqual(["accounts.security.wrongPassword"]);
    expect(JSON.stringify(wrong.data)).not.toContain("not it at all");
    expect(JSON.stringify(wrong.data)).not.toContain("a brand new password");
    expect(await canSeeAccount(phone.cookie)).toBe(true);

    const short = await callAction(security, {
      path: "/account/security",
      cookie: user.cookie,
      form: { intent: "change-password", currentPassword: PASSWORD, newPassword: "short" },
    });
    expect(short.status).toBe(400);
    expect(errorsOf(short.data).newPassword).toEqual(["validation.passwordShort"]);

    const ok = await callAction(security, {
      path: "/account/security",
      cookie: user.cookie,
      form: { intent: "change-password", currentPassword: PASSWORD, newPassword: "a brand new password" },
    });
    expect(ok.status).toBe(302);
    expect(ok.location).toBe("/account/security");
    expect(await canSeeAccount(user.cookie)).toBe(true);
    await expectSignedOut(phone.cookie);
    const relogin = await callAction(login, {
      path: "/login",
      form: { email: user.email, password: "a brand new password" },
      headers: freshIp(),
    });
    expect(relogin.status).toBe(302);
  });

  it("revokes one of the user's own sessions", async () => {
    const user = await makeUser();
    const phone = await anotherBrowser(user.id);
    const res = await callAction(security, {
      path: "/account/security",
      cookie: user.cookie,
      form: { intent: "revoke-session", sessionId: phone.id },
    });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/account/security");
    await expectSignedOut(phone.cookie);
    expect(await canSeeAccount(user.cookie)).toBe(true);
  });

  it("revoking the current session signs this browser out", async () => {
    const user = await makeUser();
    const [current] = await db().session.findMany({ where: { userId: user.id } });
    const res = await callAction(security, {
      path: "/account/security",
      cookie: user.cookie,
      form: { intent: "revoke-session", sessionId: current.id },
    });
    expect(res.status).toBe(302);
    expect(res.headers.getSetCookie().some((c) => /^concord_session=;/.test(c))).toBe(true);
    await expectSignedOut(user.cookie);
  });

  it("someone else's session id does nothing (404)", async () => {
    const user = await makeUser();
    const victim = await makeUser();
    const [victimSession] = await db().session.findMany({ where: { userId: victim.id } });
    const res = await callAction(security, {
      path: "/account/security",
      cookie: user.cookie,
      form: { intent: "revoke-session", sessionId: victimSession.id },
    });
    expect(res.status).toBe(404);
    expect(await canSeeAccount(victim.cookie)).toBe(true);
    const garbage = await callAction(security, {
      path: "/account/security",
      cookie: user.cookie,
      form: { intent: "revoke-session", sessionId: "'; drop table" },
    });
    expect(garbage.status).toBe(404);
  });

  it("sign out everywhere ends every session, this one included", async () => {
    const user = await makeUser();
    const phone = await anotherBrowser(user.id);
    const res = await callAction(security, { path: "/account/security", cookie: user.cookie, form: { intent: "sign-out-everywhere" } });
    expect(res.status).toBe(302);
    expect(cookiesFrom(res.headers)).toContain("concord_toast=");
    expect(res.headers.getSetCookie().some((c) => /^concord_session=;/.test(c))).toBe(true);
    await expectSignedOut(user.cookie);
    await expectSignedOut(phone.cookie);
    expect(await db().session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
  });

  it("an unknown intent is a 400", async () => {
    const user = await makeUser();
    const res = await callAction(security, { path: "/account/security", cookie: user.cookie, form: { intent: "make-me-admin" } });
    expect(res.status).toBe(400);
  });
});
