// An independent verifier of Concord accord bundles, written from
// docs/accord-bundle-spec.md alone: it imports nothing from app/ (nor any
// library Concord uses for this), only node:crypto. Its test
// (agreement.test.ts) checks that it agrees with `npm run verify` on a genuine
// bundle and on tampered ones.
import { createHash, createPublicKey, verify as cryptoVerify } from "node:crypto";

export type Verdict = { verified: boolean; sealKeyPinned: boolean; problems: string[] };

// ── §1 conventions ──

/** JSON.parse, refusing any object that names a member twice. */
export function strictParse(text: string): unknown {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') {
      if (i >= text.length) throw new SyntaxError("unterminated string");
      i += text[i] === "\\" ? 2 : 1;
    }
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const out: Record<string, unknown> = {};
      const seen = new Set<string>();
      ws();
      if (text[i] === "}") {
        i++;
        return out;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') throw new SyntaxError("expected a member name");
        const k = str();
        if (seen.has(k)) throw new SyntaxError(`duplicate member ${k}`);
        seen.add(k);
        ws();
        if (text[i++] !== ":") throw new SyntaxError("expected :");
        Object.defineProperty(out, k, { value: value(), enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return out;
        } else throw new SyntaxError("expected , or }");
      }
    }
    if (c === "[") {
      i++;
      const out: unknown[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return out;
      }
      for (;;) {
        out.push(value());
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return out;
        } else throw new SyntaxError("expected , or ]");
      }
    }
    if (c === '"') return str();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) throw new SyntaxError(`unexpected ${c}`);
    i += m[0].length;
    return JSON.parse(m[0]);
  };
  const v = value();
  ws();
  if (i !== text.length) throw new SyntaxError("trailing data");
  return v;
}

/** RFC 8785 for the values Concord hashes (integers, well-formed strings). */
export function jcs(v: unknown): string {
  if (v === null || typeof v === "boolean" || typeof v === "number" || typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(jcs).join(",")}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${jcs(o[k])}`).join(",")}}`;
}

const sha = (data: string | Buffer) => createHash("sha256").update(data).digest();
const shaHex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const b64u = (s: string) => Buffer.from(s, "base64url");

// ── COSE keys: a minimal CBOR reader (maps of integers to integers or byte strings) ──

function readCbor(buf: Buffer, pos = 0): [unknown, number] {
  const major = buf[pos] >> 5;
  const info = buf[pos] & 31;
  pos++;
  let n = info;
  if (info === 24) n = buf[pos++];
  else if (info === 25) {
    n = buf.readUInt16BE(pos);
    pos += 2;
  } else if (info === 26) {
    n = buf.readUInt32BE(pos);
    pos += 4;
  }
  if (info > 26) throw new Error("unsupported CBOR");
  switch (major) {
    case 0:
      return [n, pos];
    case 1:
      return [-1 - n, pos];
    case 2:
      return [buf.subarray(pos, pos + n), pos + n];
    case 3:
      return [buf.subarray(pos, pos + n).toString("utf8"), pos + n];
    case 5: {
      const m = new Map<unknown, unknown>();
      for (let k = 0; k < n; k++) {
        const [key, p1] = readCbor(buf, pos);
        const [val, p2] = readCbor(buf, p1);
        m.set(key, val);
        pos = p2;
      }
      return [m, pos];
    }
    default:
      throw new Error("unsupported CBOR major type");
  }
}

function verifyWithCose(cose: Buffer, data: Buffer, sig: Buffer): boolean {
  const m = readCbor(cose)[0] as Map<number, number | Buffer>;
  const x = (k: number) => (m.get(k) as Buffer).toString("base64url");
  if (m.get(1) === 2 && m.get(3) === -7) {
    const key = createPublicKey({ key: { kty: "EC", crv: "P-256", x: x(-2), y: x(-3) }, format: "jwk" });
    return cryptoVerify("sha256", data, { key, dsaEncoding: "der" }, sig);
  }
  if (m.get(1) === 1 && m.get(3) === -8) {
    return cryptoVerify(null, data, createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: x(-2) }, format: "jwk" }), sig);
  }
  if (m.get(1) === 3 && m.get(3) === -257) {
    return cryptoVerify("sha256", data, createPublicKey({ key: { kty: "RSA", n: x(-1), e: x(-2) }, format: "jwk" }), sig);
  }
  throw new Error("unsupported COSE key");
}

// ── the checks, §3 – §8 ──

