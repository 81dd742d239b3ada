// The one verifier of executed accords, used by /verify, by the offline
// `npm run verify -- bundle.json` (scripts/verify-bundle.ts) and by the tests.
// Pure functions over a verification bundle: no database, no network, relative
// imports only. Every check recomputes from the bundle's own data; nothing is
// taken on trust except the seal public key, which a caller may pin.
import { createPublicKey } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import {
  canonicalDocument,
  chainEntryHash,
  clausesHash,
  evidenceHash,
  GENESIS_HASH,
  sealKeyId,
  sha256Hex,
  signingChallenge,
  type CanonicalDocument,
  type ClauseSet,
  type Json,
  type SealPayload,
  type SignatureEvidence,
} from "./canonical";
import { checkAssertion, verifyOffThread } from "./passkey-assertion";

export const BUNDLE_FORMAT = "concord-verification-bundle/1";

export type BundleAuditEntry = {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  type: string;
  data: Json;
  prevHash: string;
  hash: string;
};

export type VerificationBundle = {
  format: typeof BUNDLE_FORMAT;
  accordId: string;
  status: string;
  /** Shown on the signature page: the venue's zone. */
  timeZone: string | null;
  document: { version: number; hash: string; canonical: string };
  versions: { number: number; contentHash: string; clauses: ClauseSet }[];
  signatures: SignatureEvidence[];
  audit: BundleAuditEntry[];
  seal: { payload: string; signature: string; keyId: string; publicKey: string } | null;
  pdfHash: string | null;
};

export type CheckId = "text" | "versions" | "signatures" | "chain" | "seal";
export type Check = { id: CheckId; ok: boolean; problems: string[] };
export type VerificationReport = {
  ok: boolean;
  executed: boolean;
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
  /** A trusted seal public key (raw 32 bytes, base64url); when given, the bundle's key must equal it. */
  trustedSealKey?: string;
};

function parseDocument(canonical: string): CanonicalDocument | null {
  try {
    const parsed = JSON.parse(canonical) as CanonicalDocument & { format?: string };
    return parsed && typeof parsed === "object" && Array.isArray(parsed.parties) && Array.isArray(parsed.clauses) ? parsed : null;
  } catch {
    return null;
  }
}

function checkText(bundle: VerificationBundle, doc: CanonicalDocument | null): Check {
  const problems: string[] = [];
  if (!doc) return { id: "text", ok: false, problems: ["the canonical text is not valid JSON of an accord"] };
  if (sha256Hex(bundle.document.canonical) !== bundle.document.hash) problems.push("the text does not match the document hash");
  if (canonicalDocument(doc) !== bundle.document.canonical) problems.push("the text is not in canonical form");
  if (doc.accordId !== bundle.accordId) problems.push("the text belongs to another accord");
  if (doc.version !== bundle.document.version) problems.push("the text is not the frozen version");
  return { id: "text", ok: problems.length === 0, problems };
}

function checkVersions(bundle: VerificationBundle, doc: CanonicalDocument | null): Check {
  const problems: string[] = [];
  const recorded = new Map<number, string>();
  for (const e of bundle.audit) {
    if (e.type === "version.saved" && e.data && typeof e.data === "object" && !Array.isArray(e.data)) {
      recorded.set(Number(e.data.version), String(e.data.contentHash));
    }
  }
  for (const v of bundle.versions) {
    const hash = clausesHash(v.clauses);
    if (hash !== v.contentHash) problems.push(`version ${v.number}: its clauses do not match its content hash`);
    if (recorded.get(v.number) !== hash) problems.push(`version ${v.number}: differs from the version recorded in the audit trail`);
  }
  if (recorded.size !== bundle.versions.length) problems.push("the versions do not match the versions recorded in the audit trail");
  const frozen = bundle.versions.find((v) => v.number === bundle.document.version);
  if (doc && frozen && clausesHash(doc.clauses) !== frozen.contentHash) problems.push("the frozen text differs from its saved version");
  if (!frozen) problems.push("the frozen version is missing");
  return { id: "versions", ok: problems.length === 0, problems };
}

