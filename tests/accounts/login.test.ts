import { describe, expect, it } from "vitest";
import * as accountPage from "~/routes/accounts/account";
import * as login from "~/routes/accounts/login";
import { db } from "~/utils/db.server";
import { callAction, callLoader, cookiesFrom } from "../support/http";
import { makeUser, PASSWORD } from "../support/world";
import { errorsOf, freshIp, holdClockForRateLimits, initialValueOf } from "./support";

const signIn = (form: Record<string, string>, headers = freshIp(), path = "/login") => callAction(login, { path, form, headers });

describe("sign-in with a password", () => {
  it("starts a session and goes back to where the person was", async () => {
    const user = await makeUser();
    const res = await signIn({ email: ` ${user.email.toUpperCase()} `, password: PASSWORD, redirectTo: "/account" });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/account");
    const cookie = cookiesFrom(res.headers);
    expect(await db().session.count({ where: { userId: user.id } })).toBe(2);
    const account = await callLoader(accountPage, { path: "/account", cookie });
    expect(account.status).toBe(200);
  });

  it("the sign-in page carries ?redirectTo= into the form, and refuses other hosts", async () => {
    expect((await callLoader(login, { path: "/login?redirectTo=%2Faccount%2Fsecurity" })).data).toEqual({
      redirectTo: "/account/security",
    });
    expect((await callLoader(login, { path: "/login?redirectTo=https%3A%2F%2Fevil.example%2F" })).data).toEqual({ redirectTo: "/" });
  });

  it("refuses to redirect to another host after sign-in", async () => {
    const user = await makeUser();
    for (const redirectTo of ["https://evil.example/account", "//evil.example/account", "/\\evil.example"]) {
      const res = await signIn({ email: user.email, password: PASSWORD, redirectTo });
      expect(res.status).toBe(302);
      expect(res.location).toBe("/");
    }
  });

  it("a wrong password gets 401 and one generic message, keeping the email but not the password", async () => {
    const user = await makeUser();
    const res = await signIn({ email: user.email, password: "not the password" });
    expect(res.status).toBe(401);
    expect(errorsOf(res.data)[""]).toEqual(["accounts.login.invalid"]);
    expect(initialValueOf(res.data)).toMatchObject({ email: user.email });
    expect(initialValueOf(res.data)).not.toHaveProperty("password");
    expect(JSON.stringify(res.data)).not.toContain("not the password");
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("an unknown email gets exactly the same answer as a wrong password", async () => {
    const res = await signIn({ email: "nobody@concord.test", password: PASSWORD });
    expect(res.status).toBe(401);
    expect(errorsOf(res.data)[""]).toEqual(["accounts.login.invalid"]);
  });

  it("an unverified email gets 403 with a message (and no session)", async () => {
    const user = await makeUser({ verified: false });
    const before = await db().session.count({ where: { userId: user.id } });
    const res = await signIn({ email: user.email, password: PASSWORD });
    expect(res.status).toBe(403);
    expect(errorsOf(res.data)[""]).toEqual(["accounts.login.unverified"]);
    expect(await db().session.count({ where: { userId: user.id } })).toBe(before);
  });

  it("invalid input is a 400 with field errors", async () => {
    const res = await signIn({ email: "not-an-email", password: "" });
    expect(res.status).toBe(400);
    expect(errorsOf(res.data).email).toEqual(["validation.email"]);
    expect(errorsOf(res.data).password).toEqual(["validation.required"]);
    expect(initialValueOf(res.data)).toMatchObject({ email: "not-an-email" });
  });

  it("limits attempts per account (429), even with the right password, from any address", async () => {
    holdClockForRateLimits();
    const user = await makeUser();
    for (let i = 0; i < 10; i++) expect((await signIn({ email: user.email, password: "wrong password!" })).status).toBe(401);
    const res = await signIn({ email: user.email, password: PASSWORD });
    expect(res.status).toBe(429);
    expect(errorsOf(res.data)[""]?.[0]).toMatch(/^Too many attempts\. Please wait \d+ minute\(s\)/);
    // Another account from the same kind of traffic is unaffected.
    const other = await makeUser();
    expect((await signIn({ email: other.email, password: PASSWORD })).status).toBe(302);
  });

  it("counts only wrong guesses: signing in right a dozen times in a row is never limited", async () => {
    holdClockForRateLimits();
    const user = await makeUser();
    const ip = freshIp();
    for (let i = 0; i < 12; i++) expect((await signIn({ email: user.email, password: PASSWORD }, ip)).status).toBe(302);
    // Wrong guesses still count, up to the limit.
    for (let i = 0; i < 10; i++) expect((await signIn({ email: user.email, password: "wrong password!" }, ip)).status).toBe(401);
    expect((await signIn({ email: user.email, password: PASSWORD }, ip)).status).toBe(429);
  });

  it("limits attempts per client address (429)", async () => {
    holdClockForRateLimits();
    const ip = freshIp();
    for (let i = 0; i < 50; i++) {
      expect((await signIn({ email: `nobody-${i}@concord.test`, password: "whatever it is" }, ip)).status).toBe(401);
    }
    const user = await makeUser();
    const res = await signIn({ email: user.email, password: PASSWORD }, ip);
    expect(res.status).toBe(429);
    expect(errorsOf(res.data)[""]?.[0]).toMatch(/Too many attempts/);
    // The same person from another address still gets in.
    expect((await signIn({ email: user.email, password: PASSWORD })).status).toBe(302);
  });

  it("is for signed-out visitors only", async () => {
    const user = await makeUser();
    const res = await callLoader(login, { path: "/login", cookie: user.cookie });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/");
  });
});
