import { Prisma } from "~/generated/prisma/client";
import type { Db, Tx } from "~/utils/db.server";
import { canonicalDocument, sha256Hex, type CanonicalParty, type SignatureEvidence } from "./canonical";
import { groupClauses, titleRecord } from "./common.server";
import { sealKey } from "./seal.server";
import { BUNDLE_FORMAT, type BundleAuditEntry, type BundleView, type VerificationBundle } from "./verification";

/**
 * A stored signature row as evidence: exactly the canonical fields (extra
 * columns of the row must not reach the hashed record), with times in ISO form.
 * The bundle query below selects the same fields in SQL (a test keeps the two equal).
 */
export function evidenceOf(
  s: Omit<SignatureEvidence, "signedAt" | "signerRef"> & { signedAt: Date; signerRef: string | null },
): SignatureEvidence {
  return {
    partyId: s.partyId,
    signerRef: s.signerRef ?? "",
    signerName: s.signerName,
    signerRole: s.signerRole,
    orgName: s.orgName,
    method: s.method,
    signedAt: s.signedAt.toISOString(),
    documentHash: s.documentHash,
    nonce: s.nonce,
    challenge: s.challenge,
    credentialId: s.credentialId,
    publicKey: s.publicKey,
    authenticatorData: s.authenticatorData,
    clientDataJSON: s.clientDataJSON,
    signature: s.signature,
    rpId: s.rpId,
    origin: s.origin,
    typedName: s.typedName,
  };
}

/** The accord as the bundle's first query returns it (see `readAccord`). */
type AccordRecord = {
  id: string;
  status: string;
  kind: string;
  title: string;
  titleZh: string | null;
  languages: string[];
  frozenVersion: number;
  documentHash: string;
  sealPayload: string | null;
  sealSignature: string | null;
  sealKeyId: string | null;
  pdfHash: string | null;
  timeZone: string | null;
  parties: CanonicalParty[];
  versions: { number: number; contentHash: string; clauses: { number: number; language: string; text: string }[] }[] | null;
  signatures: SignatureEvidence[];
};

/** Times as JavaScript's toISOString() renders them (UTC, milliseconds, "Z"): the form they are hashed in. */
const ISO_UTC = 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"';

/**
 * A frozen accord with its parties, every version's clauses and its
 * signatures, in one round trip: PostgreSQL assembles them into one JSON text,
 * parsed once here, instead of the ORM's query per relation. Only the columns
 * the bundle carries are read (not the PDF bytes, nor the rows' own ids).
 */
async function readAccord(client: Db | Tx, accordId: string, view: BundleView): Promise<AccordRecord | null> {
  const rows = await client.$queryRaw<{ record: string }[]>`
    SELECT ${accordRecord(view)}::text AS "record" FROM "Accord" a WHERE ${frozenAccord(accordId)}`;
  return rows[0] ? (JSON.parse(rows[0].record) as AccordRecord) : null;
}

/** The frozen accord the bundle is of (in `FROM "Accord" a`). */
const frozenAccord = (accordId: string) =>
  Prisma.sql`a."id" = ${accordId}::uuid AND a."frozenVersion" IS NOT NULL AND a."documentHash" <> ''`;

