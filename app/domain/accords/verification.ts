// The one verifier of executed accords, used by /verify, by the offline
// `npm run verify -- bundle.json` (scripts/verify-bundle.ts) and by the tests.
// Pure functions over a verification bundle: no database, no network, relative
// imports only. Every check recomputes from the bundle's own data; nothing is
// taken on trust except the seal public key, which the caller pins. The format
// is specified in docs/accord-bundle-spec.md.
import { createPublicKey } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import {
  canonicalDocument,
  chainEntryHash,
  clausesHash,
  evidenceHash,
  GENESIS_HASH,
  privatePartHash,
  SEAL_FORMAT,
  sealKeyId,
  sha256Hex,
  signingChallenge,
  type CanonicalDocument,
  type ClauseSet,
  type Json,
  type PrivatePart,
  type SealPayload,
  type SignatureEvidence,
} from "./canonical";
import { checkAssertion, verifyOffThread } from "./passkey-assertion";

export const BUNDLE_FORMAT = "concord-verification-bundle/2";

/** "public": what anyone may see of an executed accord; "parties": also every private part and draft version. */
export type BundleView = "public" | "parties";

export type BundleAuditEntry = {
  seq: number;
  at: string;
  actorRef: string | null;
  actorName: string | null;
  type: string;
  data: Json;
  privateHash: string;
  prevHash: string;
  hash: string;
  /** Parties' view only: the private part whose digest is `privateHash`. */
  private?: PrivatePart;
};

export type VerificationBundle = {
  format: typeof BUNDLE_FORMAT;
  view: BundleView;
  accordId: string;
  status: string;
  /** The venue's zone the documents show times in (also under the seal). */
  timeZone: string | null;
  document: { version: number; hash: string; canonical: string };
  /** Parties' view only: every drafting version. */
  versions?: { number: number; contentHash: string; clauses: ClauseSet }[];
  signatures: SignatureEvidence[];
  audit: BundleAuditEntry[];
  seal: { payload: string; signature: string; keyId: string; publicKey: string } | null;
  pdfHash: string | null;
};

export type CheckId = "format" | "text" | "versions" | "signatures" | "rules" | "chain" | "seal";
export type Check = { id: CheckId; ok: boolean; problems: string[] };
/** Whether the seal key is the one the caller trusts: "pinned" (equal), "unknown" (none given), "other" (differs). */
export type SealKeyTrust = "pinned" | "unknown" | "other";
export type VerificationReport = {
  /** Executed, every check passed, and the seal made with the pinned key. */
  ok: boolean;
  executed: boolean;
  /** Every check passed (the seal may still be under an unknown key). */
  checksPass: boolean;
  sealKey: SealKeyTrust;
  checks: Check[];
  document: CanonicalDocument | null;
  signatures: {
    partyId: string;
    orgName: string;
    signerName: string;
    signerRole: string | null;
    method: string;
    signedAt: string;
    ok: boolean;
  }[];
  seal: (SealPayload & { signature: string }) | null;
};

export type VerifyOptions = {
  /** The trusted seal public key (raw 32 bytes, base64url). Without it the result is never `ok`. */
  trustedSealKey?: string;
};

// ───────────────────────────── strict JSON ─────────────────────────────

/**
 * JSON.parse that refuses what JSON.parse silently accepts: an object with
 * the same member name twice (JSON.parse keeps the last, so a reader and a
 * verifier could see different values). Throws a SyntaxError naming the key.
 */
export function parseStrictJson(text: string): unknown {
  checkNoDuplicateKeys(text);
  return JSON.parse(text);
}

/** One pass over the text's tokens, keeping the member names of each open object. */
function checkNoDuplicateKeys(text: string) {
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "{") {
      stack.push(new Set());
      expectKey = true;
    } else if (c === "[") {
      stack.push(null);
      expectKey = false;
    } else if (c === "}" || c === "]") {
      stack.pop();
      expectKey = false;
    } else if (c === ",") {
      expectKey = stack.at(-1) instanceof Set;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (expectKey) {
        let name: string;
        try {
          name = JSON.parse(text.slice(i, j + 1)) as string;
        } catch {
          throw new SyntaxError("malformed JSON string");
        }
        const keys = stack.at(-1)!;
        if (keys.has(name)) throw new SyntaxError(`duplicate key ${JSON.stringify(name)} in a JSON object`);
        keys.add(name);
        expectKey = false;
      }
      i = j;
    }
  }
}

// ───────────────────────────── shape ─────────────────────────────

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === "string";
const isStrOrNull = (v: unknown) => v === null || isStr(v);
const HEX64 = /^[0-9a-f]{64}$/;

