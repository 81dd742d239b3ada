import { Prisma } from "~/generated/prisma/client";
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

/**
 * The same record as a SQL statement, for operations that write several rows
 * in one statement. `when` is a condition on the rest of that statement; the
 * record is written only if it holds.
 */
export function auditSql(input: AuditInput, when?: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`INSERT INTO "AuditEvent" ("actorId", action, "entityType", "entityId", data)
    SELECT ${input.actorId}::uuid, ${input.action}, ${input.entityType}, ${input.entityId}, ${JSON.stringify(input.data ?? {})}::jsonb
    ${when ? Prisma.sql`WHERE ${when}` : Prisma.empty}`;
}
