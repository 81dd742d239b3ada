import { createHash, randomBytes } from "node:crypto";

/** A URL-safe random secret for emailed links (256 bits). */
export function newSecret() {
  return randomBytes(32).toString("base64url");
}

/** Only hashes of emailed secrets are stored, so a database leak cannot sign anyone in. */
export function hashSecret(secret: string) {
  return createHash("sha256").update(secret).digest("hex");
}
