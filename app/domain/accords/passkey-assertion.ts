// Archival re-verification of stored WebAuthn assertions, for the verifier
// (verification.ts). Pure like it: node:crypto and the COSE decoder, relative
// imports only, so the offline `npm run verify` runs it unchanged.
import { createPublicKey, KeyObject, verify, webcrypto, type VerifyKeyObjectInput } from "node:crypto";
import { decodeCredentialPublicKey } from "@simplewebauthn/server/helpers";
import { sha256, type SignatureEvidence } from "./canonical";

/**
 * crypto.verify in its callback form: OpenSSL runs the verification on
 * libuv's thread pool, so the verifier's many signature checks run in
 * parallel with one another and with the hashing it does on the main thread
 * meanwhile. Resolves to the same boolean the synchronous form returns.
 *
 * The pending callback must not keep the key reachable (the job holds its
 * own reference to the OpenSSL key): keys kept alive across a minor garbage
 * collection move to the old generation, and a hundred per verification add
 * up to full collections that pause for hundreds of milliseconds to free
 * them. Hence the callback is made apart, where no key is in scope.
 */
export function verifyOffThread(
  algorithm: string | null,
  data: Uint8Array,
  key: KeyObject | VerifyKeyObjectInput,
  signature: Uint8Array,
): Promise<boolean> {
  const { promise, callback } = callbackPromise<boolean>();
  verify(algorithm, data, key, signature, callback);
  return promise;
}

/** A promise and the Node-style callback that settles it. */
function callbackPromise<T>(): { promise: Promise<T>; callback: (error: Error | null, value: T) => void } {
  let callback!: (error: Error | null, value: T) => void;
  const promise = new Promise<T>((resolve, reject) => {
    callback = (error, value) => (error ? reject(error) : resolve(value));
  });
  return { promise, callback };
}

/**
 * Re-verifies one stored WebAuthn assertion (W3C WebAuthn §7.2, the steps
 * that apply to archived evidence): clientData type, challenge and origin;
 * the authenticator data's RP id hash and its user-present and user-verified
 * flags; and the signature over authenticatorData ‖ SHA-256(clientDataJSON)
 * with the stored COSE public key (ES256, EdDSA or RS256). Live signing uses
 * @simplewebauthn/server; this archival check uses node:crypto directly so a
 * 100-signature accord verifies in milliseconds. tests/accords/passkey-assertion.test.ts
 * runs both on the same assertions.
 *
 * Everything but the signature is checked, and the key imported (once),
 * before this returns its promise; the signature itself is then verified on
 * the thread pool. Resolves to the problems found, none when it holds.
 */
export async function checkAssertion(s: SignatureEvidence, challenge: string): Promise<string[]> {
  if (!s.credentialId || !s.publicKey || !s.authenticatorData || !s.clientDataJSON || !s.signature || !s.rpId || !s.origin) {
    return ["passkey evidence is incomplete"];
  }
  try {
    const problems: string[] = [];
    const clientDataBytes = Buffer.from(s.clientDataJSON, "base64url");
    const clientData = JSON.parse(clientDataBytes.toString("utf8")) as { type?: string; challenge?: string; origin?: string };
    if (clientData.type !== "webauthn.get") problems.push("the assertion is not a WebAuthn get");
    if (clientData.challenge !== challenge) problems.push("the assertion answers another challenge");
    if (clientData.origin !== s.origin) problems.push("the assertion was made on another origin");
    const authData = Buffer.from(s.authenticatorData, "base64url");
    if (authData.length < 37) return [...problems, "the authenticator data is malformed"];
    if (!authData.subarray(0, 32).equals(sha256(s.rpId))) problems.push("the assertion was made for another relying party");
    const flags = authData[32];
    if (!(flags & 0x01)) problems.push("the user was not present");
    if (!(flags & 0x04)) problems.push("the user was not verified");
    const verified = verifyWithCoseKey(
      Buffer.from(s.publicKey, "base64url"),
      Buffer.concat([authData, sha256(clientDataBytes)]),
      Buffer.from(s.signature, "base64url"),
    );
    if (!(await verified)) problems.push("the passkey signature does not verify");
    return problems;
  } catch (error) {
    return [`the passkey assertion does not verify (${(error as Error).message})`];
  }
}

/** Imports the key and starts the verification; nothing keeps the key once the job has it (see verifyOffThread). */
function verifyWithCoseKey(coseKey: Buffer, data: Buffer, signature: Buffer): Promise<boolean> {
  return importCoseKey(coseKey).then(({ algorithm, key }) => verifyOffThread(algorithm, data, key, signature));
}

/** A COSE public key (RFC 9053) as node:crypto verifies with it: the digest to use and the imported key. */
async function importCoseKey(coseKey: Buffer): Promise<{ algorithm: string | null; key: KeyObject | VerifyKeyObjectInput }> {
  const cose = decodeCredentialPublicKey(new Uint8Array(coseKey)) as unknown as Map<number, number | Uint8Array>;
  const b64 = (v: unknown) => Buffer.from(v as Uint8Array).toString("base64url");
  const kty = cose.get(1);
  const alg = cose.get(3);
  if (kty === 2 && alg === -7 && cose.get(-1) === 1) {
    // Imported as a raw point (through WebCrypto, the one API for it) rather
    // than as a JWK: the JWK import also multiplies the point by the group
    // order, redundant on P-256 (cofactor 1), and with the key's later
    // conversion for OpenSSL's provider it cost nearly twice as much. The raw
    // import still refuses a point off the curve: the same keys are accepted.
    const point = Buffer.concat([Buffer.from([0x04]), p256Coordinate(cose.get(-2)), p256Coordinate(cose.get(-3))]);
    const key = KeyObject.from(await webcrypto.subtle.importKey("raw", point, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]));
    return { algorithm: "sha256", key: { key, dsaEncoding: "der" } };
  }
  if (kty === 1 && alg === -8 && cose.get(-1) === 6) {
    return { algorithm: null, key: createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: b64(cose.get(-2)) }, format: "jwk" }) };
  }
  if (kty === 3 && alg === -257) {
    return {
      algorithm: "sha256",
      key: createPublicKey({ key: { kty: "RSA", n: b64(cose.get(-1)), e: b64(cose.get(-2)) }, format: "jwk" }),
    };
  }
  throw new Error(`unsupported key type ${String(kty)} / algorithm ${String(alg)}`);
}

/**
 * A P-256 coordinate as the 32 big-endian bytes of an uncompressed point. COSE
 * keys carry exactly 32, but the coordinate is read by value, as a JWK import
 * reads it, so a key with its leading zeros dropped or padded is the same key.
 */
function p256Coordinate(value: unknown): Buffer {
  const bytes = Buffer.from(value as Uint8Array);
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start++;
  if (bytes.length - start > 32) throw new Error("a P-256 coordinate is out of range");
  return Buffer.concat([Buffer.alloc(32 - (bytes.length - start)), bytes.subarray(start)]);
}
