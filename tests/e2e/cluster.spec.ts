// WEB_CONCURRENCY: server/start.js as a primary with two web processes on one
// port (node:cluster). Both serve, a session made on one is honoured by the
// other (sessions live in PostgreSQL), and SIGTERM stops every process.
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { openEngine } from "../../scripts/lib/schema-engine.js";

const server = process.env.TEST_DATABASE_URL;
const port = Number(process.env.E2E_CLUSTER_PORT ?? Number(process.env.E2E_PORT ?? 3210) + 221);

/** One request on a fresh connection (no keep-alive), so the cluster may hand it to either process. */
function fetchOnce(pathname: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: pathname,
        method: init.method ?? "GET",
        headers: { connection: "close", ...init.headers },
        agent: false,
      },
      (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    if (init.body) req.write(init.body);
    req.end();
  });
}

const childrenOf = (pid: number) => {
  try {
    return execFileSync("pgrep", ["-P", String(pid)])
      .toString()
      .trim()
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
};

test("two web processes share the port and the sessions, and stop together", async () => {
  test.skip(!server, "a cluster needs an external PostgreSQL (TEST_DATABASE_URL); the embedded one serves one process");
  test.setTimeout(240_000);
  const name = `concord_e2e_cluster_${port}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(server!);
  url.pathname = `/${name}`;
  const engine = await openEngine(url.toString());
  await engine.apply();
  await engine.close();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-cluster-"));
  const logs: string[] = [];
  const primary = spawn(process.execPath, ["server/start.js"], {
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      WEB_CONCURRENCY: "2",
      PORT: String(port),
      HOST: "127.0.0.1",
      SESSION_SECRET: "cluster-secret-0123456789abcdef",
      CONCORD_SEED: "1",
      CONCORD_DATA_DIR: dataDir,
      MAILBOX_DIR: path.join(dataDir, "mail"),
      SMTP_URL: "",
      NODE_ENV: "development",
      DEV_MAILBOX: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  primary.stdout.on("data", (d) => logs.push(String(d)));
  primary.stderr.on("data", (d) => logs.push(String(d)));
  try {
    await expect.poll(async () => (await fetchOnce("/readyz").catch(() => ({ status: 0 }))).status, { timeout: 150_000 }).toBe(200);
    expect(logs.join("")).toContain("starting 2 web processes");
    const workers = childrenOf(primary.pid!);
    expect(workers).toHaveLength(2);
    // Each web process collects garbage on its own thread with a larger young generation (decision 038), as `ps` shows.
    for (const pid of workers) {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      expect(args).toEqual(expect.arrayContaining(["--single-threaded-gc", "--max-semi-space-size=64"]));
    }

    // Sign in through one process, then use the session on fresh connections spread over both.
    const login = await fetchOnce("/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "attendee@concord.test", password: "concord-demo-2025", redirectTo: "/account" }).toString(),
    });
    expect(login.status).toBe(302);
    const cookie = ([] as string[])
      .concat(login.headers["set-cookie"] ?? [])
      .map((c) => c.split(";")[0])
      .join("; ");
    expect(cookie).toContain("concord_session=");
    const pages = await Promise.all(Array.from({ length: 12 }, () => fetchOnce("/account", { headers: { cookie } })));
    expect(pages.map((p) => p.status)).toEqual(Array(12).fill(200));
    expect(pages.every((p) => p.body.includes("attendee@concord.test"))).toBe(true);

    const exited = new Promise<number | null>((resolve) => primary.once("exit", (code) => resolve(code)));
    primary.kill("SIGTERM");
    expect(await exited).toBe(0);
    await expect.poll(() => workers.filter((pid) => fs.existsSync(`/proc/${pid}`)).length, { timeout: 10_000 }).toBe(0);
  } finally {
    if (primary.exitCode === null) primary.kill("SIGKILL");
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
