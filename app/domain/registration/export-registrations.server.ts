import { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { registrationFilterSql, type RegistrationFilter } from "./list-registrations.server";
import { managedConference } from "./manage-context.server";
import { moneyInput } from "./money";

export type ExportRegistrationsOptions = { actor: SessionUser | null; slug: string; filter: RegistrationFilter; batchSize?: number };

const BOM = "\uFEFF"; // Excel needs it to read UTF-8 (Chinese names).

export function csvCell(value: unknown): string {
  const s = value === null || value === undefined ? "" : String(value);
  // Cells starting with = + - @ are formulas in spreadsheets: prefix them so they stay text.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

type ExportRow = {
  id: string;
  reference: string;
  status: string;
  method: string;
  amountCents: number;
  paidCents: number;
  refundedCents: number;
  currency: string;
  payerOrganization: string | null;
  payerTaxId: string | null;
  createdAt: Date;
  checkedInAt: Date | null;
  nameLatin: string;
  nameNative: string | null;
  email: string;
  ticket: string;
};

type Answer = { text: string | null; choices: string[]; yes: boolean | null };
type Batch = { rows: ExportRow[]; answers: Map<string, Answer> };

/**
 * Streams the conference's registrations as CSV: keyset-paginated batches
 * (createdAt, id), each one joined query returning plain rows (plus one for
 * the answers when the conference has questions). The permission is checked
 * before the stream starts.
 * Batches are read as the stream is pulled, one batch ahead: while a batch is
 * turned into CSV, the database already reads the next one. So at most two
 * batches are in memory, never the 10,000 rows.
 */
export async function exportRegistrations({
  actor,
  slug,
  filter,
  batchSize = 2000,
}: ExportRegistrationsOptions): Promise<ReadableStream<Uint8Array>> {
  const conference = await managedConference(db(), actor, slug);
  const questions = await db().registrationQuestion.findMany({
    where: { conferenceId: conference.id },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, labelEn: true, kind: true },
  });
  const f = registrationFilterSql(filter);
  const encoder = new TextEncoder();

  async function readBatch(after: { createdAt: Date; id: string } | null): Promise<Batch> {
    const rows = await db().$queryRaw<ExportRow[]>`
      SELECT r.id::text AS id, r.reference, r.status::text AS status, r.method::text AS method, r."amountCents", r."paidCents", r."refundedCents", r.currency,
             r."payerOrganization", r."payerTaxId", r."createdAt", r."checkedInAt", u."nameLatin", u."nameNative", u.email, t."nameEn" AS ticket
      FROM "Registration" r
      JOIN "User" u ON u.id = r."userId"
      JOIN "TicketType" t ON t.id = r."ticketTypeId"
      WHERE r."conferenceId" = ${conference.id}::uuid AND ${f.match}
        ${after ? Prisma.sql`AND (r."createdAt", r.id) > (${after.createdAt}, ${after.id}::uuid)` : Prisma.empty}
      ORDER BY r."createdAt", r.id
      LIMIT ${batchSize}`;
    const answers =
      questions.length && rows.length
        ? await db().registrationAnswer.findMany({
            where: { registrationId: { in: rows.map((r) => r.id) } },
            select: { registrationId: true, questionId: true, text: true, choices: true, yes: true },
          })
        : [];
    return { rows, answers: new Map(answers.map((a) => [`${a.registrationId}:${a.questionId}`, a])) };
  }

  function csvLines({ rows, answers }: Batch) {
    const lines = rows.map((r) => {
      const cells = [
        r.reference,
        r.status,
        r.nameLatin,
        r.nameNative,
        r.email,
        r.ticket,
        r.method,
        moneyInput(r.amountCents, r.currency),
        moneyInput(r.paidCents, r.currency),
        moneyInput(r.refundedCents, r.currency),
        r.currency,
        r.payerOrganization,
        r.payerTaxId,
        r.createdAt.toISOString(),
        r.checkedInAt?.toISOString(),
        ...questions.map((q) => {
          const a = answers.get(`${r.id}:${q.id}`);
          if (!a) return "";
          return a.yes !== null ? (a.yes ? "yes" : "no") : (a.text ?? a.choices.join("; "));
        }),
      ];
      return cells.map(csvCell).join(",");
    });
    return lines.join("\r\n") + "\r\n";
  }

  let headerSent = false;
  let next: Promise<Batch> | null | undefined; // the batch read ahead: undefined before the first, null after the last
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        const header = [
          "reference",
          "status",
          "name",
          "name_native",
          "email",
          "ticket",
          "method",
          "amount_due",
          "paid",
          "refunded",
          "currency",
          "payer_organization",
          "payer_tax_id",
          "registered_at",
          "checked_in_at",
          ...questions.map((q) => q.labelEn),
        ];
        controller.enqueue(encoder.encode(BOM + header.map(csvCell).join(",") + "\r\n"));
        return;
      }
      const batch = await (next === undefined ? readBatch(null) : next);
      if (!batch || batch.rows.length === 0) {
        controller.close();
        return;
      }
      // A full batch may have more after it: start reading them now. A short one is the last.
      const last = batch.rows[batch.rows.length - 1];
      next = batch.rows.length === batchSize ? readBatch({ createdAt: last.createdAt, id: last.id }) : null;
      // If the client goes away, nobody awaits it: its failure must not become an unhandled rejection.
      next?.catch(() => {});
      controller.enqueue(encoder.encode(csvLines(batch)));
    },
  });
}
