// The independent verifier (./verify.ts, written from docs/accord-bundle-spec.md
// alone) and `npm run verify` must agree on a genuine bundle and on every
// tampered variant; and neither may say VERIFIED without a pinned seal key.
import { execFile } from "node:child_process";
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { loadBundle } from "~/domain/accords/bundle.server";
import { publishedSealKey } from "~/domain/accords/seal.server";
import { db } from "~/utils/db.server";
import { makeAccord, makeParties, signWithEmailCode, signWithPasskey } from "../support";
import { jcs, verifyBundleText } from "./verify";

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-agree-"));

async function cli(text: string, ...extra: string[]) {
  const file = path.join(dir, `b-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, text);
  try {
    const { stdout } = await run(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/verify-bundle.ts", file, ...extra],
      {
        env: { ...process.env, DATABASE_URL: "" },
      },
    );
    return { code: 0, stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, stdout: err.stdout };
  }
}

let genuine = "";
let notDesignated = "";
const key = () => publishedSealKey().publicKey;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a bundle as a tamperer edits it
type Loose = Record<string, any>;

/** A bundle edited as JSON, re-serialized. */
function edit(text: string, change: (b: Loose) => void) {
  const b = JSON.parse(text);
  change(b);
  return JSON.stringify(b, null, 2);
}

/** The attacker's move: change what they like, then seal again with their own key. */
function reseal(text: string, change: (b: Loose) => void) {
  return edit(text, (b) => {
    change(b);
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const raw = Buffer.from(publicKey.export({ format: "jwk" }).x as string, "base64url");
    const keyId = createHash("sha256").update(raw).digest("hex").slice(0, 16);
    const payload = { ...JSON.parse(b.seal.payload), keyId, timeZone: b.timeZone, pdfHash: b.pdfHash };
    const text = jcs(payload);
    b.seal = {
      payload: text,
      signature: sign(null, Buffer.from(text), privateKey).toString("base64url"),
      keyId,
      publicKey: raw.toString("base64url"),
    };
  });
}

beforeAll(async () => {
  const parties = await makeParties(3);
  const made = await makeAccord(parties, { groups: [1, 1, 2] });
  await signWithPasskey(made.accordId, made.documentHash, parties[0]);
  await signWithEmailCode(made.accordId, made.documentHash, parties[1]);
  await signWithPasskey(made.accordId, made.documentHash, parties[2]);
  genuine = JSON.stringify(await loadBundle(db(), made.accordId, "public"), null, 2);

  // A signer the chain never designated: a signatory row written straight into the database (as a
  // compromised or buggy server might), so Concord let them sign and sealed the result.
  const other = await makeParties(2);
  const second = await makeAccord(other);
  await db().accordSignatory.create({ data: { partyId: other[0].partyId, userId: other[0].admin.id, designatedById: other[0].admin.id } });
  await db().accordSignatory.updateMany({
    where: { partyId: other[0].partyId, userId: other[0].signatory.id },
    data: { endedAt: new Date() },
  });
  await signWithEmailCode(second.accordId, second.documentHash, { ...other[0], signatory: other[0].admin });
  await signWithPasskey(second.accordId, second.documentHash, other[1]);
  notDesignated = JSON.stringify(await loadBundle(db(), second.accordId, "public"));
}, 240_000);

describe("the independent verifier agrees with npm run verify", () => {
  it("on the genuine bundle: VERIFIED with the pinned key, never without", async () => {
    expect(verifyBundleText(genuine, key())).toEqual({ verified: true, sealKeyPinned: true, problems: [] });
    const pinned = await cli(genuine, "--key", key());
    expect(pinned.code).toBe(0);
    expect(pinned.stdout).toContain("VERIFIED (seal key pinned)");

    expect(verifyBundleText(genuine)).toEqual({ verified: false, sealKeyPinned: false, problems: [] });
    const unpinned = await cli(genuine);
    expect(unpinned.code).toBe(1);
    expect(unpinned.stdout).toContain("seal valid under an UNKNOWN key");
  }, 120_000);

  it("a bundle re-sealed with an attacker's key fails without --key, and with it", async () => {
    const forged = reseal(genuine, (b) => (b.timeZone = "Pacific/Kiritimati"));
    const unpinned = await cli(forged);
    expect(unpinned.code).toBe(1);
    expect(unpinned.stdout).toContain("seal valid under an UNKNOWN key");
    expect(unpinned.stdout).not.toMatch(/^VERIFIED/m);
    expect(verifyBundleText(forged).verified).toBe(false);
    const pinned = await cli(forged, "--key", key());
    expect(pinned.code).toBe(1);
    expect(pinned.stdout).toContain("FAIL  seal");
    expect(verifyBundleText(forged, key()).verified).toBe(false);
  }, 120_000);

  // [variant, bundle text, what npm run verify prints, what the independent verifier reports]
  const variants: [string, () => string, string, string][] = [
    [
      "changed text",
      () => edit(genuine, (b) => (b.document.canonical = b.document.canonical.replace("cooperate", "compete"))),
      "FAIL  text",
      "document hash",
    ],
    ["changed pdfHash", () => edit(genuine, (b) => (b.pdfHash = "c".repeat(64))), "FAIL  seal", "seal pdfHash"],
    ["changed time zone", () => edit(genuine, (b) => (b.timeZone = "America/Sao_Paulo")), "FAIL  seal", "seal time zone"],
    ["duplicate keys", () => genuine.replace("{", '{\n  "status": "WITHDRAWN",'), "duplicate key", "duplicate member"],
    ["reordered audit", () => edit(genuine, (b) => ([b.audit[3], b.audit[4]] = [b.audit[4], b.audit[3]])), "FAIL  chain", "link at"],
    ["a signer who was not designated", () => notDesignated, "FAIL  rules", "signer not designated"],
  ];
  for (const [name, make, expected, independent] of variants) {
    it(`on a bundle with ${name}: both refuse it`, async () => {
      const text = make();
      const mine = verifyBundleText(text, key());
      expect(mine.verified).toBe(false);
      expect(mine.problems.join("; ")).toContain(independent);
      const theirs = await cli(text, "--key", key());
      expect(theirs.code).toBe(1);
      expect(theirs.stdout).toContain(expected);
    }, 120_000);
  }
});
