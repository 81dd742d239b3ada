import { randomBytes } from "node:crypto";
import { generateRegistrationOptions, verifyRegistrationResponse, type RegistrationResponseJSON } from "@simplewebauthn/server";
import { audit } from "~/domain/audit.server";
import { requireConfirmed } from "~/utils/confirm";
import { db } from "~/utils/db.server";
import { AppError, unauthorized } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { relyingParty } from "./webauthn.server";

const CHALLENGE_MINUTES = 5;

/** Registration options for a new passkey of the signed-in user; the challenge is stored for one use. */
export async function startPasskeyRegistration(o: { actor: SessionUser | null }) {
  if (!o.actor) throw unauthorized();
  const actor = o.actor;
  const existing = await db().webAuthnCredential.findMany({
    where: { userId: actor.id },
    select: { credentialId: true, transports: true },
  });
  const challenge = randomBytes(32);
  const { rpId, rpName } = relyingParty();
  const options = await generateRegistrationOptions({
    rpName,
    rpID: rpId,
    userName: actor.email,
    userDisplayName: actor.nameNative ? `${actor.nameLatin} (${actor.nameNative})` : actor.nameLatin,
    userID: new Uint8Array(Buffer.from(actor.id.replace(/-/g, ""), "hex")),
    challenge: new Uint8Array(challenge),
    attestationType: "none",
    excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: c.transports })),
    // Signing requires user verification, so the passkey must be able to do it.
    authenticatorSelection: { residentKey: "preferred", userVerification: "required" },
    supportedAlgorithmIDs: [-7, -8, -257],
  });
  await db().webAuthnChallenge.create({
    data: { userId: actor.id, challenge: options.challenge, expiresAt: new Date(Date.now() + CHALLENGE_MINUTES * 60_000) },
  });
  return options;
}

function isRegistration(v: unknown): v is RegistrationResponseJSON {
  const r = v as RegistrationResponseJSON;
  return (
    !!r &&
    typeof r.id === "string" &&
    r.type === "public-key" &&
    !!r.response &&
    typeof r.response.attestationObject === "string" &&
    typeof r.response.clientDataJSON === "string"
  );
}

function challengeOf(response: RegistrationResponseJSON): string | null {
  try {
    const client = JSON.parse(Buffer.from(response.response.clientDataJSON, "base64url").toString("utf8")) as { challenge?: string };
    return typeof client.challenge === "string" ? client.challenge : null;
  } catch {
    return null;
  }
}

export type FinishPasskeyRegistrationOptions = { actor: SessionUser | null; response: unknown; name: string };

/** Verifies the attestation against the stored challenge and keeps the credential's public key. */
export async function finishPasskeyRegistration(o: FinishPasskeyRegistrationOptions) {
  if (!o.actor) throw unauthorized();
  const actor = o.actor;
  if (!isRegistration(o.response)) throw new AppError("BAD_REGISTRATION", "passkeys.failed");
  const response = o.response;
  const challenge = challengeOf(response);
  if (!challenge) throw new AppError("BAD_REGISTRATION", "passkeys.failed");
  return db().$transaction(async (tx) => {
    // Claiming the challenge first makes it single-use even under concurrent submissions.
    const { count } = await tx.webAuthnChallenge.updateMany({
      where: { userId: actor.id, challenge, usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (count !== 1) throw new AppError("BAD_REGISTRATION", "passkeys.failed");
    const { rpId, origin } = relyingParty();
    let result;
    try {
      result = await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: origin,
        expectedRPID: rpId,
        requireUserVerification: true,
      });
    } catch {
      throw new AppError("BAD_REGISTRATION", "passkeys.failed");
    }
    if (!result.verified) throw new AppError("BAD_REGISTRATION", "passkeys.failed");
    const { credential } = result.registrationInfo;
    const row = await tx.webAuthnCredential.create({
      data: {
        userId: actor.id,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString("base64url"),
        counter: BigInt(credential.counter),
        transports: credential.transports ?? response.response.transports ?? [],
        name: o.name.trim().slice(0, 100) || "Passkey",
      },
      select: { id: true },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "passkey.register",
      entityType: "User",
      entityId: actor.id,
      data: { credentialId: credential.id },
    });
    return row;
  });
}

/**
 * Removes one of the user's own passkeys (signatures already made keep their copy of the public key).
 * Refused until `confirmed`, naming the passkey and how many others remain (decision 065).
 */
export async function removePasskey(o: { actor: SessionUser | null; credentialId: string; confirmed: boolean }) {
  if (!o.actor) throw unauthorized();
  const actor = o.actor;
  return db().$transaction(async (tx) => {
    if (!o.confirmed) {
      const passkey = await tx.webAuthnCredential.findFirst({ where: { id: o.credentialId, userId: actor.id }, select: { name: true } });
      if (!passkey) throw new AppError("NOT_FOUND", "error.notFound");
      const others = await tx.webAuthnCredential.count({ where: { userId: actor.id, id: { not: o.credentialId } } });
      requireConfirmed(false, "passkeys.confirm.remove", { name: passkey.name, others });
    }
    const { count } = await tx.webAuthnCredential.deleteMany({ where: { id: o.credentialId, userId: actor.id } });
    if (count === 0) throw new AppError("NOT_FOUND", "error.notFound");
    await audit(tx, { actorId: actor.id, action: "passkey.remove", entityType: "User", entityId: actor.id, data: { id: o.credentialId } });
  });
}
