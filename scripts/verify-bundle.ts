#!/usr/bin/env -S npx tsx
// npm run verify -- bundle.json (--key <base64url> | --key-file concord-seal-key.json | --from https://concord.example)
// Checks a Concord verification bundle offline (docs/accord-bundle-spec.md): the text against its
// document hash, every passkey assertion against its stored public key and recomputed challenge, the
// audit hash chain, the signing rules, and the Ed25519 seal. Uses the same verifier module as Concord's
// /verify page. It prints VERIFIED only when the seal key is pinned: given with --key/--key-file, or
// fetched from the deployment's /.well-known/concord-seal-key with --from (its fingerprint is printed
// so it can be compared with one obtained another way). Without a pinned key anyone could re-seal a
// forged bundle with their own key, so the result is then "seal valid under an UNKNOWN key", exit 1.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { parseStrictJson, verifyBundle } from "../app/domain/accords/verification";

const USAGE =
  "usage: npm run verify -- bundle.json (--key <base64url Ed25519 public key> | --key-file concord-seal-key.json | --from <origin>)";

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

const args = process.argv.slice(2);
const options = new Map<string, string>();
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (["--key", "--key-file", "--from"].includes(args[i])) {
    const value = args[++i];
    if (!value) fail(USAGE);
    options.set(args[i - 1], value);
  } else if (args[i].startsWith("--")) fail(`unknown option ${args[i]}\n${USAGE}`);
  else files.push(args[i]);
}
if (files.length !== 1 || options.size > 1) fail(USAGE);
const file = files[0];

/** A published key document's raw public key (its `publicKey` member, base64url of 32 bytes). */
function keyOf(published: unknown, from: string): string {
  const key = (published as { publicKey?: unknown })?.publicKey;
  if (typeof key !== "string" || Buffer.from(key, "base64url").length !== 32) fail(`${from} holds no Ed25519 public key`);
  return key;
}

/** The fingerprint shown for a key: SHA-256 of its raw 32 bytes, hex, in groups of four. */
function fingerprint(key: string) {
  return createHash("sha256").update(Buffer.from(key, "base64url")).digest("hex").match(/.{4}/g)!.join(" ");
}

let trustedSealKey: string | undefined;
if (options.has("--key")) trustedSealKey = keyOf({ publicKey: options.get("--key") }, "--key");
if (options.has("--key-file")) {
  const path = options.get("--key-file")!;
  try {
    trustedSealKey = keyOf(parseStrictJson(fs.readFileSync(path, "utf8")), path);
  } catch (error) {
    fail(`Cannot read ${path}: ${(error as Error).message}`);
  }
}
if (options.has("--from")) {
  let url: URL;
  try {
    url = new URL("/.well-known/concord-seal-key", options.get("--from"));
  } catch {
    fail(`--from needs an origin such as https://concord.example`);
  }
  try {
    const response = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(15_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    trustedSealKey = keyOf(parseStrictJson(await response.text()), url.href);
  } catch (error) {
    fail(`Cannot fetch the seal key from ${url.href}: ${(error as Error).message}`);
  }
  console.log(`Seal key fetched from ${url.href}`);
  console.log(`  fingerprint (SHA-256): ${fingerprint(trustedSealKey!)}`);
}

let bundle: unknown;
try {
  bundle = parseStrictJson(fs.readFileSync(file, "utf8"));
} catch (error) {
  console.log(`NOT VERIFIED: cannot read ${file}: ${(error as Error).message}`);
  process.exit(1);
}

const report = await verifyBundle(bundle, { trustedSealKey });
const b = bundle as { accordId?: string; document?: { hash?: string } };
const doc = report.document;
console.log(`Accord ${b.accordId}${doc ? ` — ${doc.title.en}${doc.title.zh ? ` / ${doc.title.zh}` : ""}` : ""}`);
console.log(`Document hash ${b.document?.hash}`);
for (const check of report.checks) {
  console.log(`${check.ok ? "PASS" : "FAIL"}  ${check.id}`);
  for (const p of check.problems) console.log(`      - ${p}`);
}
for (const s of report.signatures) {
  console.log(
    `  ${s.ok ? "✓" : "✗"} ${s.orgName}: ${s.signerName}${s.signerRole ? `, ${s.signerRole}` : ""} — ${s.signedAt} — ${s.method === "PASSKEY" ? "passkey (WebAuthn)" : "typed name + emailed code (weaker)"}`,
  );
}
if (report.seal) console.log(`Sealed ${report.seal.executedAt} with key ${report.seal.keyId}`);
if (report.ok) console.log("VERIFIED (seal key pinned)");
else if (report.checksPass && report.sealKey === "unknown") {
  console.log("NOT VERIFIED: seal valid under an UNKNOWN key. Anyone can seal a bundle with a key of their own;");
  console.log("pin Concord's key with --key <base64url>, --key-file <file> or --from <origin>.");
} else console.log(report.executed ? "NOT VERIFIED" : "NOT VERIFIED (the accord is not executed)");
process.exit(report.ok ? 0 : 1);
