import { now } from "~/utils/clock.server";
import { randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { generateAuthenticationOptions, verifyAuthenticationResponse, type AuthenticationResponseJSON } from "@simplewebauthn/server";
import { enqueueEmail } from "~/domain/email/enqueue.server";
import { db, type Tx } from "~/utils/db.server";
import { AppError, FieldError } from "~/utils/errors";
import { hashSecret } from "~/utils/crypto.server";
import { requireAccordsPermission } from "~/utils/permissions/accords.server";
import type { SessionUser } from "~/utils/session.server";
import { evidenceHash, normalizeText, signingChallenge } from "./canonical";
import { appendChain, ensureRefKey, lockAccord, LOCKED_TX, userRef, type AccordRead, type LockedAccord } from "./chain.server";
import { evidenceOf } from "./bundle.server";
import { actorOf, personName } from "./common.server";
import { executeIfComplete } from "./execute.server";
import { notifyEveryone, notifyTurn } from "./notify.server";
import { relyingParty } from "./webauthn.server";

const NONCE_MINUTES = 15;
const MAX_CODE_ATTEMPTS = 5;

/** Where a signature was made from, as the sign routes saw the request: stored privately, shown to the parties. */
export type SigningClient = { ipAddress: string | null; userAgent: string | null };

type SigningTarget = {
  actor: SessionUser | null;
  accordId: string;
  partyId: string;
  documentHash: string;
  client?: SigningClient;
  /** How the accord is locked; always its row lock, except in the signing race test's control. */
  accordRead?: AccordRead;
};

/**
 * Everything that must hold for this person to sign for this party now, checked
 * under the accord lock: a current signatory, the accord open for signature and
 * not expired, the text they read being the frozen one, the party's turn, and
 * not yet signed or declined. Refusals are 403 (not allowed now) or 409 (state).
 */
async function signingContext(tx: Tx, t: SigningTarget) {
  const state = await lockAccord(tx, t.accordId, t.accordRead);
  const party = await tx.accordParty.findFirst({
    where: { id: t.partyId, accordId: t.accordId },
    select: {
      id: true,
      orgId: true,
      role: true,
      signingGroup: true,
      declinedAt: true,
      signature: { select: { id: true } },
      org: { select: { nameEn: true, nameNative: true } },
      signatories: { where: { userId: t.actor?.id ?? "", endedAt: null }, select: { position: true } },
    },
  });
  if (!party) throw new AppError("NOT_FOUND", "accords.notFound");
  await requireAccordsPermission(t.actor, "accord:sign", { partyId: party.id }, tx);
  if (state.status === "WITHDRAWN") throw new AppError("WITHDRAWN", "accords.sign.withdrawn");
  // A decline stops the accord for every party, not only the one that declined.
  if (state.status === "DECLINED") throw new AppError("DECLINED", "accords.sign.declinedAccord");
  if (state.status === "EXPIRED" || (state.signingEndsAt && state.signingEndsAt.getTime() <= now().getTime())) {
    throw new AppError("EXPIRED", "accords.sign.expired");
  }
  if (state.status === "EXECUTED") throw new AppError("EXECUTED", "accords.sign.alreadyExecuted");
  if (state.status !== "SIGNING") throw new AppError("NOT_FROZEN", "accords.sign.notFrozen");
  if (t.documentHash !== state.documentHash) throw new AppError("NOT_FROZEN_TEXT", "accords.sign.wrongDocument");
  if (party.signature) throw new AppError("ALREADY_SIGNED", "accords.sign.alreadySigned");
  if (party.declinedAt) throw new AppError("DECLINED", "accords.sign.declined");
  const earlier = await tx.accordParty.count({
    where: { accordId: t.accordId, role: "PARTY", signingGroup: { lt: party.signingGroup }, signature: null },
  });
  if (earlier > 0) throw new AppError("NOT_YOUR_TURN", "accords.sign.notYourTurn");
  // The signer as the challenge and the public bundle name them: their pseudonym within this accord.
  const signerRef = userRef(await ensureRefKey(tx, state), t.actor!.id);
  return { state, party, signerRole: party.signatories[0]?.position ?? null, signerRef };
}

async function useNonce(tx: Tx, t: SigningTarget, nonce: string, method: "PASSKEY" | "EMAIL_CODE") {
  const row = await tx.accordSigningNonce.findUnique({ where: { nonce } });
  if (
    !row ||
    row.accordId !== t.accordId ||
    row.partyId !== t.partyId ||
    row.userId !== t.actor!.id ||
    row.method !== method ||
    row.usedAt ||
    row.expiresAt.getTime() <= now().getTime()
  ) {
    throw new AppError("BAD_NONCE", "accords.sign.badNonce");
  }
  return row;
}

async function newNonce(tx: Tx, t: SigningTarget, method: "PASSKEY" | "EMAIL_CODE", codeHash?: string) {
  const nonce = randomBytes(24).toString("base64url");
  await tx.accordSigningNonce.create({
    data: {
      accordId: t.accordId,
      partyId: t.partyId,
      userId: t.actor!.id,
      method,
      nonce,
      codeHash,
      expiresAt: new Date(now().getTime() + NONCE_MINUTES * 60_000),
    },
  });
  return nonce;
}

type Evidence = Omit<
  Parameters<typeof evidenceOf>[0],
  "partyId" | "signerRef" | "signerName" | "signerRole" | "orgName" | "documentHash" | "signedAt"
> & { userHandle: string | null; emailedTo: string | null };

async function recordSignature(tx: Tx, t: SigningTarget, ctx: Awaited<ReturnType<typeof signingContext>>, evidence: Evidence) {
  const actor = t.actor!;
  const client = { ipAddress: t.client?.ipAddress?.slice(0, 100) ?? null, userAgent: t.client?.userAgent?.slice(0, 500) ?? null };
  const record = {
    accordId: t.accordId,
    partyId: t.partyId,
    signerId: actor.id,
    signerRef: ctx.signerRef,
    signerName: personName(actor),
    signerRole: ctx.signerRole,
    orgName: ctx.party.org.nameNative ? `${ctx.party.org.nameEn} (${ctx.party.org.nameNative})` : ctx.party.org.nameEn,
    documentHash: t.documentHash,
    signedAt: now(),
    ...evidence,
    ...client,
  };
  await tx.accordSignature.create({ data: record });
  await appendChain(tx, ctx.state, {
    ...actorOf(actor),
    type: "signed",
    at: record.signedAt,
    data: { partyId: t.partyId, orgId: ctx.party.orgId, method: evidence.method, evidenceHash: evidenceHash(evidenceOf(record)) },
    private: { emailedTo: evidence.emailedTo, userHandle: evidence.userHandle, ...client },
  });
  const executed = await executeIfComplete(tx, ctx.state);
  if (!executed && ctx.party.role === "PARTY") await announceGroupIfComplete(tx, t.accordId, ctx.party.signingGroup);
  return { executed };
}

/**
 * When the signer's party was the last of its signing group, everyone is told
 * the group has signed and the next group's signatories that it is their turn.
 */
async function announceGroupIfComplete(tx: Tx, accordId: string, group: number) {
  const left = await tx.accordParty.count({ where: { accordId, role: "PARTY", signingGroup: group, signature: null } });
  if (left > 0) return;
  await notifyEveryone(tx, accordId, { event: "group-complete", accordId, group });
  await notifyTurn(tx, accordId);
}

// ───────────────────────────── passkey ─────────────────────────────

export type StartPasskeySigningOptions = SigningTarget;

/** Issues a single-use nonce and the WebAuthn request options whose challenge is derived from it. */
export async function startPasskeySigning(o: StartPasskeySigningOptions) {
  return db().$transaction(async (tx) => {
    const ctx = await signingContext(tx, o);
    const credentials = await tx.webAuthnCredential.findMany({
      where: { userId: o.actor!.id },
      select: { credentialId: true, transports: true },
    });
    if (credentials.length === 0) throw new AppError("NO_PASSKEY", "accords.sign.noPasskey");
    const nonce = await newNonce(tx, o, "PASSKEY");
    const challenge = signingChallenge({
      accordId: o.accordId,
      documentHash: o.documentHash,
      partyId: o.partyId,
      signerId: ctx.signerRef,
      nonce,
    });
    const options = await generateAuthenticationOptions({
      rpID: relyingParty().rpId,
      challenge: new Uint8Array(Buffer.from(challenge, "base64url")),
      userVerification: "required",
      allowCredentials: credentials.map((c) => ({ id: c.credentialId, transports: c.transports })),
      timeout: 120_000,
    });
    return { nonce, options };
  }, LOCKED_TX);
}

export type CompletePasskeySigningOptions = SigningTarget & { nonce: string; response: unknown; confirmed: boolean };

function isAssertion(v: unknown): v is AuthenticationResponseJSON {
  const r = v as AuthenticationResponseJSON;
  return (
    !!r &&
    typeof r.id === "string" &&
    typeof r.rawId === "string" &&
    r.type === "public-key" &&
    !!r.response &&
    typeof r.response.authenticatorData === "string" &&
    typeof r.response.clientDataJSON === "string" &&
    typeof r.response.signature === "string"
  );
}

/**
 * Verifies the assertion against the signer's stored passkey and the challenge
 * recomputed from the document hash, party, signer and nonce (so an assertion
 * made for anything else fails), then records it with all its evidence.
 */
export async function completePasskeySigning(o: CompletePasskeySigningOptions) {
  if (!o.confirmed) throw new AppError("CONFIRMATION_REQUIRED", "accords.validation.confirm");
  if (!isAssertion(o.response)) throw new AppError("BAD_ASSERTION", "accords.sign.badAssertion");
  const response = o.response;
  return db().$transaction(async (tx) => {
    const ctx = await signingContext(tx, o);
    const nonceRow = await useNonce(tx, o, o.nonce, "PASSKEY");
    const credential = await tx.webAuthnCredential.findFirst({ where: { credentialId: response.id, userId: o.actor!.id } });
    if (!credential) throw new AppError("UNKNOWN_PASSKEY", "accords.sign.unknownPasskey");
    const challenge = signingChallenge({
      accordId: o.accordId,
      documentHash: o.documentHash,
      partyId: o.partyId,
      signerId: ctx.signerRef,
      nonce: nonceRow.nonce,
    });
    const { rpId, origin } = relyingParty();
    let verification;
    try {
      verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: origin,
        expectedRPID: rpId,
        credential: {
          id: credential.credentialId,
          publicKey: new Uint8Array(Buffer.from(credential.publicKey, "base64url")),
          counter: Number(credential.counter),
        },
        requireUserVerification: true,
      });
    } catch {
      throw new AppError("BAD_ASSERTION", "accords.sign.badAssertion");
    }
    if (!verification.verified) throw new AppError("BAD_ASSERTION", "accords.sign.badAssertion");
    // Single use: the conditional update is the claim, so two submissions of one nonce cannot both pass.
    const { count } = await tx.accordSigningNonce.updateMany({ where: { id: nonceRow.id, usedAt: null }, data: { usedAt: now() } });
    if (count !== 1) throw new AppError("BAD_NONCE", "accords.sign.badNonce");
    await tx.webAuthnCredential.update({
      where: { id: credential.id },
      data: { counter: BigInt(verification.authenticationInfo.newCounter), lastUsedAt: now() },
    });
    return recordSignature(tx, o, ctx, {
      method: "PASSKEY",
      nonce: nonceRow.nonce,
      challenge,
      credentialId: credential.credentialId,
      publicKey: credential.publicKey,
      authenticatorData: response.response.authenticatorData,
      clientDataJSON: response.response.clientDataJSON,
      signature: response.response.signature,
      userHandle: response.response.userHandle ?? null,
      rpId,
      origin,
      typedName: null,
      emailedTo: null,
    });
  }, LOCKED_TX);
}

