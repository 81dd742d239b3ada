// The canonical forms behind every hash and signature of an accord. Pure
// functions with relative imports only: the app, the offline verifier
// (scripts/verify-bundle.ts) and the tests all hash through this one module.
// The exact rules are documented in docs/decisions/030-accord-canonical-form.md;
// changing anything here changes every document hash, so the format strings
// carry a version ("/1").
import { hash } from "node:crypto";

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
  return withWriter((w) => {
    w.value(value);
    return w.text();
  });
}

/** Lowercase hex SHA-256 of the UTF-8 of canonicalJson(value), without building that string. */
function canonicalHash(value: unknown): string {
  return hashWritten("hex", (w) => w.value(value));
}

/** Runs `use` with the shared writer (or a fresh one if it is busy) and gives it back. */
function withWriter<T>(use: (w: CanonicalWriter) => T): T {
  const w = takeWriter();
  try {
    return use(w);
  } finally {
    releaseWriter(w);
  }
}

/** SHA-256 of what `write` writes. */
function hashWritten(encoding: "hex" | "base64url", write: (w: CanonicalWriter) => void): string {
  return withWriter((w) => {
    write(w);
    return w.digest(encoding);
  });
}

/**
 * Writes canonical JSON as UTF-8 straight into one reused buffer, in a single
 * pass: no entry arrays, no intermediate strings, and hashes are taken over
 * the bytes. (A verification hashes a thousand audit entries; building each as
 * a string cost more in allocation than everything else it does.) The bytes
 * are exactly the UTF-8 of what `JSON.stringify`-based building gave; the
 * tests in tests/accords/canonical.test.ts pin them.
 */
class CanonicalWriter {
  buf: Buffer;
  pos = 0;
  busy = false;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafeSlow(size);
  }

  /** Room for n more bytes. */
  reserve(n: number) {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  /** An ASCII string as it is (keys, numbers, literals). */
  ascii(s: string) {
    const n = s.length;
    this.reserve(n);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < n; i++) buf[pos++] = s.charCodeAt(i);
    this.pos = pos;
  }

  value(value: unknown) {
    if (value === null) this.ascii("null");
    else if (typeof value === "string") this.string(value);
    else if (typeof value === "boolean") this.ascii(value ? "true" : "false");
    else if (typeof value === "number") {
      if (!Number.isSafeInteger(value)) throw new Error(`canonical JSON allows integers only, got ${value}`);
      this.ascii(String(value));
    } else if (Array.isArray(value)) this.array(value);
    else if (typeof value === "object") this.object(value as Record<string, unknown>);
    else throw new Error(`canonical JSON cannot encode ${typeof value}`);
  }

  array(value: unknown[]) {
    const n = value.length;
    this.reserve(1);
    this.buf[this.pos++] = 0x5b; // [
    for (let i = 0; i < n; i++) {
      if (i > 0) {
        this.reserve(1);
        this.buf[this.pos++] = 0x2c; // ,
      }
      // A hole stays empty, as Array.prototype.map and join left it.
      if (!(i in value)) continue;
      const v = value[i];
      this.value(v === undefined ? null : v);
    }
    this.reserve(1);
    this.buf[this.pos++] = 0x5d; // ]
  }

  object(value: Record<string, unknown>) {
    const keys = sortKeys(Object.keys(value));
    this.reserve(1);
    this.buf[this.pos++] = 0x7b; // {
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const v = value[k];
      if (v === undefined) continue;
      if (first) first = false;
      else {
        this.reserve(1);
        this.buf[this.pos++] = 0x2c; // ,
      }
      this.string(k);
      this.reserve(1);
      this.buf[this.pos++] = 0x3a; // :
      this.value(v);
    }
    this.reserve(1);
    this.buf[this.pos++] = 0x7d; // }
  }

  /**
   * One member of an object whose keys the caller writes in canonical order;
   * `key` is `"name":` (ASCII, nothing to escape). Undefined values are
   * dropped, as in `object`. Returns whether the object is still empty.
   */
  member(key: string, v: unknown, first: boolean): boolean {
    if (v === undefined) return first;
    if (!first) {
      this.reserve(1);
      this.buf[this.pos++] = 0x2c; // ,
    }
    this.ascii(key);
    this.value(v);
    return false;
  }

  /**
   * A string as JSON.stringify writes it, in UTF-8: `"` and `\` escaped, the
   * short escapes \b \f \n \r \t, other control characters and lone
   * surrogates as lowercase \uXXXX; everything else (surrogate pairs too) as
   * its UTF-8.
   */
  string(s: string) {
    const n = s.length;
    this.reserve(n * 6 + 2);
    const buf = this.buf;
    let pos = this.pos;
    buf[pos++] = 0x22;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c !== 0x22 && c !== 0x5c) buf[pos++] = c;
        else {
          buf[pos++] = 0x5c; // \
          const short = SHORT_ESCAPES[c];
          if (short) buf[pos++] = short;
          else pos = hexEscape(buf, pos, c);
        }
      } else if (c < 0x800) {
        buf[pos++] = 0xc0 | (c >> 6);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        buf[pos++] = 0xe0 | (c >> 12);
        buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else {
        const d = c <= 0xdbff && i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (d >= 0xdc00 && d <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          buf[pos++] = 0xf0 | (cp >> 18);
          buf[pos++] = 0x80 | ((cp >> 12) & 0x3f);
          buf[pos++] = 0x80 | ((cp >> 6) & 0x3f);
          buf[pos++] = 0x80 | (cp & 0x3f);
          i++;
        } else {
          buf[pos++] = 0x5c; // \
          pos = hexEscape(buf, pos, c);
        }
      }
    }
    buf[pos++] = 0x22;
    this.pos = pos;
  }

  text(): string {
    return this.buf.toString("utf8", 0, this.pos);
  }

  digest(encoding: "hex" | "base64url"): string {
    return hash("sha256", this.buf.subarray(0, this.pos), encoding);
  }
}

