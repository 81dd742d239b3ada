// The archival passkey check (passkey-assertion.ts, node:crypto directly) must
// accept and refuse exactly what @simplewebauthn/server — the live signing
// check — accepts and refuses, for every key type the verifier supports.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { verifyAuthenticationResponse } from "@simplewebauthn/server";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import { describe, expect, it } from "vitest";
import type { SignatureEvidence } from "~/domain/accords/canonical";
import { checkAssertion } from "~/domain/accords/passkey-assertion";

const RP_ID = "localhost";
const ORIGIN = "http://localhost:3000";
const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest();
const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64url");

type Kind = "ES256" | "EdDSA" | "RS256";

/** A credential of the given kind: its COSE public key and a signer (node:crypto's own conventions per algorithm). */
function credential(kind: Kind) {
  let keys: { publicKey: KeyObject; privateKey: KeyObject };
  let cose: Map<number, number | Uint8Array>;
  if (kind === "ES256") {
    keys = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = keys.publicKey.export({ format: "jwk" });
    cose = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x!, "base64url")],
      [-3, Buffer.from(jwk.y!, "base64url")],
    ]);
  } else if (kind === "EdDSA") {
    keys = generateKeyPairSync("ed25519");
    const jwk = keys.publicKey.export({ format: "jwk" });
    cose = new Map<number, number | Uint8Array>([
      [1, 1],
      [3, -8],
      [-1, 6],
      [-2, Buffer.from(jwk.x!, "base64url")],
    ]);
  } else {
    keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const jwk = keys.publicKey.export({ format: "jwk" });
    cose = new Map<number, number | Uint8Array>([
      [1, 3],
      [3, -257],
      [-1, Buffer.from(jwk.n!, "base64url")],
      [-2, Buffer.from(jwk.e!, "base64url")],
    ]);
  }
  const id = b64(randomBytes(16));
  return {
    id,
    publicKey: b64(isoCBOR.encode(cose)),
    sign: (data: Buffer) => sign(kind === "EdDSA" ? null : "sha256", data, keys.privateKey),
  };
}

type Assertion = { authenticatorData: string; clientDataJSON: string; signature: string };

function assertion(
  c: ReturnType<typeof credential>,
  challenge: string,
  o: { flags?: number; rpId?: string; origin?: string; type?: string } = {},
): Assertion {
  const authData = Buffer.concat([sha256(o.rpId ?? RP_ID), Buffer.from([o.flags ?? 0x05]), Buffer.from([0, 0, 0, 0])]);
  const clientData = Buffer.from(
    JSON.stringify({ type: o.type ?? "webauthn.get", challenge, origin: o.origin ?? ORIGIN, crossOrigin: false }),
  );
  const signature = c.sign(Buffer.concat([authData, sha256(clientData)]));
  return { authenticatorData: b64(authData), clientDataJSON: b64(clientData), signature: b64(signature) };
}

function flip(b64url: string, at: number) {
  const buf = Buffer.from(b64url, "base64url");
  buf[at % buf.length] ^= 0x01;
  return buf.toString("base64url");
}

async function archival(c: ReturnType<typeof credential>, a: Assertion, challenge: string) {
  const evidence: SignatureEvidence = {
    partyId: "p",
    signerRef: "s",
    signerName: "Signer",
    signerRole: null,
    orgName: "Org",
    method: "PASSKEY",
    signedAt: new Date(0).toISOString(),
    documentHash: "0".repeat(64),
    nonce: "n",
    challenge,
    credentialId: c.id,
    publicKey: c.publicKey,
    ...a,
    rpId: RP_ID,
    origin: ORIGIN,
    typedName: null,
  };
  return (await checkAssertion(evidence, challenge)).length === 0;
}

