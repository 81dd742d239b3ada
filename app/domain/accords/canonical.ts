// The canonical forms behind every hash and signature of an accord. Pure
// functions with relative imports only: the app, the offline verifier
// (scripts/verify-bundle.ts) and the tests all hash through this one module.
// The exact rules are documented in docs/decisions/030-accord-canonical-form.md;
// changing anything here changes every document hash, so the format strings
// carry a version ("/1").
import { hash } from "node:crypto";
import canonicalize from "canonicalize";

export const DOCUMENT_FORMAT = "concord-accord/1";
export const CHALLENGE_FORMAT = "concord-sign/1";
export const SEAL_FORMAT = "concord-seal/2";
export const GENESIS_HASH = "0".repeat(64);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The canonical JSON of a value: RFC 8785 (JSON Canonicalization Scheme, the
 * form W3C's eddsa-jcs-2022 signs), written by the `canonicalize` library.
 * Only plain JSON is accepted: the value is checked first (see
 * `assertPlainJson`), so a Date, an undefined member, a hole in an array or a
 * lone surrogate is refused with an error instead of being hashed as
 * something else.
 */
export function canonicalJson(value: unknown): string {
  assertPlainJson(value);
  return canonicalize(value) as string;
}

/** Lowercase hex SHA-256 of the UTF-8 of canonicalJson(value). */
function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Nesting deeper than this is refused (it also stops a cyclic value). */
const MAX_DEPTH = 64;

/**
 * Throws unless `value` is plain JSON as Concord hashes it: null, booleans,
 * well-formed strings (no lone surrogates), safe integers, arrays without
 * holes, and objects whose prototype is Object.prototype or null with
 * string keys and no undefined members. Stricter than RFC 8785 in one rule
 * only: numbers are integers (no float formatting to agree on).
 */
export function assertPlainJson(value: unknown, depth = 0): void {
  if (depth > MAX_DEPTH) throw new Error("canonical JSON nests too deeply (or is cyclic)");
  if (value === null || typeof value === "boolean") return;
  if (typeof value === "string") {
    if (LONE_SURROGATE.test(value)) throw new Error("canonical JSON refuses strings with lone surrogates");
    return;
  }
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new Error(`canonical JSON allows integers only, got ${value}`);
    return;
  }
  if (typeof value !== "object") throw new Error(`canonical JSON cannot encode ${typeof value}`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new Error("canonical JSON refuses sparse arrays");
      if (value[i] === undefined) throw new Error("canonical JSON refuses undefined");
      assertPlainJson(value[i], depth + 1);
    }
    return;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw new Error(`canonical JSON refuses non-plain objects (${(value as object).constructor?.name ?? "unknown"})`);
  }
  if (Object.getOwnPropertySymbols(value).length > 0) throw new Error("canonical JSON refuses symbol keys");
  for (const [k, v] of Object.entries(value)) {
    if (LONE_SURROGATE.test(k)) throw new Error("canonical JSON refuses keys with lone surrogates");
    if (v === undefined) throw new Error(`canonical JSON refuses undefined (member "${k}")`);
    assertPlainJson(v, depth + 1);
  }
}

/** Nothing but ASCII: such a string is already in NFC. */
// eslint-disable-next-line no-control-regex -- the range starts at NUL on purpose
const NON_ASCII = /[^\x00-\x7f]/;
/** Anything steps 2–4 of normalizeText would change: a CR, spaces or tabs ending a line, a blank edge. */
const UNTIDY = /\r|[ \t]\n|[ \t\n]$|^\n/;

/** Text as it is stored and hashed: Unicode NFC, LF line ends, no trailing spaces on lines, no blank edges. */
export function normalizeText(text: string): string {
  // (Anything but a string goes through normalize, and fails there as it always did.)
  const nfc = typeof text === "string" && !NON_ASCII.test(text) ? text : text.normalize("NFC");
  if (!UNTIDY.test(nfc)) return nfc;
  return nfc
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[ \t]+$/u, ""))
    .join("\n")
    .replace(/^\n+|\n+$/g, "");
}

export function sha256Hex(data: string | Uint8Array): string {
  return hash("sha256", data, "hex");
}