/** The escape letter after a backslash for `"`, `\` and the control characters JSON.stringify shortens; 0 for the rest. */
const SHORT_ESCAPES = new Uint8Array(0x80);
SHORT_ESCAPES[0x08] = 0x62; // b
SHORT_ESCAPES[0x09] = 0x74; // t
SHORT_ESCAPES[0x0a] = 0x6e; // n
SHORT_ESCAPES[0x0c] = 0x66; // f
SHORT_ESCAPES[0x0d] = 0x72; // r
SHORT_ESCAPES[0x22] = 0x22; // "
SHORT_ESCAPES[0x5c] = 0x5c; // \

const HEX = "0123456789abcdef";

/** `uXXXX` (after the backslash), lowercase, as JSON.stringify writes it. */
function hexEscape(buf: Buffer, pos: number, c: number): number {
  buf[pos++] = 0x75; // u
  buf[pos++] = HEX.charCodeAt(c >> 12);
  buf[pos++] = HEX.charCodeAt((c >> 8) & 0xf);
  buf[pos++] = HEX.charCodeAt((c >> 4) & 0xf);
  buf[pos++] = HEX.charCodeAt(c & 0xf);
  return pos;
}

/** Sorts own keys in place by UTF-16 code units (they are distinct, so any correct sort agrees). */
function sortKeys(keys: string[]): string[] {
  const n = keys.length;
  if (n > 24) return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 1; i < n; i++) {
    const k = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > k) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

const WRITER_SIZE = 16 * 1024;
/** Kept between calls up to this size; a larger one (a huge text) is let go. */
const WRITER_KEEP = 1024 * 1024;
let shared = new CanonicalWriter(WRITER_SIZE);

/** The shared writer, emptied; a fresh one if it is in use (a getter hashing while a value is being written). */
function takeWriter(): CanonicalWriter {
  if (shared.busy) return new CanonicalWriter(1024);
  shared.busy = true;
  shared.pos = 0;
  return shared;
}

function releaseWriter(w: CanonicalWriter) {
  if (w !== shared) return;
  w.busy = false;
  w.pos = 0;
  if (w.buf.length > WRITER_KEEP) shared = new CanonicalWriter(WRITER_SIZE);
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
  // canonicalJson({ format, accordId, documentHash, partyId, signerId, nonce }), written in key order.
  const { accordId, documentHash, partyId, signerId, nonce } = inputs;
  return hashWritten("base64url", (w) => {
    w.ascii("{");
    let first = true;
    first = w.member('"accordId":', accordId, first);
    first = w.member('"documentHash":', documentHash, first);
    first = w.member('"format":', CHALLENGE_FORMAT, first);
    first = w.member('"nonce":', nonce, first);
    first = w.member('"partyId":', partyId, first);
    w.member('"signerId":', signerId, first);
    w.ascii("}");
  });
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
  return chainEntryHash(entry.accordId, entry);
}

/** auditEntryHash of an entry of the given accord, for an entry that does not carry the accord id (a bundle's). */
export function chainEntryHash(accordId: string, entry: Omit<AuditEntryInput, "accordId">): string {
  // canonicalJson({ accordId, seq, at, actorId, actorName, type, data, prevHash }), written in key order.
  const { seq, at, actorId, actorName, type, data, prevHash } = entry;
  return hashWritten("hex", (w) => {
    w.ascii("{");
    let first = true;
    first = w.member('"accordId":', accordId, first);
    first = w.member('"actorId":', actorId, first);
    first = w.member('"actorName":', actorName, first);
    first = w.member('"at":', at, first);
    first = w.member('"data":', data, first);
    first = w.member('"prevHash":', prevHash, first);
    first = w.member('"seq":', seq, first);
    w.member('"type":', type, first);
    w.ascii("}");
  });
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
  return canonicalHash(e);
}