function checkChain(bundle: VerificationBundle): Check {
  const problems: string[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < bundle.audit.length; i++) {
    const e = bundle.audit[i];
    if (e.seq !== i + 1) problems.push(`entry ${i + 1}: sequence number ${e.seq} out of place`);
    if (e.prevHash !== prev) problems.push(`entry ${e.seq}: does not link to the entry before it (fork or removal)`);
    const hash = chainEntryHash(bundle.accordId, e);
    if (hash !== e.hash) problems.push(`entry ${e.seq} (${e.type}): its content does not match its hash`);
    prev = e.hash;
  }
  const frozen = bundle.audit.find((e) => e.type === "frozen");
  const frozenData = frozen?.data as Record<string, Json> | undefined;
  if (!frozen || frozenData?.documentHash !== bundle.document.hash)
    problems.push("the audit trail does not record freezing this document hash");
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
      signerId: s.signerId,
      nonce: s.nonce,
    }),
  );
  const assertions = bundle.signatures.map((s, i) => (s.method === "PASSKEY" ? checkAssertion(s, challenges[i]) : null));
  const signedEntries = new Map<string, Record<string, Json>>();
  for (const e of bundle.audit) {
    if (e.type === "signed" && e.data && typeof e.data === "object" && !Array.isArray(e.data))
      signedEntries.set(String(e.data.partyId), e.data);
  }
  const seen = new Set<string>();
  const own = bundle.signatures.map((s, i) => {
    const found: string[] = [];
    if (seen.has(s.partyId)) found.push("signed twice");
    seen.add(s.partyId);
    if (doc && !partyMatches(doc, signedEntries.get(s.partyId))) found.push("is not a party to the text");
    if (s.documentHash !== bundle.document.hash) found.push("signed another document hash");
    if (challenges[i] !== s.challenge) found.push("its challenge does not derive from this document, party, signer and nonce");
    const entry = signedEntries.get(s.partyId);
    if (!entry || entry.evidenceHash !== evidenceHash(s)) found.push("differs from the signature recorded in the audit trail");
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
  if (bundle.status === "EXECUTED" && doc) {
    const parties = doc.parties.filter((p) => p.role === "PARTY").length;
    if (bundle.signatures.length !== parties) problems.push(`${bundle.signatures.length} signatures for ${parties} parties`);
  }
  return { id: "signatures", ok: problems.length === 0, problems };
}

/** Party ids are not in the canonical text (organization ids are); the "signed" chain entry ties the two. */
function partyMatches(doc: CanonicalDocument, entry: Record<string, Json> | undefined) {
  return !!entry && doc.parties.some((p) => p.role === "PARTY" && p.orgId === entry.orgId);
}

/** Checks the seal; its Ed25519 signature is verified on the thread pool like the passkeys'. */
async function checkSeal(
  bundle: VerificationBundle,
  opts: VerifyOptions,
): Promise<{ check: Check; payload: (SealPayload & { signature: string }) | null }> {
  const problems: string[] = [];
  if (!bundle.seal) {
    if (bundle.status === "EXECUTED") problems.push("the executed accord carries no seal");
    else problems.push("the accord is not executed, so it is not sealed");
    return { check: { id: "seal", ok: false, problems }, payload: null };
  }
  let payload: SealPayload | null = null;
  try {
    payload = JSON.parse(bundle.seal.payload) as SealPayload;
  } catch {
    problems.push("the seal payload is not valid JSON");
  }
  try {
    const raw = Buffer.from(bundle.seal.publicKey, "base64url");
    if (raw.length !== 32) throw new Error("bad key length");
    if (opts.trustedSealKey && opts.trustedSealKey !== bundle.seal.publicKey) problems.push("the seal key is not Concord's published key");
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
    if (payload.accordId !== bundle.accordId) problems.push("the seal is for another accord");
    if (bundle.status !== "EXECUTED") problems.push(`the accord is sealed as executed but its status says ${bundle.status}`);
    if (payload.documentHash !== bundle.document.hash) problems.push("the seal covers another document hash");
    if (payload.chainHead !== head?.hash || payload.chainLength !== bundle.audit.length)
      problems.push("the seal covers another audit trail (entries added, removed or changed)");
  }
  return {
    check: { id: "seal", ok: problems.length === 0, problems },
    payload: payload ? { ...payload, signature: bundle.seal.signature } : null,
  };
}

/** Checks everything in the bundle; `ok` only when the accord is executed and every check passes. */
export async function verifyBundle(bundle: VerificationBundle, opts: VerifyOptions = {}): Promise<VerificationReport> {
  if (!bundle || bundle.format !== BUNDLE_FORMAT) {
    return {
      ok: false,
      executed: false,
      checks: [{ id: "text", ok: false, problems: ["not a Concord verification bundle"] }],
      document: null,
      signatures: [],
      seal: null,
    };
  }
  const doc = parseDocument(bundle.document.canonical);
  const signatures: VerificationReport["signatures"] = [];
  // The signature and seal checks start first and hand their public-key
  // verifications to the thread pool. The hash checks wait one turn of the
  // event loop, by which time every key import has settled and every
  // verification is queued, then run here while those complete. (Promise.all
  // takes every failure, so nothing is left unhandled.)
  const [signatureCheck, seal, [text, versions, chain]] = await Promise.all([
    checkSignatures(bundle, doc, signatures),
    checkSeal(bundle, opts),
    nextTurn().then(() => [checkText(bundle, doc), checkVersions(bundle, doc), checkChain(bundle)]),
  ]);
  const checks = [text, versions, signatureCheck, chain, seal.check];
  const executed = bundle.status === "EXECUTED";
  return { ok: executed && checks.every((c) => c.ok), executed, checks, document: doc, signatures, seal: seal.payload };
}