export function sha256(data: string | Uint8Array): Buffer {
  return hash("sha256", data, "buffer");
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
  return canonicalJson(documentValue(doc));
}

function documentValue(doc: CanonicalDocument) {
  return {
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
  };
}

function canonicalClauses(clauses: ClauseSet) {
  return [...clauses].sort((a, b) => a.number - b.number).map((c) => ({ number: c.number, text: normalizeRecord(c.text) }));
}

export function documentHash(doc: CanonicalDocument): string {
  return canonicalHash(documentValue(doc));
}

/** Hash of one version's clauses, recorded in the audit chain when the version is saved. */
export function clausesHash(clauses: ClauseSet): string {
  return canonicalHash(canonicalClauses(clauses));
}

export type ChallengeInputs = { accordId: string; documentHash: string; partyId: string; signerId: string; nonce: string };

/**
 * The WebAuthn challenge for one signature: SHA-256 of the canonical inputs,
 * base64url. It binds the assertion to this text, party, signer and a
 * single-use server nonce, so it cannot be replayed anywhere else.
 */
export function signingChallenge(inputs: ChallengeInputs): string {
  const { accordId, documentHash, partyId, signerId, nonce } = inputs;
  return sha256(canonicalJson({ format: CHALLENGE_FORMAT, accordId, documentHash, partyId, signerId, nonce })).toString("base64url");
}

/**
 * SHA-256 (hex) of the canonical JSON of an object as given: the hash of an
 * audit entry is this over its hashed members (see `chainEntryHash`).
 */
export function auditEntryHash(entry: { [key: string]: Json }): string {
  return canonicalHash(entry);
}

/** The members of an audit entry that its hash covers (bundle format /2); `accordId` comes from the bundle. */
export type ChainEntry = {
  seq: number;
  at: string;
  actorRef: string | null;
  actorName: string | null;
  type: string;
  data: Json;
  privateHash: string;
  prevHash: string;
};

/** The hash of an audit entry of the given accord: SHA-256 of the canonical JSON of exactly its hashed members. */
export function chainEntryHash(accordId: string, e: ChainEntry): string {
  const { seq, at, actorRef, actorName, type, data, privateHash, prevHash } = e;
  return auditEntryHash({ accordId, seq, at, actorRef, actorName, type, data, privateHash, prevHash });
}

/** An audit entry's private part: emails, reasons, notes and user ids, salted so its digest reveals nothing. */
export type PrivatePart = { salt: string; data: { [key: string]: Json } };

/** The digest of a private part that the chain commits to: SHA-256 (hex) of its canonical JSON. */
export function privatePartHash(part: PrivatePart): string {
  return canonicalHash({ salt: part.salt, data: part.data });
}

export type SealPayload = {
  accordId: string;
  documentHash: string;
  chainHead: string;
  chainLength: number;
  executedAt: string;
  keyId: string;
  /** SHA-256 (hex) of the executed PDF, rendered before sealing. */
  pdfHash: string;
  /** The venue's IANA time zone the documents show times in; null without a conference. */
  timeZone: string | null;
  /** The deployment's WebAuthn origin and relying party id: every passkey signature must have been made there. */
  origin: string;
  rpId: string;
};

export function sealPayloadText(p: SealPayload): string {
  return canonicalJson({ format: SEAL_FORMAT, ...p });
}

/** Key id of an Ed25519 public key: the first 16 hex digits of SHA-256 of its raw 32 bytes. */
export function sealKeyId(rawPublicKey: Uint8Array): string {
  return sha256Hex(rawPublicKey).slice(0, 16);
}

/**
 * A signature as the bundle publishes it. Nothing private: the signer is named
 * by `signerRef` (their accord-scoped pseudonym, also the challenge's
 * `signerId`); the address a code went to, the passkey's user handle (the user
 * id), the IP address and user agent are in the "signed" audit entry's private part.
 */
export type SignatureEvidence = {
  partyId: string;
  signerRef: string;
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
  rpId: string | null;
  origin: string | null;
  typedName: string | null;
};

/** Digest of a signature record, written into the audit chain's "signed" entry. */
export function evidenceHash(e: SignatureEvidence): string {
  return canonicalHash(e);
}