/** What makes a bundle unreadable (then nothing else is checked). */
function shapeProblems(b: unknown): string[] {
  if (!isObj(b)) return ["the bundle is not a JSON object"];
  if (b.format !== BUNDLE_FORMAT)
    return [`not a Concord verification bundle (format ${JSON.stringify(b.format)}, expected ${BUNDLE_FORMAT})`];
  const p: string[] = [];
  if (b.view !== "public" && b.view !== "parties") p.push("view must be public or parties");
  if (!isStr(b.accordId) || !isStr(b.status)) p.push("accordId and status must be strings");
  if (!isStrOrNull(b.timeZone) || !isStrOrNull(b.pdfHash)) p.push("timeZone and pdfHash must be strings or null");
  const d = b.document;
  if (!isObj(d) || !Number.isSafeInteger(d.version) || !isStr(d.hash) || !isStr(d.canonical))
    p.push("document must have version, hash and canonical");
  if (!Array.isArray(b.signatures) || !b.signatures.every(isObj)) p.push("signatures must be a list of objects");
  else
    for (const s of b.signatures as Record<string, unknown>[])
      for (const k of ["partyId", "signerRef", "signerName", "orgName", "method", "signedAt", "documentHash", "nonce", "challenge"])
        if (!isStr(s[k])) p.push(`a signature's ${k} must be a string`);
  if (!Array.isArray(b.audit) || !b.audit.every(isObj)) p.push("audit must be a list of objects");
  else
    for (const e of b.audit as Record<string, unknown>[]) {
      if (!Number.isSafeInteger(e.seq) || !isStr(e.at) || !isStr(e.type) || !isStr(e.prevHash) || !isStr(e.hash) || !isStr(e.privateHash))
        p.push("an audit entry lacks seq, at, type, privateHash, prevHash or hash");
      if (!isStrOrNull(e.actorRef) || !isStrOrNull(e.actorName)) p.push("an audit entry's actorRef and actorName must be strings or null");
      if (!isObj(e.data)) p.push("an audit entry's data must be an object");
    }
  if (b.versions !== undefined && (!Array.isArray(b.versions) || !b.versions.every(isObj))) p.push("versions must be a list");
  const s = b.seal;
  if (s !== null && (!isObj(s) || !isStr(s.payload) || !isStr(s.signature) || !isStr(s.keyId) || !isStr(s.publicKey)))
    p.push("seal must be null or have payload, signature, keyId and publicKey");
  return [...new Set(p)];
}

// ───────────────────────────── checks ─────────────────────────────

function parseDocument(canonical: string): CanonicalDocument | null {
  try {
    const parsed = parseStrictJson(canonical) as CanonicalDocument;
    return isObj(parsed) && Array.isArray(parsed.parties) && Array.isArray(parsed.clauses) && isObj(parsed.title) ? parsed : null;
  } catch {
    return null;
  }
}

function dataOf(e: BundleAuditEntry): Record<string, Json> {
  return e.data as Record<string, Json>;
}

function checkText(bundle: VerificationBundle, doc: CanonicalDocument | null): Check {
  const problems: string[] = [];
  if (!doc) return { id: "text", ok: false, problems: ["the canonical text is not valid JSON of an accord"] };
  if (sha256Hex(bundle.document.canonical) !== bundle.document.hash) problems.push("the text does not match the document hash");
  try {
    if (canonicalDocument(doc) !== bundle.document.canonical) problems.push("the text is not in canonical form");
  } catch (error) {
    problems.push(`the text is not in canonical form (${(error as Error).message})`);
  }
  if (doc.accordId !== bundle.accordId) problems.push("the text belongs to another accord");
  if (doc.version !== bundle.document.version) problems.push("the text is not the frozen version");
  return { id: "text", ok: problems.length === 0, problems };
}

/** The frozen text against the content hash its version recorded in the chain; every draft version too in the parties' view. */
function checkVersions(bundle: VerificationBundle, doc: CanonicalDocument | null): Check {
  const problems: string[] = [];
  const recorded = new Map<number, string>();
  for (const e of bundle.audit) if (e.type === "version.saved") recorded.set(Number(dataOf(e).version), String(dataOf(e).contentHash));
  const frozenHash = recorded.get(bundle.document.version);
  if (!frozenHash) problems.push("the audit trail records no saved version for the frozen text");
  else if (doc && clausesHash(doc.clauses) !== frozenHash)
    problems.push("the frozen text differs from the version saved in the audit trail");
  for (const v of bundle.versions ?? []) {
    const hash = clausesHash(v.clauses);
    if (hash !== v.contentHash) problems.push(`version ${v.number}: its clauses do not match its content hash`);
    if (recorded.get(v.number) !== hash) problems.push(`version ${v.number}: differs from the version recorded in the audit trail`);
  }
  if (bundle.versions && recorded.size !== bundle.versions.length)
    problems.push("the versions do not match the versions recorded in the audit trail");
  return { id: "versions", ok: problems.length === 0, problems };
}