async function live(c: ReturnType<typeof credential>, a: Assertion, challenge: string) {
  try {
    const result = await verifyAuthenticationResponse({
      response: { id: c.id, rawId: c.id, type: "public-key", clientExtensionResults: {}, response: a },
      expectedChallenge: challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      credential: { id: c.id, publicKey: new Uint8Array(Buffer.from(c.publicKey, "base64url")), counter: 0 },
      requireUserVerification: true,
    });
    return result.verified;
  } catch {
    return false;
  }
}

describe("archival passkey check agrees with @simplewebauthn/server", () => {
  for (const kind of ["ES256", "EdDSA", "RS256"] as const) {
    it(`${kind}: accepts a good assertion and refuses every altered one`, async () => {
      const c = credential(kind);
      const challenge = b64(randomBytes(32));
      const good = assertion(c, challenge);
      const cases: [string, Assertion, boolean][] = [
        ["the assertion as made", good, true],
        ["a signature byte", { ...good, signature: flip(good.signature, 10) }, false],
        ["the RP id hash", { ...good, authenticatorData: flip(good.authenticatorData, 3) }, false],
        ["the flags byte after signing", { ...good, authenticatorData: flip(good.authenticatorData, 32) }, false],
        [
          "the client data after signing",
          { ...good, clientDataJSON: b64(Buffer.from(Buffer.from(good.clientDataJSON, "base64url").toString().replace("false", "true "))) },
          false,
        ],
        ["another challenge", assertion(c, b64(randomBytes(32))), false],
        ["another origin", assertion(c, challenge, { origin: "https://evil.example" }), false],
        ["another relying party", assertion(c, challenge, { rpId: "evil.example" }), false],
        ["a create instead of a get", assertion(c, challenge, { type: "webauthn.create" }), false],
        ["no user verification", assertion(c, challenge, { flags: 0x01 }), false],
        ["no user presence", assertion(c, challenge, { flags: 0x04 }), false],
        ["a signature by another key", assertion(credential(kind), challenge), false],
      ];
      for (const [what, a, expected] of cases) {
        expect({ what, archival: await archival(c, a, challenge) }).toEqual({ what, archival: expected });
        expect({ what, live: await live(c, a, challenge) }).toEqual({ what, live: expected });
      }
    });
  }

  it("reads P-256 coordinates by value and refuses a point off the curve", async () => {
    // A key whose x coordinate starts with a zero byte (about one in 256).
    let c = credential("ES256");
    let cose = isoCBOR.decodeFirst<Map<number, number | Uint8Array>>(Buffer.from(c.publicKey, "base64url"));
    while ((cose.get(-2) as Uint8Array)[0] !== 0) {
      c = credential("ES256");
      cose = isoCBOR.decodeFirst<Map<number, number | Uint8Array>>(Buffer.from(c.publicKey, "base64url"));
    }
    const challenge = b64(randomBytes(32));
    const a = assertion(c, challenge);
    const x = cose.get(-2) as Uint8Array;
    const withX = (value: Uint8Array) => ({ ...c, publicKey: b64(isoCBOR.encode(new Map(cose).set(-2, value))) });
    expect(await archival(c, a, challenge)).toBe(true);
    expect(await archival(withX(x.subarray(1)), a, challenge)).toBe(true);
    expect(await archival(withX(Buffer.concat([Buffer.from([0]), x])), a, challenge)).toBe(true);
    const offCurve = Buffer.from(x);
    offCurve[31] ^= 0x01;
    expect(await archival(withX(offCurve), a, challenge)).toBe(false);
    expect(await archival(withX(Buffer.concat([Buffer.from([1]), x])), a, challenge)).toBe(false);
  });

  it("refuses a key type it does not support", async () => {
    const c = credential("ES256");
    const challenge = b64(randomBytes(32));
    const a = assertion(c, challenge);
    const p384 = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -35],
      [-1, 2],
      [-2, new Uint8Array(48)],
      [-3, new Uint8Array(48)],
    ]);
    const evidence = { publicKey: b64(isoCBOR.encode(p384)) };
    expect(await archival({ ...c, ...evidence }, a, challenge)).toBe(false);
  });
});