type Obj = Record<string, unknown>;
type Entry = {
  seq: number;
  at: string;
  actorRef: string | null;
  actorName: string | null;
  type: string;
  data: Obj;
  privateHash: string;
  prevHash: string;
  hash: string;
  private?: { salt: string; data: Obj };
};
type Party = { orgId: string; role: string; signingGroup: number; name: string };

export function verifyBundleText(text: string, trustedKey?: string): Verdict {
  const problems: string[] = [];
  const p = (m: string) => problems.push(m);
  let b: Obj;
  try {
    b = strictParse(text) as Obj;
  } catch (e) {
    return { verified: false, sealKeyPinned: false, problems: [`unreadable: ${(e as Error).message}`] };
  }
  try {
    if (b.format !== "concord-verification-bundle/2") return { verified: false, sealKeyPinned: false, problems: ["wrong format"] };
    const accordId = b.accordId as string;
    const doc = b.document as { version: number; hash: string; canonical: string };
    const audit = b.audit as Entry[];
    const sigs = b.signatures as Obj[];
    if (b.status !== "EXECUTED") p("status is not EXECUTED");

    // §3 document
    if (shaHex(doc.canonical) !== doc.hash) p("document hash");
    const canon = strictParse(doc.canonical) as { accordId: string; version: number; clauses: unknown[]; parties: Party[] };
    if (jcs(canon) !== doc.canonical) p("text not canonical");
    if (canon.accordId !== accordId || canon.version !== doc.version) p("text of another accord or version");
    const parties = canon.parties;

    // §5 chain
    let prev = "0".repeat(64);
    audit.forEach((e, i) => {
      if (e.seq !== i + 1) p(`seq ${e.seq}`);
      if (e.prevHash !== prev) p(`link at ${e.seq}`);
      const h = shaHex(
        jcs({
          accordId,
          seq: e.seq,
          at: e.at,
          actorRef: e.actorRef ?? null,
          actorName: e.actorName ?? null,
          type: e.type,
          data: e.data,
          privateHash: e.privateHash,
          prevHash: e.prevHash,
        }),
      );
      if (h !== e.hash) p(`hash at ${e.seq}`);
      if (e.private && shaHex(jcs({ data: e.private.data, salt: e.private.salt })) !== e.privateHash) p(`private part at ${e.seq}`);
      prev = e.hash;
    });
    if (!audit.some((e) => e.type === "frozen" && e.data.documentHash === doc.hash)) p("no frozen entry for this hash");
    const executedEntries = audit.filter((e) => e.type === "executed");
    if (executedEntries.length !== 1 || executedEntries[0].data.documentHash !== doc.hash) p("not executed exactly once");

    // §4 versions
    const saved = new Map<number, string>();
    for (const e of audit) if (e.type === "version.saved") saved.set(e.data.version as number, e.data.contentHash as string);
    if (saved.get(doc.version) !== shaHex(jcs(canon.clauses))) p("frozen text differs from its saved version");
    const versions = b.versions as { number: number; contentHash: string; clauses: unknown[] }[] | undefined;
    if (versions) {
      for (const v of versions)
        if (shaHex(jcs(v.clauses)) !== v.contentHash || saved.get(v.number) !== v.contentHash) p(`version ${v.number}`);
      if (versions.length !== saved.size) p("version count");
    }

    // party → org
    const partyOrg = new Map<string, string>();
    for (const e of audit) {
      const { partyId, orgId } = e.data as { partyId?: string; orgId?: string };
      if (typeof partyId === "string" && typeof orgId === "string") {
        if (partyOrg.has(partyId) && partyOrg.get(partyId) !== orgId) p("party with two organizations");
        partyOrg.set(partyId, orgId);
      }
    }

    // §7 seal (read first: §8 needs its origin)
    const seal = b.seal as { payload: string; signature: string; keyId: string; publicKey: string } | null;
    let payload: Obj | null = null;
    let pinned = false;
    if (!seal) p("no seal");
    else {
      payload = strictParse(seal.payload) as Obj;
      const raw = b64u(seal.publicKey);
      const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: seal.publicKey }, format: "jwk" });
      if (!cryptoVerify(null, Buffer.from(seal.payload, "utf8"), key, b64u(seal.signature))) p("seal signature");
      if (shaHex(raw).slice(0, 16) !== seal.keyId || payload.keyId !== seal.keyId) p("seal key id");
      if (payload.format !== "concord-seal/2") p("seal format");
      if (payload.accordId !== accordId || payload.documentHash !== doc.hash) p("seal of another document");
      if (payload.chainHead !== audit.at(-1)?.hash || payload.chainLength !== audit.length) p("seal of another chain");
      if (payload.executedAt !== executedEntries[0]?.at) p("seal time");
      if (payload.pdfHash !== b.pdfHash) p("seal pdfHash");
      if (payload.timeZone !== b.timeZone) p("seal time zone");
      if (typeof payload.origin !== "string" || typeof payload.rpId !== "string") p("seal origin");
      pinned = trustedKey !== undefined && b64u(trustedKey).equals(raw);
      if (trustedKey !== undefined && !pinned) p("seal key is not the trusted key");
    }

    // §6 signatures
    const signedBy = new Map<string, Entry>();
    for (const e of audit) if (e.type === "signed") signedBy.set(e.data.partyId as string, e);
    const seen = new Set<string>();
    for (const s of sigs) {
      const partyId = s.partyId as string;
      if (seen.has(partyId)) p("party signed twice");
      seen.add(partyId);
      const challenge = sha(
        jcs({ accordId, documentHash: doc.hash, format: "concord-sign/1", nonce: s.nonce, partyId, signerId: s.signerRef }),
      ).toString("base64url");
      if (challenge !== s.challenge) p("challenge");
      if (s.documentHash !== doc.hash) p("signed another hash");
      const e = signedBy.get(partyId);
      if (!e || e.data.evidenceHash !== shaHex(jcs(s)) || e.actorRef !== s.signerRef || e.at !== s.signedAt || e.data.method !== s.method)
        p("signature differs from its signed entry");
      if (!parties.some((x) => x.orgId === e?.data.orgId)) p("signer's party is not in the text");
      if (s.method === "PASSKEY") {
        const cdBytes = b64u(s.clientDataJSON as string);
        const cd = JSON.parse(cdBytes.toString("utf8")) as Obj;
        if (cd.type !== "webauthn.get" || cd.challenge !== challenge || cd.origin !== s.origin) p("client data");
        const ad = b64u(s.authenticatorData as string);
        if (ad.length < 37 || !ad.subarray(0, 32).equals(sha(s.rpId as string))) p("rp id hash");
        if (!(ad[32] & 0x01) || !(ad[32] & 0x04)) p("user not present or not verified");
        if (!verifyWithCose(b64u(s.publicKey as string), Buffer.concat([ad, sha(cdBytes)]), b64u(s.signature as string)))
          p("passkey signature");
        if (payload && (s.origin !== payload.origin || s.rpId !== payload.rpId)) p("signed on another origin");
      } else if (s.method !== "EMAIL_CODE") p("unknown method");
    }
    for (const partyId of signedBy.keys()) if (!seen.has(partyId)) p("signed entry without a record");

    // §8 rules
    const current = new Map<string, Set<string>>();
    const signedOrgs = new Set<string>();
    let ended = false;
    for (const e of audit) {
      const d = e.data as Record<string, string>;
      const set = current.get(d.partyId) ?? new Set<string>();
      if (d.partyId) current.set(d.partyId, set);
      if (e.type === "signatory.designated") set.add(d.userRef);
      if (e.type === "signatory.delegated") {
        set.delete(d.fromUserRef);
        set.add(d.toUserRef);
      }
      if (e.type === "signatory.removed") set.delete(d.userRef);
      if (["withdrawn", "expired", "declined"].includes(e.type)) ended = true;
      if (e.type === "signed") {
        if (!e.actorRef || !set.has(e.actorRef)) p("signer not designated");
        if (ended) p("signed after the end");
        const party = parties.find((x) => x.orgId === d.orgId);
        if (
          party?.role === "PARTY" &&
          parties.some((x) => x.role === "PARTY" && x.signingGroup < party.signingGroup && !signedOrgs.has(x.orgId))
        )
          p("signing group order");
        signedOrgs.add(d.orgId);
      }
      if (e.type === "executed") {
        if (ended) p("executed after the end");
        if (parties.some((x) => x.role === "PARTY" && !signedOrgs.has(x.orgId))) p("executed before every party signed");
      }
    }
    for (const x of parties)
      if (x.role === "PARTY" && !sigs.some((s) => partyOrg.get(s.partyId as string) === x.orgId)) p(`${x.name} has no signature`);

    return { verified: problems.length === 0 && pinned, sealKeyPinned: pinned, problems };
  } catch (e) {
    return { verified: false, sealKeyPinned: false, problems: [...problems, `malformed: ${(e as Error).message}`] };
  }
}
