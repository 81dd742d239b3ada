// `npm run verify -- bundle.json`: the offline verifier script, on a real bundle and a tampered one.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadBundle } from "~/domain/accords/bundle.server";
import { publishedSealKey } from "~/domain/accords/seal.server";
import { db } from "~/utils/db.server";
import { makeAccord, makeParties, signWithPasskey } from "./support";

const run = promisify(execFile);

async function verifyFile(file: string, ...extra: string[]) {
  try {
    const { stdout } = await run(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/verify-bundle.ts", file, ...extra],
      { env: { ...process.env, DATABASE_URL: "" } },
    );
    return { code: 0, stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, stdout: err.stdout };
  }
}

describe("offline verification script", () => {
  it("verifies a downloaded bundle with no database, and fails a tampered one", async () => {
    const parties = await makeParties(2);
    const { accordId, documentHash } = await makeAccord(parties);
    for (const p of parties) await signWithPasskey(accordId, documentHash, p);
    const bundle = (await loadBundle(db(), accordId))!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-bundle-"));
    const good = path.join(dir, "bundle.json");
    fs.writeFileSync(good, JSON.stringify(bundle));
    const ok = await verifyFile(good, "--key", publishedSealKey().publicKey);
    expect(ok.stdout).toContain("VERIFIED");
    expect(ok.code).toBe(0);

    const bad = path.join(dir, "tampered.json");
    fs.writeFileSync(
      bad,
      JSON.stringify({ ...bundle, document: { ...bundle.document, canonical: bundle.document.canonical.replace("cooperate", "compete") } }),
    );
    const failed = await verifyFile(bad);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("FAIL  text");
    expect(failed.stdout).toContain("NOT VERIFIED");
  }, 120_000);
});
