// A software WebAuthn authenticator (ES256, user verification on): it makes
// real attestations and assertions that @simplewebauthn/server verifies exactly
// as it verifies a browser's. The demo signs the 2025 ceremony with it (the
// signatories used passkeys there); tests and benchmarks use it as a browser would.
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest();

export class SoftAuthenticator {
  readonly credentialId = randomBytes(16);
  private readonly keys = generateKeyPairSync("ec", { namedCurve: "P-256" });
  private counter = 0;
  constructor(
    readonly rpId = "localhost",
    readonly origin = "http://localhost:3000",
  ) {}

  get id() {
    return this.credentialId.toString("base64url");
  }

  /** The COSE public key (base64url), as stored in WebAuthnCredential.publicKey. */
  get cosePublicKey() {
    const jwk = this.keys.publicKey.export({ format: "jwk" });
    const cose = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, new Uint8Array(Buffer.from(jwk.x!, "base64url"))],
      [-3, new Uint8Array(Buffer.from(jwk.y!, "base64url"))],
    ]);
    return Buffer.from(isoCBOR.encode(cose)).toString("base64url");
  }

  private authData(flags: number, attested?: Buffer) {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(++this.counter);
    return Buffer.concat([sha256(this.rpId), Buffer.from([flags]), counter, ...(attested ? [attested] : [])]);
  }

  /** navigator.credentials.create() with attestation "none". */
  register(challenge: string) {
    const idLen = Buffer.alloc(2);
    idLen.writeUInt16BE(this.credentialId.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLen, this.credentialId, Buffer.from(this.cosePublicKey, "base64url")]);
    const authData = this.authData(0x45, attested);
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ["fmt", "none"],
        ["attStmt", new Map()],
        ["authData", new Uint8Array(authData)],
      ]) as never,
    );
    const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.create", challenge, origin: this.origin, crossOrigin: false }));
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key" as const,
      clientExtensionResults: {},
      response: {
        attestationObject: Buffer.from(attestationObject).toString("base64url"),
        clientDataJSON: clientDataJSON.toString("base64url"),
        transports: ["internal"],
      },
    };
  }

  /** navigator.credentials.get() for the given (base64url) challenge. */
  assert(challenge: string, opts: { userVerified?: boolean; origin?: string } = {}) {
    const authData = this.authData(opts.userVerified === false ? 0x01 : 0x05);
    const clientDataJSON = Buffer.from(
      JSON.stringify({ type: "webauthn.get", challenge, origin: opts.origin ?? this.origin, crossOrigin: false }),
    );
    const signature = sign("sha256", Buffer.concat([authData, sha256(clientDataJSON)]), this.keys.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key" as const,
      clientExtensionResults: {},
      response: {
        authenticatorData: authData.toString("base64url"),
        clientDataJSON: clientDataJSON.toString("base64url"),
        signature: signature.toString("base64url"),
      },
    };
  }
}
