// The canonical forms behind every hash and signature of an accord. Pure
// functions with relative imports only: the app, the offline verifier
// (scripts/verify-bundle.ts) and the tests all hash through this one module.
// The exact rules are documented in docs/decisions/030-accord-canonical-form.md;
// changing anything here changes every document hash, so the format strings
// carry a version ("/1").
import { createHash } from "node:crypto";

export const DOCUMENT_FORMAT = "concord-accord/1";
export const CHALLENGE_FORMAT = "concord-sign/1";
export const SEAL_FORMAT = "concord-seal/1";
export const GENESIS_HASH = "0".repeat(64);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace,
 * strings escaped as JSON.stringify does, integers only (RFC 8785 for the
 * values we use). `undefined` members are dropped, like JSON.stringify.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new Error(`canonical JSON allows integers only, got ${value}`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  throw new Error(`canonical JSON cannot encode ${typeof value}`);
}

/** Text as it is stored and hashed: Unicode NFC, LF line ends, no trailing spaces on lines, no blank edges. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[ \t]+$/u, ""))
    .join("\n")
    .replace(/^\n+|\n+$/g, "");
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

export function sha256(data: string | Uint8Array): Buffer {
  return createHash("sha256").update(data).digest();
}

export type CanonicalParty = {
  position: number;
  orgId: string;
  name: string;
  nameNative: string | null;
  country: string;
  role: "PARTY" | "WITNESS";
  signingGroup: number;
};

/** Clauses of one version: number → language → text. */
export type ClauseSet = { number: number; text: Record<string, string> }[];

export type CanonicalDocument = {
  accordId: string;
  kind: string;
  version: number;
  languages: string[];
  title: Record<string, string>;
  parties: CanonicalParty[];
  clauses: ClauseSet;
};

function normalizeRecord(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, normalizeText(v)]));
}

/** The canonical form of a frozen text (UTF-8 of this string is what is hashed). */
export function canonicalDocument(doc: CanonicalDocument): string {
  return canonicalJson({
    format: DOCUMENT_FORMAT,
    accordId: doc.accordId,
    kind: doc.kind,
    version: doc.version,
    languages: [...doc.languages],
    title: normalizeRecord(doc.title),
    parties: [...doc.parties]
      .sort((a, b) => a.position - b.position)
      .map((p) => ({ ...p, name: normalizeText(p.name), nameNative: p.nameNative === null ? null : normalizeText(p.nameNative) })),
    clauses: canonicalClauses(doc.clauses),
  });
}

function canonicalClauses(clauses: ClauseSet) {
  return [...clauses].sort((a, b) => a.number - b.number).map((c) => ({ number: c.number, text: normalizeRecord(c.text) }));
}

export function documentHash(doc: CanonicalDocument): string {
  return sha256Hex(canonicalDocument(doc));
}

/** Hash of one version's clauses, recorded in the audit chain when the version is saved. */
export function clausesHash(clauses: ClauseSet): string {
  return sha256Hex(canonicalJson(canonicalClauses(clauses)));
}

export type ChallengeInputs = { accordId: string; documentHash: string; partyId: string; signerId: string; nonce: string };

/**
 * The WebAuthn challenge for one signature: SHA-256 of the canonical inputs,
 * base64url. It binds the assertion to this text, party, signer and a
 * single-use server nonce, so it cannot be replayed anywhere else.
 */
export function signingChallenge(inputs: ChallengeInputs): string {
  return sha256(
    canonicalJson({
      format: CHALLENGE_FORMAT,
      accordId: inputs.accordId,
      documentHash: inputs.documentHash,
      partyId: inputs.partyId,
      signerId: inputs.signerId,
      nonce: inputs.nonce,
    }),
  ).toString("base64url");
}

export type AuditEntryInput = {
  accordId: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  type: string;
  data: Json;
  prevHash: string;
};

export function auditEntryHash(entry: AuditEntryInput): string {
  return sha256Hex(
    canonicalJson({
      accordId: entry.accordId,
      seq: entry.seq,
      at: entry.at,
      actorId: entry.actorId,
      actorName: entry.actorName,
      type: entry.type,
      data: entry.data,
      prevHash: entry.prevHash,
    }),
  );
}

export type SealPayload = {
  accordId: string;
  documentHash: string;
  chainHead: string;
  chainLength: number;
  executedAt: string;
  keyId: string;
};

export function sealPayloadText(p: SealPayload): string {
  return canonicalJson({ format: SEAL_FORMAT, ...p });
}

/** Key id of an Ed25519 public key: the first 16 hex digits of SHA-256 of its raw 32 bytes. */
export function sealKeyId(rawPublicKey: Uint8Array): string {
  return sha256Hex(rawPublicKey).slice(0, 16);
}

export type SignatureEvidence = {
  partyId: string;
  signerId: string;
  signerName: string;
  signerRole: string | null;
  orgName: string;
  method: "PASSKEY" | "EMAIL_CODE";
  signedAt: string;
  documentHash: string;
  nonce: string;
  challenge: string;
  credentialId: string | null;
  publicKey: string | null;
  authenticatorData: string | null;
  clientDataJSON: string | null;
  signature: string | null;
  userHandle: string | null;
  rpId: string | null;
  origin: string | null;
  typedName: string | null;
  emailedTo: string | null;
};

/** Digest of a signature record, written into the audit chain's "signed" entry. */
export function evidenceHash(e: SignatureEvidence): string {
  return sha256Hex(canonicalJson(e));
}
