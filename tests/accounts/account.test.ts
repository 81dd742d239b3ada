import { describe, expect, it } from "vitest";
import { createSession } from "~/domain/accounts/sessions.server";
import type { MessageKey } from "~/i18n";
import { translator } from "~/i18n/dictionaries.server";
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

/** The question the confirmation panel shows, in English. */
function shown(data: unknown) {
  const { confirm } = data as { confirm: { message: MessageKey; vars: Record<string, string | number> | null } };
  return translator("en")(confirm.message, confirm.vars ?? undefined);
}

/** The security page's "Sign out" for one browser; `{ confirm: "1" }` is the Yes to its question. */
const revokeSession = (cookie: string, sessionId: string, confirm: Record<string, string> = {}) =>
  callAction(security, { path: "/account/security", cookie, form: { intent: "revoke-session", sessionId, ...confirm } });

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
    expect(sessions.find((s) => s.id === phone.id)).toMatchObject({ current: false, userAgent: "Phone", device: "Phone", ip: "192.0.2.9" });
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
    const res = await revokeSession(user.cookie, phone.id, { confirm: "1" });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/account/security");
    await expectSignedOut(phone.cookie);
    expect(await canSeeAccount(user.cookie)).toBe(true);
  });

  it("revoking the current session signs this browser out", async () => {
    const user = await makeUser();
    const [current] = await db().session.findMany({ where: { userId: user.id } });
    const res = await revokeSession(user.cookie, current.id, { confirm: "1" });
    expect(res.status).toBe(302);
    expect(res.headers.getSetCookie().some((c) => /^concord_session=;/.test(c))).toBe(true);
    await expectSignedOut(user.cookie);
  });

  it("someone else's session id does nothing (404), asked or confirmed", async () => {
    const user = await makeUser();
    const victim = await makeUser();
    const [victimSession] = await db().session.findMany({ where: { userId: victim.id } });
    for (const confirm of [{}, { confirm: "1" }] as Record<string, string>[]) {
      const res = await revokeSession(user.cookie, victimSession.id, confirm);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.data ?? null)).not.toContain("confirm");
    }
    expect(await canSeeAccount(victim.cookie)).toBe(true);
    const garbage = await revokeSession(user.cookie, "'; drop table");
    expect(garbage.status).toBe(404);
  });

  it("sign out everywhere ends every session, this one included", async () => {
    const user = await makeUser();
    const phone = await anotherBrowser(user.id);
    const res = await callAction(security, {
      path: "/account/security",
      cookie: user.cookie,
      form: { intent: "sign-out-everywhere", confirm: "1" },
    });
    expect(res.status).toBe(302);
    expect(cookiesFrom(res.headers)).toContain("concord_toast=");
    expect(res.headers.getSetCookie().some((c) => /^concord_session=;/.test(c))).toBe(true);
    await expectSignedOut(user.cookie);
    await expectSignedOut(phone.cookie);
    expect(await db().session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
  });

  it("signing out another browser asks first, naming it and when it was last seen; nothing changes until Yes", async () => {
    const user = await makeUser();
    const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    const laptopId = await db().$transaction((tx) => createSession(tx, user.id, { ip: "192.0.2.7", userAgent: chrome }));
    const laptop = { id: laptopId, cookie: await cookieFor(laptopId) };
    await db().session.update({ where: { id: laptop.id }, data: { lastSeenAt: new Date("2026-11-30T08:05:00Z") } });
    const asked = await revokeSession(user.cookie, laptop.id);
    expect(asked.status).toBe(200);
    expect(asked.data).toEqual({
      confirm: {
        message: "accounts.security.confirm.revokeOther",
        vars: { device: "Chrome (Linux)", lastSeen: "30 Nov 2026, 08:05 UTC" },
        fields: [
          ["intent", "revoke-session"],
          ["sessionId", laptop.id],
        ],
      },
    });
    expect(shown(asked.data)).toBe(
      "Chrome (Linux), last seen 30 Nov 2026, 08:05 UTC, will be signed out: whoever uses it has to sign in again. You stay signed in here, and your other browsers too.",
    );
    expect(await canSeeAccount(laptop.cookie)).toBe(true);
    expect(await db().auditEvent.count({ where: { action: "session.revoked", entityId: laptop.id } })).toBe(0);

    // A browser that sent no User-Agent is still described by when it was last seen.
    const bare = await anotherBrowser(user.id);
    await db().session.update({ where: { id: bare.id }, data: { userAgent: null } });
    const askedBare = await revokeSession(user.cookie, bare.id);
    expect(askedBare.data).toMatchObject({ confirm: { message: "accounts.security.confirm.revokeOtherUnknown" } });
    expect(shown(askedBare.data)).toMatch(/^The browser that did not say what it is, last seen .+ UTC, will be signed out/);
  });

  it("signing out this browser from the list says so, and keeps it signed in until Yes", async () => {
    const user = await makeUser();
    const [current] = await db().session.findMany({ where: { userId: user.id } });
    await db().session.update({
      where: { id: current.id },
      data: { userAgent: "Mozilla/5.0 (Windows NT 10.0) Gecko/20100101 Firefox/133.0" },
    });
    const asked = await revokeSession(user.cookie, current.id);
    expect(asked.status).toBe(200);
    expect(asked.data).toMatchObject({
      confirm: { message: "accounts.security.confirm.revokeThis", vars: { device: "Firefox (Windows)" } },
    });
    expect(shown(asked.data)).toMatch(
      /^Firefox \(Windows\), last seen .+ UTC, is this browser: you will be signed out here and taken to the home page\./,
    );
    expect(asked.headers.getSetCookie().some((c) => /^concord_session=;/.test(c))).toBe(false);
    expect(await canSeeAccount(user.cookie)).toBe(true);
  });

  it("sign out everywhere asks first, counting the other signed-in browsers; nothing changes until Yes", async () => {
    const user = await makeUser();
    const phone = await anotherBrowser(user.id);
    const tablet = await anotherBrowser(user.id);
    const old = await anotherBrowser(user.id);
    await db().session.update({ where: { id: old.id }, data: { expiresAt: new Date(Date.now() - 1000) } }); // not listed, not counted
    const asked = await callAction(security, { path: "/account/security", cookie: user.cookie, form: { intent: "sign-out-everywhere" } });
    expect(asked.status).toBe(200);
    expect(asked.data).toEqual({
      confirm: { message: "accounts.security.confirm.everywhere", vars: { others: 2 }, fields: [["intent", "sign-out-everywhere"]] },
    });
    expect(shown(asked.data)).toBe(
      "Your 2 other signed-in browsers are signed out, and this one too: you will be taken to the home page and have to sign in again. Your password does not change.",
    );
    for (const cookie of [user.cookie, phone.cookie, tablet.cookie]) expect(await canSeeAccount(cookie)).toBe(true);
    expect(await db().session.count({ where: { userId: user.id, revokedAt: null } })).toBe(4);

    const alone = await makeUser();
    const askedAlone = await callAction(security, {
      path: "/account/security",
      cookie: alone.cookie,
      form: { intent: "sign-out-everywhere" },
    });
    expect(shown(askedAlone.data)).toMatch(/^You are not signed in on any other browser, so only this one is signed out:/);
  });

  it("an unknown intent is a 400", async () => {
    const user = await makeUser();
    const res = await callAction(security, { path: "/account/security", cookie: user.cookie, form: { intent: "make-me-admin" } });
    expect(res.status).toBe(400);
  });
});
