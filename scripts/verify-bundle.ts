#!/usr/bin/env -S npx tsx
// `npm run verify -- bundle.json [--key <seal public key, base64url> | --key-file concord-seal-key.json]`
// Checks a Concord verification bundle offline: the text against its document
// hash, every passkey assertion against the stored public key and the
// recomputed challenge, the audit hash chain, and the Ed25519 seal. Uses the
// same verifier module as Concord's /verify page; needs no network and no database.
import fs from "node:fs";
import { verifyBundle, type VerificationBundle } from "../app/domain/accords/verification";

function usage(): never {
  console.error("usage: npm run verify -- bundle.json [--key <base64url Ed25519 public key> | --key-file concord-seal-key.json]");
  process.exit(2);
}

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--key"));
if (!file) usage();
let trustedSealKey: string | undefined;
const keyAt = args.indexOf("--key");
if (keyAt >= 0) trustedSealKey = args[keyAt + 1] ?? usage();
const keyFileAt = args.indexOf("--key-file");
if (keyFileAt >= 0)
  trustedSealKey = (JSON.parse(fs.readFileSync(args[keyFileAt + 1] ?? usage(), "utf8")) as { publicKey: string }).publicKey;

let bundle: VerificationBundle;
try {
  bundle = JSON.parse(fs.readFileSync(file, "utf8"));
} catch (error) {
  console.error(`Cannot read ${file}: ${(error as Error).message}`);
  process.exit(2);
}

const report = await verifyBundle(bundle, { trustedSealKey });
const doc = report.document;
console.log(`Accord ${bundle.accordId}${doc ? ` — ${doc.title.en}${doc.title.zh ? ` / ${doc.title.zh}` : ""}` : ""}`);
console.log(`Document hash ${bundle.document?.hash}`);
for (const check of report.checks) {
  console.log(`${check.ok ? "PASS" : "FAIL"}  ${check.id}`);
  for (const p of check.problems) console.log(`      - ${p}`);
}
for (const s of report.signatures) {
  console.log(
    `  ${s.ok ? "✓" : "✗"} ${s.orgName}: ${s.signerName}${s.signerRole ? `, ${s.signerRole}` : ""} — ${s.signedAt} — ${s.method === "PASSKEY" ? "passkey (WebAuthn)" : "typed name + emailed code (weaker)"}`,
  );
}
if (report.seal)
  console.log(
    `Sealed ${report.seal.executedAt} with key ${report.seal.keyId}${trustedSealKey ? " (pinned)" : " (not pinned: pass --key to check it is Concord's)"}`,
  );
console.log(report.ok ? "VERIFIED" : report.executed ? "NOT VERIFIED" : "NOT VERIFIED (the accord is not executed)");
process.exit(report.ok ? 0 : 1);
