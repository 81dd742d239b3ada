// Sign-up told anyone whether an address had an account ("already exists", and faster, since the password
// was not hashed), and the email sign-in link had limits of its own beside the password sign-in's.
import { describe, expect, it, vi } from "vitest";
import * as signup from "~/routes/accounts/signup";
import * as login from "~/routes/accounts/login";
import * as loginEmail from "~/routes/accounts/login-email";
import type * as Password from "~/domain/accounts/password.server";
import { db } from "~/utils/db.server";
import { callAction } from "../support/http";
import { makeUser } from "../support/world";
import { emailsTo, errorsOf, freshIp, holdClockForRateLimits } from "./support";

const hashes = vi.hoisted(() => ({ count: 0 }));
vi.mock("~/domain/accounts/password.server", async (importOriginal) => {
  const actual = await importOriginal<typeof Password>();
  return {
    ...actual,
    hashPassword: (password: string) => {
      hashes.count += 1;
      return actual.hashPassword(password);
    },
  };
});

let n = 0;
const newEmail = () => `enum-${Date.now()}-${n++}@concord.test`;
const form = (email: string) => ({ email, password: "a long enough password", nameLatin: "Zhang Wei", locale: "en" });
const signUp = (email: string) => callAction(signup, { path: "/signup", form: form(email), headers: freshIp() });

/** Status, body and cookies of a reply, with the address itself blanked out. */
const shape = (res: Awaited<ReturnType<typeof signUp>>, email: string) => ({
  status: res.status,
  data: JSON.parse(JSON.stringify(res.data).replaceAll(email, "<email>")),
  cookies: res.headers.getSetCookie(),
});

describe("sign-up does not reveal which addresses have accounts", () => {
  it("a taken address gets exactly the answer a new one gets, and the password is hashed for both", async () => {
    const owner = await makeUser();
    const fresh = newEmail();
    hashes.count = 0;
    const forNew = await signUp(fresh);
    expect(hashes.count).toBe(1);
    const forTaken = await signUp(owner.email);
    expect(hashes.count).toBe(2);
    expect(shape(forTaken, owner.email)).toEqual(shape(forNew, fresh));
    expect(forTaken.status).toBe(200);
    expect(await db().user.count({ where: { email: owner.email } })).toBe(1);
  });

  it("the owner of a taken address gets a notice (at most one an hour), not a verification link", async () => {
    const owner = await makeUser();
    const before = (await emailsTo(owner.email)).length;
    await signUp(owner.email);
    const mails = await emailsTo(owner.email);
    expect(mails).toHaveLength(before + 1);
    expect(mails[0].template).toBe("accountExists");
    expect(mails[0].subject).toBe("You already have a Concord account");
    await signUp(owner.email);
    await signUp(owner.email.toUpperCase());
    expect(await emailsTo(owner.email)).toHaveLength(before + 1);
  });

  it("takes about as long for a taken address as for a new one", async () => {
    const owners = await Promise.all([makeUser(), makeUser(), makeUser()]);
    const time = async (email: string) => {
      const t0 = performance.now();
      expect((await signUp(email)).status).toBe(200);
      return performance.now() - t0;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
    const taken: number[] = [];
    const fresh: number[] = [];
    for (const owner of owners) {
      fresh.push(await time(newEmail()));
      taken.push(await time(owner.email));
    }
    // Skipping argon2 (~tens of ms here) made a taken address several times faster; loose bound for a loaded machine.
    expect(median(taken)).toBeGreaterThan(median(fresh) * 0.5);
  });
});

describe("the email sign-in link shares the password sign-in's limits", () => {
  it("after the account's password attempts are used up, asking for a link is refused too (and the other way round)", async () => {
    holdClockForRateLimits();
    const user = await makeUser();
    for (let i = 0; i < 10; i++) {
      const res = await callAction(login, { path: "/login", form: { email: user.email, password: "wrong password!" }, headers: freshIp() });
      expect(res.status).toBe(401);
    }
    const link = await callAction(loginEmail, { path: "/login/email", form: { email: user.email }, headers: freshIp() });
    expect(link.status).toBe(429);
    expect(errorsOf(link.data)[""]?.[0]).toMatch(/^Too many attempts/);

    // The other way: link requests count against password attempts (5 links, then 5 passwords, then refused).
    const other = await makeUser();
    for (let i = 0; i < 5; i++) {
      expect((await callAction(loginEmail, { path: "/login/email", form: { email: other.email }, headers: freshIp() })).status).toBe(200);
    }
    for (let i = 0; i < 5; i++) {
      const res = await callAction(login, {
        path: "/login",
        form: { email: other.email, password: "wrong password!" },
        headers: freshIp(),
      });
      expect(res.status).toBe(401);
    }
    const res = await callAction(login, { path: "/login", form: { email: other.email, password: "wrong password!" }, headers: freshIp() });
    expect(res.status).toBe(429);
  });

  it("a client address that used up its sign-in attempts cannot ask for links instead", async () => {
    holdClockForRateLimits();
    const ip = freshIp();
    for (let i = 0; i < 50; i++) {
      await callAction(login, { path: "/login", form: { email: `nobody-${i}@concord.test`, password: "wrong password!" }, headers: ip });
    }
    const user = await makeUser();
    const link = await callAction(loginEmail, { path: "/login/email", form: { email: user.email }, headers: ip });
    expect(link.status).toBe(429);
  });
});
