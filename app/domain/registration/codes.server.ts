import { randomBytes, randomInt } from "node:crypto";

// Crockford-like alphabet: no 0/O, 1/I/L, so references survive being typed from a bank statement.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

function code(length: number) {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** Payment reference, e.g. "ICETE-7K3P9Q": the conference slug's first word and 6 random characters. */
export function paymentReference(slug: string) {
  const prefix =
    slug
      .split("-")[0]
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, "")
      .slice(0, 8) || "REG";
  return `${prefix}-${code(6)}`;
}

/** The badge secret in the QR code: unguessable, short enough to type at a check-in desk. */
export function badgeCode() {
  return code(10);
}

export function verificationCode() {
  return randomBytes(8).toString("hex").toUpperCase();
}
