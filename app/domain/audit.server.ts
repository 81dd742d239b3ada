import type { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";

export type AuditInput = {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data?: Prisma.InputJsonValue;
};

/** Appends an audit record inside the caller's transaction: no change without its record. */
export async function audit(tx: Tx, input: AuditInput) {
  await tx.auditEvent.create({
    data: { ...input, data: input.data ?? {} },
  });
}
