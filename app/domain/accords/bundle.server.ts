import type { Db, Tx } from "~/utils/db.server";
import { canonicalDocument, type Json, type SignatureEvidence } from "./canonical";
import { canonicalInputs, groupClauses } from "./common.server";
import { sealKey } from "./seal.server";
import { BUNDLE_FORMAT, type VerificationBundle } from "./verification";

/**
 * A stored signature row as evidence: exactly the canonical fields (extra
 * columns of the row must not reach the hashed record), with times in ISO form.
 */
export function evidenceOf(s: Omit<SignatureEvidence, "signedAt"> & { signedAt: Date }): SignatureEvidence {
  return {
    partyId: s.partyId,
    signerId: s.signerId,
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
    userHandle: s.userHandle,
    rpId: s.rpId,
    origin: s.origin,
    typedName: s.typedName,
    emailedTo: s.emailedTo,
  };
}

/**
 * Everything needed to verify a frozen accord without Concord's database. The
 * canonical text is rebuilt from the current rows (not copied from the stored
 * canonical text), so a clause or party changed in the database shows up as a
 * text that no longer matches the sealed document hash. Null before freezing.
 */
export async function loadBundle(client: Db | Tx, accordId: string): Promise<VerificationBundle | null> {
  const accord = await client.accord.findUnique({
    where: { id: accordId },
    select: {
      id: true,
      status: true,
      frozenVersion: true,
      documentHash: true,
      sealPayload: true,
      sealSignature: true,
      sealKeyId: true,
      pdfHash: true,
      conference: { select: { timeZone: true } },
      versions: { orderBy: { number: "asc" }, select: { number: true, contentHash: true, clauses: { select: { number: true, language: true, text: true } } } },
      signatures: { orderBy: { signedAt: "asc" } },
    },
  });
  if (!accord || accord.frozenVersion === null || !accord.documentHash) return null;
  const doc = await canonicalInputs(client as Tx, accord.id, accord.frozenVersion);
  // A long chain (a thousand entries) is read with one lean query: it is most of a verification's load.
  const audit = await client.$queryRaw<{ seq: number; at: Date; actorId: string | null; actorName: string | null; type: string; data: Json; prevHash: string; hash: string }[]>`
    SELECT "seq", "at", "actorId"::text AS "actorId", "actorName", "type", "data", "prevHash", "hash"
    FROM "AccordAuditEntry" WHERE "accordId" = ${accordId}::uuid ORDER BY "seq", "id"`;
  let seal: VerificationBundle["seal"] = null;
  if (accord.sealPayload && accord.sealSignature && accord.sealKeyId) {
    const payload = JSON.parse(accord.sealPayload) as { keyId: string };
    seal = { payload: accord.sealPayload, signature: accord.sealSignature, keyId: accord.sealKeyId, publicKey: sealPublicKeyFor(payload.keyId) };
  }
  return {
    format: BUNDLE_FORMAT,
    accordId: accord.id,
    status: accord.status,
    timeZone: accord.conference?.timeZone ?? null,
    document: { version: accord.frozenVersion, hash: accord.documentHash, canonical: canonicalDocument(doc) },
    versions: accord.versions.map((v) => ({ number: v.number, contentHash: v.contentHash, clauses: groupClauses(v.clauses) })),
    signatures: accord.signatures.map(evidenceOf),
    audit: audit.map((e) => ({ seq: e.seq, at: e.at.toISOString(), actorId: e.actorId, actorName: e.actorName, type: e.type, data: e.data as Json, prevHash: e.prevHash, hash: e.hash })),
    seal,
    pdfHash: accord.pdfHash,
  };
}


/**
 * The public key that made a seal. One platform key today; a rotated key
 * would be looked up here by its id (and keep being published).
 */
function sealPublicKeyFor(keyId: string) {
  const k = sealKey();
  return keyId === k.keyId ? k.raw.toString("base64url") : "";
}
