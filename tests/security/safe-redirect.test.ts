// Open redirects after sign-in, a language switch or a star: every redirectTo goes through one helper that
// parses the target as a browser would and keeps only paths on Concord's own origin.
import { describe, expect, it } from "vitest";
import * as login from "~/routes/accounts/login";
import * as setLocale from "~/routes/site/set-locale";
import { safeRedirectPath } from "~/utils/http.server";
import { callAction, callLoader } from "../support/http";
import { makeUser, PASSWORD } from "../support/world";
import { freshIp } from "../accounts/support";

/** Where a browser on https://concord.example would land after following `location`. */
const landing = (location: string) => new URL(location, "https://concord.example/login").origin;

const HOSTILE = [
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/\t\n/evil.example/account",
  "//evil.example",
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  " //evil.example",
  "\u0000//evil.example",
  "/.//evil.example",
  "/%2e//evil.example",
  "https://evil.example/",
  "https:evil.example",
  "javascript:alert(1)",
  "data:text/html,hi",
];

describe("safeRedirectPath", () => {
  it("keeps same-origin paths with their query and fragment", () => {
    expect(safeRedirectPath("/account/security")).toBe("/account/security");
    expect(safeRedirectPath("/conferences/x/programme?day=2&tz=Europe%2FParis#s1")).toBe(
      "/conferences/x/programme?day=2&tz=Europe%2FParis#s1",
    );
    expect(safeRedirectPath("/conferences/%E4%B8%AD")).toBe("/conferences/%E4%B8%AD");
  });

  it("falls back for anything a browser would resolve to another origin", () => {
    for (const to of HOSTILE) {
      const safe = safeRedirectPath(to);
      expect(landing(safe), JSON.stringify(to)).toBe("https://concord.example");
      expect(
        [...safe].some((c) => c <= "\u001f" || c === "\u007f" || c === "\\"),
        JSON.stringify(to),
      ).toBe(false);
    }
  });

  it("falls back for missing or non-string values, with a chosen fallback", () => {
    expect(safeRedirectPath(null)).toBe("/");
    expect(safeRedirectPath(undefined, "/x")).toBe("/x");
    expect(safeRedirectPath("", "/x")).toBe("/x");
    expect(safeRedirectPath("account", "/x")).toBe("/x");
  });
});

describe("routes that take a redirectTo", () => {
  it("sign-in with ?redirectTo=%2F%09%2Fevil.example stays on the origin", async () => {
    const page = await callLoader(login, { path: "/login?redirectTo=%2F%09%2Fevil.example" });
    const carried = (page.data as { redirectTo: string }).redirectTo;
    expect(landing(carried)).toBe("https://concord.example");

    for (const redirectTo of HOSTILE) {
      // One account per attempt: sign-in attempts are rate-limited per account.
      const user = await makeUser();
      const res = await callAction(login, {
        path: "/login",
        form: { email: user.email, password: PASSWORD, redirectTo },
        headers: freshIp(),
      });
      expect(res.status).toBe(302);
      expect(landing(res.location!), JSON.stringify(redirectTo)).toBe("https://concord.example");
    }
  });

  it("the language switch stays on the origin", async () => {
    for (const redirectTo of HOSTILE) {
      const res = await callAction(setLocale, { path: "/set-locale", form: { locale: "zh", redirectTo } });
      expect(res.status).toBe(302);
      expect(landing(res.location!), JSON.stringify(redirectTo)).toBe("https://concord.example");
    }
  });
});
