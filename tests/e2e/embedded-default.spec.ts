// The newcomer's default: `node server/start.js` with no DATABASE_URL (embedded PGlite, demo seeded on first
// start), then several people at once — sign-ins and a burst of page loads, anonymous and signed in. Every
// answer must be a page, never a server error (decision 049).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./support";

const port = Number(process.env.E2E_PORT ?? 3210) + 300;
const base = `http://127.0.0.1:${port}`;

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: "/" }),
    redirect: "manual",
  });
  expect(res.status, `sign-in of ${email}`).toBe(302);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

test("the embedded default answers a burst of concurrent sign-ins and page loads without a server error", async () => {
  test.setTimeout(240_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-embedded-e2e-"));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1", CONCORD_DATA_DIR: dataDir };
  for (const key of ["DATABASE_URL", "SESSION_SECRET", "SMTP_URL", "MAILBOX_DIR", "CONCORD_SEED", "APP_URL"]) delete env[key];
  const server = spawn(process.execPath, ["server/start.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stdout.on("data", (c) => (output += c));
  server.stderr.on("data", (c) => (output += c));
  try {
    await expect
      .poll(async () => (await fetch(`${base}/readyz`).catch(() => null))?.status ?? 0, { timeout: 180_000, intervals: [500] })
      .toBe(200);

    const accounts = ["attendee@concord.test", "organizer@concord.test", "ceeaa.signatory@concord.test", "iea.signatory@concord.test"];
    const cookies = await Promise.all(accounts.map(signIn));
    const pages = [
      "/",
      "/conferences",
      "/conferences/icete-2025",
      "/conferences/icete-2025/programme",
      "/conferences/icete-2025/speakers",
      "/accords",
      "/orgs",
      "/verify",
    ];
    const signedInPages = ["/account", "/my/registrations", "/my/agenda", "/accords"];
    const requests = [
      ...Array.from({ length: 60 }, (_, i) => ({ url: pages[i % pages.length], cookie: "" })),
      ...Array.from({ length: 60 }, (_, i) => ({ url: signedInPages[i % signedInPages.length], cookie: cookies[i % cookies.length] })),
    ];
    const started = Date.now();
    const answers = await Promise.all(
      requests.map(async ({ url, cookie }) => {
        const res = await fetch(`${base}${url}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
        return { url, status: res.status, signedIn: Boolean(cookie), body: await res.text() };
      }),
    );
    const failures = answers.filter((a) => a.status >= 500);
    expect(failures.map((f) => `${f.status} ${f.url}`)).toEqual([]);
    // Signed-in pages were answered for the person who asked (a mixed-up session once showed them signed out).
    for (const a of answers.filter((x) => x.signedIn)) {
      expect(a.status, a.url).toBe(200);
      expect(a.body, a.url).toContain('data-testid="signed-in-as"');
    }
    console.log(`[embedded e2e] ${answers.length} concurrent page loads in ${Date.now() - started} ms, ${failures.length} errors`);
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  expect(output).not.toMatch(/Error: |bind message supplies|portal "" does not exist/);
});
