import { describe, expect, it } from "vitest";
import * as accountPage from "~/routes/accounts/account";
import * as signup from "~/routes/accounts/signup";
import * as verifyEmail from "~/routes/accounts/verify-email";
import { db } from "~/utils/db.server";
import { callAction, callLoader, cookiesFrom } from "../support/http";
import { makeUser } from "../support/world";
import { emailsTo, errorsOf, freshIp, holdClockForRateLimits, initialValueOf, linkFromEmail, tokenOf } from "./support";

let n = 0;
const newEmail = () => `signup-${Date.now()}-${n++}@concord.test`;
const form = (email: string) => ({
  email,
  password: "a long enough password",
  nameLatin: "Zhang Wei",
  nameNative: "张伟",
  locale: "zh",
});

async function signUp(email: string) {
  const res = await callAction(signup, { path: "/signup", form: form(email), headers: freshIp() });
  expect(res.status).toBe(200);
  return res;
}

/** Following the emailed link: the page, then its button (a POST of the token). */
async function redeem(link: string) {
  const page = await callLoader(verifyEmail, { path: link });
  if (page.status !== 200) return page;
  return callAction(verifyEmail, { path: "/verify-email", form: { token: (page.data as { token: string }).token }, headers: freshIp() });
}

describe("sign-up and email verification", () => {
  it("creates an unverified account, emails a link, and the link signs the person in", async () => {
    const email = newEmail();
    const res = await signUp(email.toUpperCase());
    expect(res.data).toEqual({ sent: true, email });
    // No session before the email is verified.
    expect(res.headers.getSetCookie().some((c) => c.startsWith("concord_session="))).toBe(false);
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user).toMatchObject({ nameLatin: "Zhang Wei", nameNative: "张伟", locale: "zh" });

    const [mail] = await emailsTo(email);
    expect(mail.template).toBe("verifyEmail");
    expect(mail.locale).toBe("zh");
    const link = await linkFromEmail(email, "/verify-email");

    const verified = await redeem(link);
    expect(verified.status).toBe(302);
    expect(verified.location).toBe("/");
    const cookie = cookiesFrom(verified.headers);
    expect(cookie).toContain("concord_session=");
    expect(cookie).toContain("concord_toast=");
    expect((await db().user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).not.toBeNull();

    const account = await callLoader(accountPage, { path: "/account", cookie });
    expect(account.status).toBe(200);
    expect(account.data).toMatchObject({ profile: { email, nameLatin: "Zhang Wei" } });
  });

  it("a mail scanner's GET of the verification link burns nothing and signs nobody in", async () => {
    const email = newEmail();
    await signUp(email);
    const link = await linkFromEmail(email, "/verify-email");
    for (let i = 0; i < 3; i++) {
      const scanned = await callLoader(verifyEmail, { path: link });
      expect(scanned.status).toBe(200);
      expect(scanned.data).toEqual({ token: tokenOf(link), problem: null });
      expect(scanned.headers.getSetCookie()).toEqual([]);
    }
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerifiedAt).toBeNull();
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db().oneTimeToken.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(0);
    // The person then presses the button: that POST verifies and signs in.
    const pressed = await callAction(verifyEmail, { path: "/verify-email", form: { token: tokenOf(link) }, headers: freshIp() });
    expect(pressed.status).toBe(302);
    expect(cookiesFrom(pressed.headers)).toContain("concord_session=");
    expect((await db().user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).not.toBeNull();
  });

  it("refuses a verification link the second time", async () => {
    const email = newEmail();
    await signUp(email);
    const link = await linkFromEmail(email, "/verify-email");
    expect((await redeem(link)).status).toBe(302);
    const again = await callLoader(verifyEmail, { path: link });
    expect(again.status).toBe(400);
    expect(again.data).toEqual({ token: null, problem: "accounts.link.used" });
    expect(again.headers.getSetCookie()).toEqual([]);
  });

  it("refuses an expired verification link, and an unknown one", async () => {
    const email = newEmail();
    await signUp(email);
    const link = await linkFromEmail(email, "/verify-email");
    await db().oneTimeToken.updateMany({ where: { user: { email } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await callLoader(verifyEmail, { path: link });
    expect(expired.status).toBe(400);
    expect(expired.data).toEqual({ token: null, problem: "accounts.link.expired" });
    // Posting the expired token is refused the same way.
    const posted = await callAction(verifyEmail, { path: "/verify-email", form: { token: tokenOf(link) }, headers: freshIp() });
    expect(posted.status).toBe(400);
    expect(posted.headers.getSetCookie()).toEqual([]);
    expect((await db().user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).toBeNull();

    const unknown = await callLoader(verifyEmail, { path: `/verify-email?token=${tokenOf(link)}x` });
    expect(unknown.status).toBe(404);
    expect(unknown.data).toEqual({ token: null, problem: "accounts.link.unknown" });
  });

  it("validation errors keep what was typed, except the password", async () => {
    const email = newEmail();
    const res = await callAction(signup, {
      path: "/signup",
      form: { ...form(email), password: "short", nameLatin: "张伟" },
      headers: freshIp(),
    });
    expect(res.status).toBe(400);
    const errors = errorsOf(res.data);
    expect(errors.password).toEqual(["validation.passwordShort"]);
    expect(errors.nameLatin).toEqual(["validation.latinName"]);
    expect(initialValueOf(res.data)).toMatchObject({ email, nameLatin: "张伟", nameNative: "张伟", locale: "zh" });
    expect(JSON.stringify(res.data)).not.toContain("short");
    expect(await db().user.count({ where: { email } })).toBe(0);
  });

  it("sends the verification email again, without revealing whether an account exists", async () => {
    const email = newEmail();
    await signUp(email);
    const first = await linkFromEmail(email, "/verify-email");

    const resend = await callAction(verifyEmail, { path: "/verify-email", form: { email }, headers: freshIp() });
    expect(resend.status).toBe(200);
    expect(resend.data).toEqual({ sent: true });
    const second = await linkFromEmail(email, "/verify-email");
    expect(second).not.toBe(first);

    const nobody = await callAction(verifyEmail, { path: "/verify-email", form: { email: "nobody@concord.test" }, headers: freshIp() });
    expect(nobody.status).toBe(200);
    expect(nobody.data).toEqual(resend.data);
    expect(await emailsTo("nobody@concord.test")).toHaveLength(0);

    const verifiedUser = await makeUser();
    const already = await callAction(verifyEmail, { path: "/verify-email", form: { email: verifiedUser.email }, headers: freshIp() });
    expect(already.data).toEqual(resend.data);
    expect(await emailsTo(verifiedUser.email)).toHaveLength(0);

    // The newest link works.
    expect((await redeem(second)).status).toBe(302);
  });

  it("limits resending per address (429)", async () => {
    holdClockForRateLimits();
    const email = newEmail();
    await signUp(email);
    for (let i = 0; i < 5; i++) {
      expect((await callAction(verifyEmail, { path: "/verify-email", form: { email }, headers: freshIp() })).status).toBe(200);
    }
    const res = await callAction(verifyEmail, { path: "/verify-email", form: { email }, headers: freshIp() });
    expect(res.status).toBe(429);
    expect(errorsOf(res.data)[""]?.[0]).toMatch(/Too many attempts\. Please wait \d+ minute/);
  });

  it("limits sign-ups per client address (429)", async () => {
    holdClockForRateLimits();
    const ip = freshIp();
    for (let i = 0; i < 20; i++) {
      expect((await callAction(signup, { path: "/signup", form: form(newEmail()), headers: ip })).status).toBe(200);
    }
    const email = newEmail();
    const res = await callAction(signup, { path: "/signup", form: form(email), headers: ip });
    expect(res.status).toBe(429);
    expect(await db().user.count({ where: { email } })).toBe(0);
  });

  it("is for signed-out visitors only", async () => {
    const user = await makeUser();
    const res = await callAction(signup, { path: "/signup", form: form(newEmail()), cookie: user.cookie, headers: freshIp() });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/");
  });
});