/** The accord's record as one JSON value, for `readAccord` and, digested, for `bundleDigest`. */
function accordRecord(view: BundleView): Prisma.Sql {
  const parties = view === "parties";
  return Prisma.sql`json_build_object(
      'id', a."id", 'status', a."status", 'kind', a."kind", 'title', a."title", 'titleZh', a."titleZh", 'languages', a."languages",
      'frozenVersion', a."frozenVersion", 'documentHash', a."documentHash",
      'sealPayload', a."sealPayload", 'sealSignature', a."sealSignature", 'sealKeyId', a."sealKeyId", 'pdfHash', a."pdfHash",
      'timeZone', (SELECT c."timeZone" FROM "Conference" c WHERE c."id" = a."conferenceId"),
      'parties', COALESCE((
        SELECT json_agg(json_build_object(
          'position', p."position", 'orgId', p."orgId", 'name', o."nameEn", 'nameNative', o."nameNative",
          'country', o."country", 'role', p."role", 'signingGroup', p."signingGroup") ORDER BY p."position")
        FROM "AccordParty" p JOIN "Organization" o ON o."id" = p."orgId" WHERE p."accordId" = a."id"), '[]'),
      'versions', CASE WHEN ${parties}::boolean THEN COALESCE((
        SELECT json_agg(json_build_object(
          'number', v."number", 'contentHash', v."contentHash",
          'clauses', COALESCE((
            SELECT json_agg(json_build_object('number', k."number", 'language', k."language", 'text', k."text") ORDER BY k."number", k."language")
            FROM "AccordClause" k WHERE k."versionId" = v."id"), '[]')) ORDER BY v."number")
        FROM "AccordVersion" v WHERE v."accordId" = a."id"), '[]') END,
      'signatures', COALESCE((
        SELECT json_agg(json_build_object(
          'partyId', s."partyId", 'signerRef', COALESCE(s."signerRef", ''), 'signerName', s."signerName", 'signerRole', s."signerRole",
          'orgName', s."orgName", 'method', s."method", 'signedAt', to_char(s."signedAt" AT TIME ZONE 'UTC', ${ISO_UTC}),
          'documentHash', s."documentHash", 'nonce', s."nonce", 'challenge', s."challenge",
          'credentialId', s."credentialId", 'publicKey', s."publicKey", 'authenticatorData', s."authenticatorData",
          'clientDataJSON', s."clientDataJSON", 'signature', s."signature",
          'rpId', s."rpId", 'origin', s."origin", 'typedName', s."typedName") ORDER BY s."signedAt", s."id")
        FROM "AccordSignature" s WHERE s."accordId" = a."id"), '[]')
    )`;
}

/**
 * A digest of everything the bundle of this view is built from — the accord's record exactly as
 * `readAccord` reads it, every audit row as `readAudit` reads it, in its order, and the frozen
 * version's clause rows (the public view's text is rebuilt from them) — computed by
 * PostgreSQL, so a caller can tell whether the bundle is the one it saw before without reading,
 * parsing and rebuilding it (decision 076). Null when the accord is not frozen.
 */
export async function bundleDigest(client: Db | Tx, accordId: string, view: BundleView): Promise<string | null> {
  const rows = await client.$queryRaw<{ record: string | null; audit: string; frozen: string }[]>`
    SELECT
      (SELECT encode(sha256(convert_to(${accordRecord(view)}::text, 'UTF8')), 'hex') FROM "Accord" a WHERE ${frozenAccord(accordId)}) AS "record",
      (SELECT encode(sha256(convert_to(COALESCE(string_agg(json_build_array(
          e."seq", to_char(e."at" AT TIME ZONE 'UTC', ${ISO_UTC}), e."actorRef", e."actorName", e."type", e."data",
          COALESCE(e."privateHash", ''), e."prevHash", e."hash",
          CASE WHEN ${view === "parties"}::boolean THEN e."privatePart" END)::text, E'\n' ORDER BY e."seq", e."id"), ''), 'UTF8')), 'hex')
       FROM "AccordAuditEntry" e WHERE e."accordId" = ${accordId}::uuid) AS "audit",
      (SELECT encode(sha256(convert_to(COALESCE(string_agg(json_build_array(k."number", k."language", k."text")::text, E'\n'
          ORDER BY k."number", k."language"), ''), 'UTF8')), 'hex')
       FROM "AccordClause" k JOIN "AccordVersion" v ON v."id" = k."versionId" JOIN "Accord" a ON a."id" = v."accordId"
       WHERE v."accordId" = ${accordId}::uuid AND v."number" = a."frozenVersion") AS "frozen"`;
  const row = rows[0];
  return row?.record ? sha256Hex(`${view}\n${row.record}\n${row.audit}\n${row.frozen}\n${sealKey().raw.toString("base64url")}`) : null;
}

/**
 * The audit chain, in order, exactly as the bundle carries it (with each
 * entry's private part in the parties' view only). Plain rows, not JSON:
 * PostgreSQL streams a thousand rows faster than it builds them into one JSON
 * text, and they need no reshaping here.
 */
