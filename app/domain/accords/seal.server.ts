import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "~/utils/env.server";
import { sealKeyId, sealPayloadText, type SealPayload } from "./canonical";

/**
 * The platform's Ed25519 sealing key. SEAL_PRIVATE_KEY (PKCS#8 PEM, or its
 * base64 on one line) wins; otherwise the embedded default keeps a generated
 * key next to its data ($CONCORD_DATA_DIR or ./data, like server/start.js keeps
 * the session secret), created on first use with mode 0600.
 */
type SealKey = { privateKey: KeyObject; publicKey: KeyObject; raw: Buffer; keyId: string };
let cached: SealKey | undefined;

function readPem(): string {
  const fromEnv = env().SEAL_PRIVATE_KEY?.trim();
  if (fromEnv) {
    return fromEnv.includes("BEGIN")
      ? fromEnv.replace(/\\n/g, "\n")
      : `-----BEGIN PRIVATE KEY-----\n${fromEnv}\n-----END PRIVATE KEY-----\n`;
  }
  const file = path.resolve(env().CONCORD_DATA_DIR, "seal-key.pem");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync("ed25519");
    try {
      // "wx": two processes starting at once must not overwrite each other's key.
      fs.writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }) as string, { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return fs.readFileSync(file, "utf8");
}

export function sealKey(): SealKey {
  if (!cached) {
    const privateKey = createPrivateKey(readPem());
    if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("SEAL_PRIVATE_KEY must be an Ed25519 private key");
    const publicKey = createPublicKey(privateKey);
    const raw = Buffer.from(publicKey.export({ format: "jwk" }).x as string, "base64url");
    cached = { privateKey, publicKey, raw, keyId: sealKeyId(raw) };
  }
  return cached;
}

/** Tests switch keys between files. */
export function resetSealKeyCache() {
  cached = undefined;
}

/** The public key as published at /.well-known/concord-seal-key. */
export function publishedSealKey() {
  const k = sealKey();
  return {
    keyId: k.keyId,
    algorithm: "Ed25519",
    publicKey: k.raw.toString("base64url"),
    jwk: { kty: "OKP", crv: "Ed25519", x: k.raw.toString("base64url"), kid: k.keyId },
    pem: k.publicKey.export({ type: "spki", format: "pem" }) as string,
  };
}

export function sealDocument(p: Omit<SealPayload, "keyId">) {
  const k = sealKey();
  const payload = sealPayloadText({ ...p, keyId: k.keyId });
  const signature = sign(null, Buffer.from(payload, "utf8"), k.privateKey).toString("base64url");
  return { payload, signature, keyId: k.keyId, publicKey: k.raw.toString("base64url") };
}
