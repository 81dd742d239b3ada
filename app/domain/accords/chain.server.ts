import type { AccordStatus, Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { auditEntryHash, GENESIS_HASH, type Json } from "./canonical";

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
  >`SELECT "id","status","initiatorOrgId","currentVersion","frozenVersion","documentHash","signingEndsAt","chainHead","chainLength" FROM "Accord" WHERE "id" = ${accordId}::uuid FOR UPDATE`;

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
};

/**
 * Every change to an accord starts here: `SELECT … FOR UPDATE` on the accord
 * row serializes all writers of one accord (chain appends, signatures,
 * execution), so each sees the head written by the one before it.
 */
export async function lockAccord(tx: Tx, accordId: string, read: AccordRead = lockedRead): Promise<LockedAccord> {
  if (!/^[0-9a-f-]{36}$/i.test(accordId)) throw notFound("accords.notFound");
  const rows = await read(tx, accordId);
  if (!rows[0]) throw notFound("accords.notFound");
  return rows[0];
}

export type ChainEvent = {
  actorId: string | null;
  actorName: string | null;
  type: string;
  data?: Record<string, Json>;
  at?: Date;
};

/**
 * Appends one event to the accord's hash chain. The caller must hold the lock
 * from `lockAccord` (pass what it returned); `state` is advanced in place so a
 * transaction can append several events.
 */
export async function appendChain(tx: Tx, state: LockedAccord, event: ChainEvent) {
  const at = event.at ?? new Date();
  const seq = state.chainLength + 1;
  const prevHash = state.chainHead ?? GENESIS_HASH;
  const data = (event.data ?? {}) as Json;
  const hash = auditEntryHash({
    accordId: state.id,
    seq,
    at: at.toISOString(),
    actorId: event.actorId,
    actorName: event.actorName,
    type: event.type,
    data,
    prevHash,
  });
  await tx.accordAuditEntry.create({
    data: {
      accordId: state.id,
      seq,
      at,
      actorId: event.actorId,
      actorName: event.actorName,
      type: event.type,
      data: data as Prisma.InputJsonValue,
      prevHash,
      hash,
    },
  });
  await tx.accord.update({ where: { id: state.id }, data: { chainHead: hash, chainLength: seq } });
  state.chainHead = hash;
  state.chainLength = seq;
  return { seq, hash };
}