async function readAudit(client: Db | Tx, accordId: string, view: BundleView): Promise<BundleAuditEntry[]> {
  if (view === "parties") {
    return client.$queryRaw<BundleAuditEntry[]>`
      SELECT "seq", to_char("at" AT TIME ZONE 'UTC', ${ISO_UTC}) AS "at", "actorRef", "actorName", "type", "data",
             COALESCE("privateHash", '') AS "privateHash", "prevHash", "hash", "privatePart" AS "private"
      FROM "AccordAuditEntry" WHERE "accordId" = ${accordId}::uuid ORDER BY "seq", "id"`;
  }
  return client.$queryRaw<BundleAuditEntry[]>`
    SELECT "seq", to_char("at" AT TIME ZONE 'UTC', ${ISO_UTC}) AS "at", "actorRef", "actorName", "type", "data",
           COALESCE("privateHash", '') AS "privateHash", "prevHash", "hash"
    FROM "AccordAuditEntry" WHERE "accordId" = ${accordId}::uuid ORDER BY "seq", "id"`;
}

/** A frozen accord's bundle, with the accord's current titles (for /verify's heading). */
export type AccordForVerification = { bundle: VerificationBundle; title: string; titleZh: string | null };

/**
 * Everything needed to verify a frozen accord without Concord's database. The
 * canonical text is rebuilt from the current rows (not copied from the stored
 * canonical text), so a clause or party changed in the database shows up as a
 * text that no longer matches the sealed document hash. Null before freezing.
 */
export async function loadAccordForVerification(
  client: Db | Tx,
  accordId: string,
  view: BundleView = "public",
): Promise<AccordForVerification | null> {
  // Two queries at once (one after the other inside a transaction), each its
  // own snapshot as the ORM's several queries were; an executed accord no
  // longer changes.
  const [a, audit] = await Promise.all([readAccord(client, accordId, view), readAudit(client, accordId, view)]);
  if (!a) return null;
  const versions = a.versions?.map((v) => ({ number: v.number, contentHash: v.contentHash, clauses: groupClauses(v.clauses) }));
  // The frozen text's clauses are its version's rows, grouped as every version's are (none if the version is missing).
  const frozenClauses = versions
    ? (versions.find((v) => v.number === a.frozenVersion)?.clauses ?? [])
    : await frozenClausesOf(client, a.id, a.frozenVersion);
  const canonical = canonicalDocument({
    accordId: a.id,
    kind: a.kind,
    version: a.frozenVersion,
    languages: a.languages,
    title: titleRecord(a),
    parties: a.parties,
    clauses: frozenClauses,
  });
  let seal: VerificationBundle["seal"] = null;
  if (a.sealPayload && a.sealSignature && a.sealKeyId) {
    const payload = JSON.parse(a.sealPayload) as { keyId: string };
    seal = { payload: a.sealPayload, signature: a.sealSignature, keyId: a.sealKeyId, publicKey: sealPublicKeyFor(payload.keyId) };
  }
  const bundle: VerificationBundle = {
    format: BUNDLE_FORMAT,
    view,
    accordId: a.id,
    status: a.status,
    timeZone: a.timeZone,
    document: { version: a.frozenVersion, hash: a.documentHash, canonical },
    ...(versions ? { versions } : {}),
    signatures: a.signatures,
    audit,
    seal,
    pdfHash: a.pdfHash,
  };
  return { bundle, title: a.title, titleZh: a.titleZh };
}

/** The frozen version's clause rows only (the public view carries no other version). */
async function frozenClausesOf(client: Db | Tx, accordId: string, version: number) {
  const rows = await client.$queryRaw<{ number: number; language: string; text: string }[]>`
    SELECT k."number", k."language", k."text" FROM "AccordClause" k JOIN "AccordVersion" v ON v."id" = k."versionId"
    WHERE v."accordId" = ${accordId}::uuid AND v."number" = ${version} ORDER BY k."number", k."language"`;
  return groupClauses(rows);
}

/** The verification bundle of a frozen accord (see `loadAccordForVerification`); null before freezing. */
export async function loadBundle(client: Db | Tx, accordId: string, view: BundleView = "public"): Promise<VerificationBundle | null> {
  return (await loadAccordForVerification(client, accordId, view))?.bundle ?? null;
}

/**
 * The public key that made a seal. One platform key today; a rotated key
 * would be looked up here by its id (and keep being published).
 */
function sealPublicKeyFor(keyId: string) {
  const k = sealKey();
  return keyId === k.keyId ? k.raw.toString("base64url") : "";
}
