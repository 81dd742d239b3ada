import { now } from "~/utils/clock.server";
import { createHmac, randomBytes } from "node:crypto";
import type { AccordStatus, Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { chainEntryHash, GENESIS_HASH, privatePartHash, type Json, type PrivatePart } from "./canonical";
import { isUuid } from "~/utils/validation";

/**
 * How `lockAccord` reads the accord. Production code always uses
 * `lockedRead` (the default); the signing race test's control passes a read
 * without the row lock (tests/accords/unlocked.ts) to show that, without it,
 * concurrent events fork the chain (two entries claiming the same predecessor).
 */
export type AccordRead = (tx: Tx, accordId: string) => Promise<LockedAccord[]>;

export const lockedRead: AccordRead = (tx, accordId) =>
  tx.$queryRaw<
    LockedAccord[]
  >`SELECT "id","status","initiatorOrgId","currentVersion","frozenVersion","documentHash","signingEndsAt","chainHead","chainLength","refKey" FROM "Accord" WHERE "id" = ${accordId}::uuid FOR UPDATE`;

/**
 * Transaction options for operations that wait on the accord lock: many
 * signatories signing at once queue on it (and on the connection pool), so
 * they get more than Prisma's default 2 s to start and 5 s to finish.
 */
export const LOCKED_TX = { maxWait: 60_000, timeout: 60_000 } as const;

export type LockedAccord = {
  id: string;
  status: AccordStatus;
  initiatorOrgId: string;
  currentVersion: number;
  frozenVersion: number | null;
  documentHash: string | null;
  signingEndsAt: Date | null;
  chainHead: string | null;
  chainLength: number;
  refKey: string | null;
};

/**
 * Every change to an accord starts here: `SELECT … FOR UPDATE` on the accord
 * row serializes all writers of one accord (chain appends, signatures,
 * execution), so each sees the head written by the one before it.
 */
export async function lockAccord(tx: Tx, accordId: string, read: AccordRead = lockedRead): Promise<LockedAccord> {
  if (!isUuid(accordId)) throw notFound("accords.notFound");
  const rows = await read(tx, accordId);
  if (!rows[0]) throw notFound("accords.notFound");
  return rows[0];
}

export type ChainEvent = {
  actorId: string | null;
  actorName: string | null;
  type: string;
  /** The event's facts; `splitData` decides which of them are public (docs/accord-bundle-spec.md). */
  data?: Record<string, Json>;
  /** Facts that are private whatever their name (emails, IP address, user agent). */
  private?: Record<string, Json>;
  at?: Date;
};

/**
 * The members of each event's data that the public bundle shows. Everything
 * else (reasons, notes, rationales, anything a new event adds) is private by
 * default. User ids are never public: the members named in USER_REFS become
 * the user's accord-scoped reference (`userRef`, …) in public and stay as ids
 * in the private part.
 */
const PUBLIC_DATA: Record<string, readonly string[]> = {
  created: ["kind", "title", "titleZh", "languages", "parties", "witnesses", "groups"],
  "version.saved": ["version", "contentHash", "clauses"],
  "version.approved": ["partyId", "orgId", "version"],
  frozen: ["version", "documentHash"],
  "signatory.designated": ["partyId", "name"],
  "signatory.delegated": ["partyId", "name"],
  "signatory.removed": ["partyId", "name"],
  signed: ["partyId", "orgId", "method", "evidenceHash"],
  declined: ["partyId", "orgId"],
  executed: ["documentHash"],
  withdrawn: [],
  expired: [],
  reminded: ["recipients"],
  "comment.added": ["clause", "clauseKey", "version"],
  "comment.resolved": [],
  "amendment.proposed": ["clause", "clauseKey", "languages", "baseVersion"],
  "amendment.decided": ["decision", "resultVersion"],
  "schedule.changed": ["signingEndsOn", "timeZone", "reminderEveryDays"],
};
const USER_REFS: Record<string, string> = { userId: "userRef", fromUserId: "fromUserRef", toUserId: "toUserRef" };

/** An accord-scoped pseudonym of a user: HMAC-SHA-256 of the user id under the accord's secret key, hex. */
export function userRef(refKey: string, userId: string): string {
  return createHmac("sha256", Buffer.from(refKey, "base64url")).update(userId, "utf8").digest("hex");
}

/** The accord's reference key, made (and stored) on first use; the caller holds the accord lock. */
export async function ensureRefKey(tx: Tx, state: LockedAccord): Promise<string> {
  if (!state.refKey) {
    state.refKey = randomBytes(32).toString("base64url");
    await tx.accord.update({ where: { id: state.id }, data: { refKey: state.refKey } });
  }
  return state.refKey;
}

/** Splits an event's data into its public data and its private part (which also keeps the actor's user id). */
export function splitData(refKey: string, event: ChainEvent): { data: Record<string, Json>; priv: Record<string, Json> } {
  const shown = new Set(PUBLIC_DATA[event.type] ?? []);
  const data: Record<string, Json> = {};
  const priv: Record<string, Json> = { ...(event.private ?? {}) };
  if (event.actorId) priv.actorId = event.actorId;
  for (const [k, v] of Object.entries(event.data ?? {})) {
    if (USER_REFS[k] && typeof v === "string") {
      data[USER_REFS[k]] = userRef(refKey, v);
      priv[k] = v;
    } else if (shown.has(k)) data[k] = v;
    else priv[k] = v;
  }
  return { data, priv };
}

/**
 * Appends one event to the accord's hash chain. The caller must hold the lock
 * from `lockAccord` (pass what it returned); `state` is advanced in place so a
 * transaction can append several events. The public data, the actor's
 * reference and the digest of the salted private part are hashed; the private
 * part is stored beside the entry.
 */
export async function appendChain(tx: Tx, state: LockedAccord, event: ChainEvent) {
  const refKey = await ensureRefKey(tx, state);
  const at = event.at ?? now();
  const seq = state.chainLength + 1;
  const prevHash = state.chainHead ?? GENESIS_HASH;
  const { data, priv } = splitData(refKey, event);
  const privatePart: PrivatePart = { salt: randomBytes(16).toString("base64url"), data: priv };
  const privateHash = privatePartHash(privatePart);
  const actorRef = event.actorId ? userRef(refKey, event.actorId) : null;
  const hash = chainEntryHash(state.id, {
    seq,
    at: at.toISOString(),
    actorRef,
    actorName: event.actorName,
    type: event.type,
    data,
    privateHash,
    prevHash,
  });
  await tx.accordAuditEntry.create({
    data: {
      accordId: state.id,
      seq,
      at,
      actorId: event.actorId,
      actorRef,
      actorName: event.actorName,
      type: event.type,
      data: data as Prisma.InputJsonValue,
      privatePart: privatePart as unknown as Prisma.InputJsonValue,
      privateHash,
      prevHash,
      hash,
    },
  });
  await tx.accord.update({ where: { id: state.id }, data: { chainHead: hash, chainLength: seq } });
  state.chainHead = hash;
  state.chainLength = seq;
  return { seq, hash };
}
