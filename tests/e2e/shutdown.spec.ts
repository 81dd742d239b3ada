// SIGTERM during a burst of requests: every request already sent is answered, the process (and, with
// WEB_CONCURRENCY, every web process) exits 0, and nothing is left listening. Before the drain, the
// server closed all connections at once and 40 of 40 requests in flight were reset (issue 10 §6).
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { openEngine } from "../../scripts/lib/schema-engine.js";

const server = process.env.TEST_DATABASE_URL;
// Beside this engineer's E2E_PORT, so that parallel runs on one machine do not share it.
const port = Number(process.env.E2E_PORT ?? 3210) + 240;

type Answer = { status: number; body: string } | { error: string };

function get(pathname: string, agent: http.Agent | false = false) {
  return new Promise<Answer>((resolve) => {
    const req = http.request({ host: "127.0.0.1", port, path: pathname, agent }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", (e) => resolve({ error: e.message }));
    });
    req.on("error", (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
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

for (const processes of [1, 2]) {
  test(`SIGTERM during a burst: every request in flight is answered (${processes} web process${processes > 1 ? "es" : ""})`, async () => {
    test.skip(!server, "needs an external PostgreSQL (TEST_DATABASE_URL)");
    test.setTimeout(180_000);
    const name = `concord_e2e_shutdown_${port}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(server!);
    url.pathname = `/${name}`;
    const engine = await openEngine(url.toString());
    await engine.apply();
    await engine.close();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-shutdown-"));
    const logs: string[] = [];
    const child = spawn(process.execPath, ["server/start.js"], {
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        WEB_CONCURRENCY: String(processes),
        PORT: String(port),
        HOST: "127.0.0.1",
        NODE_ENV: "production",
        MAIL_STORE_ONLY: "1",
        SESSION_SECRET: "shutdown-secret-0123456789abcdef",
        CONCORD_SEED: "1",
        CONCORD_DATA_DIR: dataDir,
        MAILBOX_DIR: path.join(dataDir, "mail"),
        SHUTDOWN_TIMEOUT_MS: "30000",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (d) => logs.push(String(d)));
    child.stderr.on("data", (d) => logs.push(String(d)));
    try {
      await expect
        .poll(async () => ("status" in (await get("/readyz")) ? ((await get("/readyz")) as { status: number }).status : 0), {
          timeout: 90_000,
        })
        .toBe(200);
      const workers = processes > 1 ? childrenOf(child.pid!) : [];
      expect(workers).toHaveLength(processes > 1 ? processes : 0);

      // 40 page loads, each on its own connection; SIGTERM as soon as the first is answered.
      const pages = ["/", "/conferences", "/conferences/icete-2025", "/conferences/icete-2025/programme?q=x"];
      let first: () => void = () => {};
      const firstAnswered = new Promise<void>((r) => (first = r));
      const burst = Array.from({ length: 40 }, (_, i) =>
        get(pages[i % pages.length]).then((a) => {
          first();
          return a;
        }),
      );
      await firstAnswered;
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      const answers = await Promise.all(burst);
      const failed = answers.filter((a) => !("status" in a) || a.status !== 200);
      expect(failed, JSON.stringify(failed.slice(0, 3))).toEqual([]);
      expect(await exited).toBe(0);
      expect(logs.join("")).toContain("shutting down: draining requests");
      // Nothing listens any more, and no web process is left behind.
      expect(await get("/healthz")).toEqual({ error: "ECONNREFUSED" });
      await expect.poll(() => workers.filter((pid) => fs.existsSync(`/proc/${pid}`)).length, { timeout: 10_000 }).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