function checkChain(bundle: VerificationBundle): Check {
  const problems: string[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < bundle.audit.length; i++) {
    const e = bundle.audit[i];
    if (e.seq !== i + 1) problems.push(`entry ${i + 1}: sequence number ${e.seq} out of place`);
    if (e.prevHash !== prev) problems.push(`entry ${e.seq}: does not link to the entry before it (fork, removal or reordering)`);
    if (!HEX64.test(e.hash) || chainEntryHash(bundle.accordId, e) !== e.hash)
      problems.push(`entry ${e.seq} (${e.type}): its content does not match its hash`);
    if (e.private !== undefined) {
      const ok = isObj(e.private) && isStr(e.private.salt) && isObj(e.private.data) && privatePartHash(e.private) === e.privateHash;
      if (!ok) problems.push(`entry ${e.seq} (${e.type}): its private part does not match its private hash`);
    }
    prev = e.hash;
  }
  const frozen = bundle.audit.find((e) => e.type === "frozen");
  if (!frozen || dataOf(frozen).documentHash !== bundle.document.hash)
    problems.push("the audit trail does not record freezing this document hash");
  if (bundle.status === "EXECUTED") {
    const executed = bundle.audit.filter((e) => e.type === "executed");
    if (executed.length !== 1 || dataOf(executed[0]).documentHash !== bundle.document.hash)
      problems.push("the audit trail does not record executing this document exactly once");
  }
  return { id: "chain", ok: problems.length === 0, problems };
}

/**
 * Starts every passkey assertion check first (their signatures are verified
 * on the thread pool, see passkey-assertion.ts), then does the rest of the
 * signature checks here, and resolves once all are in.
 */
async function checkSignatures(
  bundle: VerificationBundle,
  doc: CanonicalDocument | null,
  results: VerificationReport["signatures"],
): Promise<Check> {
  const problems: string[] = [];
  const challenges = bundle.signatures.map((s) =>
    signingChallenge({
      accordId: bundle.accordId,
      documentHash: bundle.document.hash,
      partyId: s.partyId,
      signerId: s.signerRef,
      nonce: s.nonce,
    }),
  );
  const assertions = bundle.signatures.map((s, i) => (s.method === "PASSKEY" ? checkAssertion(s, challenges[i]) : null));
  const signedEntries = new Map<string, BundleAuditEntry>();
  for (const e of bundle.audit) if (e.type === "signed") signedEntries.set(String(dataOf(e).partyId), e);
  const seen = new Set<string>();
  const own = bundle.signatures.map((s, i) => {
    const found: string[] = [];
    if (seen.has(s.partyId)) found.push("signed twice");
    seen.add(s.partyId);
    const entry = signedEntries.get(s.partyId);
    const data = entry ? dataOf(entry) : undefined;
    if (doc && !doc.parties.some((p) => p.orgId === data?.orgId)) found.push("is not a party to the text");
    if (s.documentHash !== bundle.document.hash) found.push("signed another document hash");
    if (challenges[i] !== s.challenge) found.push("its challenge does not derive from this document, party, signer and nonce");
    let hash: string | null = null;
    try {
      hash = evidenceHash(s);
    } catch (error) {
      found.push(`its record is not plain JSON (${(error as Error).message})`);
    }
    if (!entry || data?.evidenceHash !== hash) found.push("differs from the signature recorded in the audit trail");
    else {
      if (entry.actorRef !== s.signerRef) found.push("was recorded in the audit trail for another signer");
      if (entry.at !== s.signedAt) found.push("its time differs from the audit trail's");
      if (data?.method !== s.method) found.push("its method differs from the audit trail's");
    }
    if (s.method !== "PASSKEY" && s.method !== "EMAIL_CODE") found.push(`unknown method ${s.method}`);
    return found;
  });
  const assertionProblems = await Promise.all(assertions);
  bundle.signatures.forEach((s, i) => {
    const found = assertionProblems[i] ? [...own[i], ...assertionProblems[i]] : own[i];
    results.push({
      partyId: s.partyId,
      orgName: s.orgName,
      signerName: s.signerName,
      signerRole: s.signerRole,
      method: s.method,
      signedAt: s.signedAt,
      ok: found.length === 0,
    });
    for (const p of found) problems.push(`signature of ${s.orgName}: ${p}`);
  });
  for (const partyId of signedEntries.keys())
    if (!seen.has(partyId)) problems.push(`a signature recorded in the audit trail is missing (party ${partyId})`);
  return { id: "signatures", ok: problems.length === 0, problems };
}

