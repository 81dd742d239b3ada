import { describe, expect, it } from "vitest";
import * as accountPage from "~/routes/accounts/account";
import * as emailLink from "~/routes/accounts/email-link";
import * as forgotPassword from "~/routes/accounts/forgot-password";
import * as login from "~/routes/accounts/login";
import * as loginEmail from "~/routes/accounts/login-email";
import * as resetPassword from "~/routes/accounts/reset-password";
import { db } from "~/utils/db.server";
import { callAction, callLoader, cookiesFrom } from "../support/http";
import { makeUser, PASSWORD } from "../support/world";
import { emailsTo, errorsOf, freshIp, holdClockForRateLimits, initialValueOf, linkFromEmail, tokenOf } from "./support";

const expireLinks = (userId: string) =>
  db().oneTimeToken.updateMany({ where: { userId }, data: { expiresAt: new Date(Date.now() - 1000) } });

describe("one-time sign-in link", () => {
  it("is emailed, confirmed with a button, and signs the person in once", async () => {
    const user = await makeUser();
    const asked = await callAction(loginEmail, { path: "/login/email", form: { email: user.email }, headers: freshIp() });
    expect(asked.status).toBe(200);
    expect(asked.data).toEqual({ sent: true, email: user.email });
    const [mail] = await emailsTo(user.email);
    expect(mail.template).toBe("loginLink");
    const link = await linkFromEmail(user.email, "/auth/email-link");
    const token = tokenOf(link);

    // A mail scanner prefetching the link does not use it up.
    for (let i = 0; i < 2; i++) {
      const page = await callLoader(emailLink, { path: link });
      expect(page.status).toBe(200);
      expect(page.data).toEqual({ token, problem: null });
    }

    const signedIn = await callAction(emailLink, { path: link, form: { token } });
    expect(signedIn.status).toBe(302);
    expect(signedIn.location).toBe("/");
    const cookie = cookiesFrom(signedIn.headers);
    expect((await callLoader(accountPage, { path: "/account", cookie })).status).toBe(200);

    const reused = await callAction(emailLink, { path: link, form: { token } });
    expect(reused.status).toBe(400);
    expect(reused.data).toMatchObject({ problem: "accounts.link.used" });
    expect(reused.headers.getSetCookie()).toEqual([]);
    expect((await callLoader(emailLink, { path: link })).status).toBe(400);
  });

  it("two redemptions at once: exactly one signs in", async () => {
    const user = await makeUser();
    await callAction(loginEmail, { path: "/login/email", form: { email: user.email }, headers: freshIp() });
    const link = await linkFromEmail(user.email, "/auth/email-link");
    const results = await Promise.all(
      Array.from({ length: 4 }, () => callAction(emailLink, { path: link, form: { token: tokenOf(link) } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([302, 400, 400, 400]);
  });

  it("an expired link is refused with a clear message", async () => {
    const user = await makeUser();
    await callAction(loginEmail, { path: "/login/email", form: { email: user.email }, headers: freshIp() });
    const link = await linkFromEmail(user.email, "/auth/email-link");
    await expireLinks(user.id);
    const page = await callLoader(emailLink, { path: link });
    expect(page.status).toBe(400);
    expect(page.data).toEqual({ token: null, problem: "accounts.link.expired" });
    const post = await callAction(emailLink, { path: link, form: { token: tokenOf(link) } });
    expect(post.status).toBe(400);
    expect((await callLoader(emailLink, { path: "/auth/email-link?token=nonsense" })).status).toBe(404);
  });

  it("verifies the email of an account that was not verified yet", async () => {
    const user = await makeUser({ verified: false });
    await callAction(loginEmail, { path: "/login/email", form: { email: user.email }, headers: freshIp() });
    const link = await linkFromEmail(user.email, "/auth/email-link");
    expect((await callAction(emailLink, { path: link, form: { token: tokenOf(link) } })).status).toBe(302);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).not.toBeNull();
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const user = await makeUser();
    const known = await callAction(loginEmail, { path: "/login/email", form: { email: user.email }, headers: freshIp() });
    const unknown = await callAction(loginEmail, { path: "/login/email", form: { email: "ghost@concord.test" }, headers: freshIp() });
    expect(unknown.status).toBe(known.status);
    expect(unknown.data).toEqual({ sent: true, email: "ghost@concord.test" });
    expect(await emailsTo("ghost@concord.test")).toHaveLength(0);
  });

  it("limits requests per address and per client (429)", async () => {
    holdClockForRateLimits();
    const user = await makeUser();
    for (let i = 0; i < 5; i++) {
      expect((await callAction(loginEmail, { path: "/login/email", form: { email: user.email }, headers: freshIp() })).status).toBe(200);
    }
    const perAccount = await callAction(loginEmail, { path: "/login/email", form: { email: user.email }, headers: freshIp() });
    expect(perAccount.status).toBe(429);
    expect(errorsOf(perAccount.data)[""]?.[0]).toMatch(/Too many attempts/);
    expect(await emailsTo(user.email)).toHaveLength(5);

    const ip = freshIp();
    for (let i = 0; i < 20; i++) {
      expect((await callAction(loginEmail, { path: "/login/email", form: { email: `x${i}@concord.test` }, headers: ip })).status).toBe(200);
    }
    const perIp = await callAction(loginEmail, { path: "/login/email", form: { email: "x-last@concord.test" }, headers: ip });
    expect(perIp.status).toBe(429);
  });
});

describe("password reset", () => {
  it("sets a new password, signs out every other browser, and signs this one in", async () => {
    const user = await makeUser(); // already signed in somewhere (user.cookie)
    const asked = await callAction(forgotPassword, { path: "/forgot-password", form: { email: user.email }, headers: freshIp() });
    expect(asked.data).toEqual({ sent: true, email: user.email });
    const link = await linkFromEmail(user.email, "/reset-password");
    const token = tokenOf(link);
    expect((await callLoader(resetPassword, { path: link })).data).toEqual({ token, problem: null });

    const res = await callAction(resetPassword, { path: link, form: { token, password: "a brand new password" } });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/");
    const fresh = cookiesFrom(res.headers);

    const old = await callLoader(accountPage, { path: "/account", cookie: user.cookie });
    expect(old.status).toBe(302);
    expect(old.location).toMatch(/^\/login\?redirectTo=/);
    expect((await callLoader(accountPage, { path: "/account", cookie: fresh })).status).toBe(200);

    expect((await callAction(login, { path: "/login", form: { email: user.email, password: PASSWORD }, headers: freshIp() })).status).toBe(
      401,
    );
    expect(
      (await callAction(login, { path: "/login", form: { email: user.email, password: "a brand new password" }, headers: freshIp() }))
        .status,
    ).toBe(302);

    const reused = await callAction(resetPassword, { path: link, form: { token, password: "yet another password" } });
    expect(reused.status).toBe(400);
    expect(errorsOf(reused.data)[""]).toEqual(["accounts.link.used"]);
  });

  it("a too short password keeps nothing typed and changes nothing", async () => {
    const user = await makeUser();
    await callAction(forgotPassword, { path: "/forgot-password", form: { email: user.email }, headers: freshIp() });
    const link = await linkFromEmail(user.email, "/reset-password");
    const res = await callAction(resetPassword, { path: link, form: { token: tokenOf(link), password: "short" } });
    expect(res.status).toBe(400);
    expect(errorsOf(res.data).password).toEqual(["validation.passwordShort"]);
    expect(initialValueOf(res.data)).not.toHaveProperty("password");
    expect((await callLoader(accountPage, { path: "/account", cookie: user.cookie })).status).toBe(200);
  });

  it("an expired reset link is refused", async () => {
    const user = await makeUser();
    await callAction(forgotPassword, { path: "/forgot-password", form: { email: user.email }, headers: freshIp() });
    const link = await linkFromEmail(user.email, "/reset-password");
    await expireLinks(user.id);
    const page = await callLoader(resetPassword, { path: link });
    expect(page.status).toBe(400);
    expect(page.data).toEqual({ token: null, problem: "accounts.link.expired" });
    const post = await callAction(resetPassword, { path: link, form: { token: tokenOf(link), password: "a brand new password" } });
    expect(post.status).toBe(400);
    expect((await callLoader(accountPage, { path: "/account", cookie: user.cookie })).status).toBe(200);
  });

  it("an older reset link stops working once a newer one is used", async () => {
    const user = await makeUser();
    await callAction(forgotPassword, { path: "/forgot-password", form: { email: user.email }, headers: freshIp() });
    const first = await linkFromEmail(user.email, "/reset-password");
    await new Promise((r) => setTimeout(r, 5));
    await callAction(forgotPassword, { path: "/forgot-password", form: { email: user.email }, headers: freshIp() });
    const second = await linkFromEmail(user.email, "/reset-password");
    expect(second).not.toBe(first);
    expect(
      (await callAction(resetPassword, { path: second, form: { token: tokenOf(second), password: "a brand new password" } })).status,
    ).toBe(302);
    expect(
      (await callAction(resetPassword, { path: first, form: { token: tokenOf(first), password: "another new password" } })).status,
    ).toBe(400);
  });

  it("answers the same for an unknown address, and is rate-limited (429)", async () => {
    holdClockForRateLimits();
    const unknown = await callAction(forgotPassword, {
      path: "/forgot-password",
      form: { email: "ghost@concord.test" },
      headers: freshIp(),
    });
    expect(unknown.status).toBe(200);
    expect(unknown.data).toEqual({ sent: true, email: "ghost@concord.test" });
    expect(await emailsTo("ghost@concord.test")).toHaveLength(0);
    for (let i = 0; i < 4; i++)
      await callAction(forgotPassword, { path: "/forgot-password", form: { email: "ghost@concord.test" }, headers: freshIp() });
    const limited = await callAction(forgotPassword, {
      path: "/forgot-password",
      form: { email: "ghost@concord.test" },
      headers: freshIp(),
    });
    expect(limited.status).toBe(429);
  });
});