// ─────────────────────── typed name + emailed code ───────────────────────

/** Emails a six-digit code bound to a fresh nonce; the weaker fallback for signers without a passkey. */
export async function requestSigningCode(o: SigningTarget) {
  return db().$transaction(async (tx) => {
    await signingContext(tx, o);
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    const nonce = await newNonce(tx, o, "EMAIL_CODE", hashSecret(code));
    const accord = await tx.accord.findUniqueOrThrow({ where: { id: o.accordId }, select: { title: true, titleZh: true } });
    await enqueueEmail(tx, {
      to: o.actor!.email,
      locale: o.actor!.locale,
      template: "accordSigningCode",
      props: { title: o.actor!.locale === "zh" && accord.titleZh ? accord.titleZh : accord.title, code, documentHash: o.documentHash },
    });
    return { nonce };
  }, LOCKED_TX);
}

export type SignWithCodeOptions = SigningTarget & { nonce: string; code: string; typedName: string; confirmed: boolean };

function sameName(typed: string, user: SessionUser) {
  const norm = (s: string) => normalizeText(s).replace(/\s+/g, " ").toLowerCase();
  return [user.nameLatin, user.nameNative].some((n) => n && norm(n) === norm(typed));
}

export async function signWithCode(o: SignWithCodeOptions) {
  if (!o.confirmed) throw new FieldError("confirm", "accords.validation.confirm");
  const outcome = await db().$transaction(async (tx) => {
    const ctx = await signingContext(tx, o);
    const row = await useNonce(tx, o, o.nonce, "EMAIL_CODE");
    if (row.attempts >= MAX_CODE_ATTEMPTS) throw new AppError("TOO_MANY_ATTEMPTS", "accords.sign.tooManyAttempts");
    const ok = row.codeHash && timingSafeEqual(Buffer.from(row.codeHash), Buffer.from(hashSecret(o.code)));
    if (!ok) {
      // The failed attempt must be counted, so this transaction commits it and the refusal is thrown after
      // the commit. (Counting it on another connection while this one holds the accord's lock waited on a
      // one-connection pool and, on the embedded database, was rolled back with this transaction.)
      await tx.accordSigningNonce.update({ where: { id: row.id }, data: { attempts: { increment: 1 } } });
      return { wrongCode: true } as const;
    }
    if (!sameName(o.typedName, o.actor!)) throw new FieldError("typedName", "accords.sign.nameMismatch");
    const { count } = await tx.accordSigningNonce.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now() } });
    if (count !== 1) throw new AppError("BAD_NONCE", "accords.sign.badNonce");
    const challenge = signingChallenge({
      accordId: o.accordId,
      documentHash: o.documentHash,
      partyId: o.partyId,
      signerId: ctx.signerRef,
      nonce: row.nonce,
    });
    return recordSignature(tx, o, ctx, {
      method: "EMAIL_CODE",
      nonce: row.nonce,
      challenge,
      credentialId: null,
      publicKey: null,
      authenticatorData: null,
      clientDataJSON: null,
      signature: null,
      userHandle: null,
      rpId: null,
      origin: null,
      typedName: normalizeText(o.typedName),
      emailedTo: o.actor!.email,
    });
  }, LOCKED_TX);
  if ("wrongCode" in outcome) throw new FieldError("code", "accords.sign.wrongCode");
  return outcome;
}

export type { LockedAccord };