/**
 * The rules Concord enforced when the signatures were made, re-checked from
 * the audit trail: each signer was the party's designated signatory (or its
 * delegate) at that moment; no signing group signed before every party of the
 * earlier groups had; nothing was signed after the accord was withdrawn,
 * declined or expired; every party signed before execution; and every
 * passkey signature was made on the deployment's origin and relying party
 * (the ones under the seal).
 */
function checkRules(bundle: VerificationBundle, doc: CanonicalDocument | null, seal: SealPayload | null): Check {
  const problems: string[] = [];
  const signers = new Map<string, Set<string>>(); // partyId → current signatories' refs
  const partyOrg = new Map<string, string>(); // partyId → orgId, from the entries that name both
  const signedOrgs = new Set<string>();
  const parties = doc?.parties ?? [];
  let stopped: string | null = null;
  for (const e of bundle.audit) {
    const d = dataOf(e);
    const partyId = isStr(d.partyId) ? d.partyId : null;
    if (partyId && isStr(d.orgId)) {
      if (partyOrg.has(partyId) && partyOrg.get(partyId) !== d.orgId)
        problems.push(`entry ${e.seq}: party ${partyId} names two organizations`);
      partyOrg.set(partyId, d.orgId);
    }
    const set = partyId ? (signers.get(partyId) ?? new Set<string>()) : null;
    if (partyId && set) signers.set(partyId, set);
    switch (e.type) {
      case "signatory.designated":
        if (set && isStr(d.userRef)) set.add(d.userRef);
        break;
      case "signatory.delegated":
        if (set && isStr(d.fromUserRef)) set.delete(d.fromUserRef);
        if (set && isStr(d.toUserRef)) set.add(d.toUserRef);
        break;
      case "signatory.removed":
        if (set && isStr(d.userRef)) set.delete(d.userRef);
        break;
      case "withdrawn":
      case "expired":
      case "declined":
        stopped ??= e.type;
        break;
      case "signed": {
        const who = `entry ${e.seq} (${isStr(d.orgId) ? (parties.find((p) => p.orgId === d.orgId)?.name ?? d.orgId) : "?"})`;
        if (!e.actorRef || !set?.has(e.actorRef))
          problems.push(`${who}: the signer was not the party's designated signatory or delegate at that time`);
        if (stopped) problems.push(`${who}: signed after the accord was ${stopped}`);
        const party = parties.find((p) => p.orgId === d.orgId);
        if (party?.role === "PARTY") {
          const waiting = parties.filter((p) => p.role === "PARTY" && p.signingGroup < party.signingGroup && !signedOrgs.has(p.orgId));
          if (waiting.length)
            problems.push(
              `${who}: signed in group ${party.signingGroup} before ${waiting.map((p) => p.name).join(", ")} of an earlier group`,
            );
        }
        if (isStr(d.orgId)) signedOrgs.add(d.orgId);
        break;
      }
      case "executed": {
        const unsigned = parties.filter((p) => p.role === "PARTY" && !signedOrgs.has(p.orgId));
        if (unsigned.length) problems.push(`executed before ${unsigned.map((p) => p.name).join(", ")} signed`);
        if (stopped) problems.push(`executed after the accord was ${stopped}`);
        break;
      }
    }
  }
  if (bundle.status === "EXECUTED") {
    const unsigned = parties.filter((p) => p.role === "PARTY" && !bundle.signatures.some((s) => partyOrg.get(s.partyId) === p.orgId));
    for (const p of unsigned) problems.push(`${p.name} has no signature`);
  }
  for (const s of bundle.signatures) {
    if (s.method !== "PASSKEY") continue;
    if (!seal) continue;
    if (s.origin !== seal.origin || s.rpId !== seal.rpId)
      problems.push(`signature of ${s.orgName}: made on ${s.origin} (${s.rpId}), not on the deployment's ${seal.origin} (${seal.rpId})`);
  }
  return { id: "rules", ok: problems.length === 0, problems };
}

type SealOutcome = { check: Check; payload: SealPayload | null; trust: SealKeyTrust };

/** Checks the seal; its Ed25519 signature is verified on the thread pool like the passkeys'. */
async function checkSeal(bundle: VerificationBundle, opts: VerifyOptions): Promise<SealOutcome> {
  const problems: string[] = [];
  if (!bundle.seal) {
    problems.push(bundle.status === "EXECUTED" ? "the executed accord carries no seal" : "the accord is not executed, so it is not sealed");
    return { check: { id: "seal", ok: false, problems }, payload: null, trust: "unknown" };
  }
  const trust: SealKeyTrust = !opts.trustedSealKey ? "unknown" : opts.trustedSealKey === bundle.seal.publicKey ? "pinned" : "other";
  if (trust === "other") problems.push("the seal was not made with the pinned key");
  let payload: (SealPayload & { format?: string }) | null = null;
  try {
    payload = parseStrictJson(bundle.seal.payload) as SealPayload & { format?: string };
    if (!isObj(payload)) throw new Error("not an object");
  } catch (error) {
    problems.push(`the seal payload is not valid JSON (${(error as Error).message})`);
    payload = null;
  }
  try {
    const raw = Buffer.from(bundle.seal.publicKey, "base64url");
    if (raw.length !== 32) throw new Error("bad key length");
    if (sealKeyId(raw) !== bundle.seal.keyId || payload?.keyId !== bundle.seal.keyId)
      problems.push("the seal key id does not match its key");
    const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: bundle.seal.publicKey }, format: "jwk" });
    const ok = await verifyOffThread(null, Buffer.from(bundle.seal.payload, "utf8"), key, Buffer.from(bundle.seal.signature, "base64url"));
    if (!ok) problems.push("the seal signature does not verify");
  } catch (error) {
    problems.push(`the seal cannot be checked (${(error as Error).message})`);
  }
  if (payload) {
    const head = bundle.audit.at(-1);
    const executed = bundle.audit.find((e) => e.type === "executed");
    if (payload.format !== SEAL_FORMAT) problems.push(`the seal has format ${String(payload.format)}, expected ${SEAL_FORMAT}`);
    if (payload.accordId !== bundle.accordId) problems.push("the seal is for another accord");
    if (bundle.status !== "EXECUTED") problems.push(`the accord is sealed as executed but its status says ${bundle.status}`);
    if (payload.documentHash !== bundle.document.hash) problems.push("the seal covers another document hash");
    if (payload.chainHead !== head?.hash || payload.chainLength !== bundle.audit.length)
      problems.push("the seal covers another audit trail (entries added, removed or changed)");
    if (payload.executedAt !== executed?.at) problems.push("the seal's execution time differs from the audit trail's");
    if (payload.pdfHash !== bundle.pdfHash) problems.push("the seal covers another PDF (pdfHash changed)");
    if (payload.timeZone !== bundle.timeZone) problems.push("the seal covers another time zone");
    if (!isStr(payload.origin) || !isStr(payload.rpId)) problems.push("the seal names no WebAuthn origin and relying party");
  }
  return { check: { id: "seal", ok: problems.length === 0, problems }, payload, trust };
}

function failed(problems: string[]): VerificationReport {
  return {
    ok: false,
    executed: false,
    checksPass: false,
    sealKey: "unknown",
    checks: [{ id: "format", ok: false, problems }],
    document: null,
    signatures: [],
    seal: null,
  };
}

/**
 * Checks everything in the bundle. `ok` only when the accord is executed,
 * every check passes and the seal was made with the key the caller pinned.
 */
export async function verifyBundle(input: unknown, opts: VerifyOptions = {}): Promise<VerificationReport> {
  const shape = shapeProblems(input);
  if (shape.length) return failed(shape);
  const bundle = input as VerificationBundle;
  try {
    const doc = parseDocument(bundle.document.canonical);
    const signatures: VerificationReport["signatures"] = [];
    // The signature and seal checks start first and hand their public-key
    // verifications to the thread pool. The hash checks wait one turn of the
    // event loop, by which time every key import has settled and every
    // verification is queued, then run here while those complete.
    const [signatureCheck, seal, [text, versions, chain]] = await Promise.all([
      checkSignatures(bundle, doc, signatures),
      checkSeal(bundle, opts),
      nextTurn().then(() => [checkText(bundle, doc), checkVersions(bundle, doc), checkChain(bundle)]),
    ]);
    const rules = checkRules(bundle, doc, seal.payload);
    const checks = [text, versions, signatureCheck, rules, chain, seal.check];
    const executed = bundle.status === "EXECUTED";
    const checksPass = executed && checks.every((c) => c.ok);
    return {
      ok: checksPass && seal.trust === "pinned",
      executed,
      checksPass,
      sealKey: seal.trust,
      checks,
      document: doc,
      signatures,
      seal: seal.payload ? { ...seal.payload, signature: bundle.seal!.signature } : null,
    };
  } catch (error) {
    return failed([`the bundle cannot be checked (${(error as Error).message})`]);
  }
}
