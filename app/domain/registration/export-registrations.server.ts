import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { registrationWhere, type RegistrationFilter } from "./list-registrations.server";
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

/**
 * Streams the conference's registrations as CSV: keyset-paginated batches
 * (createdAt, id) pulled only as the client reads, so 10,000 rows are never
 * all in memory. The permission is checked before the stream starts.
 */
export async function exportRegistrations({ actor, slug, filter, batchSize = 500 }: ExportRegistrationsOptions): Promise<ReadableStream<Uint8Array>> {
  const conference = await managedConference(db(), actor, slug);
  const questions = await db().registrationQuestion.findMany({ where: { conferenceId: conference.id }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, labelEn: true, kind: true } });
  const where = registrationWhere(conference.id, filter);
  const encoder = new TextEncoder();
  let cursor: { createdAt: Date; id: string } | null = null;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        const header = ["reference", "status", "name", "name_native", "email", "ticket", "method", "amount_due", "paid", "refunded", "currency", "payer_organization", "payer_tax_id", "registered_at", "checked_in_at", ...questions.map((q) => q.labelEn)];
        controller.enqueue(encoder.encode(BOM + header.map(csvCell).join(",") + "\r\n"));
        return;
      }
      const after: Prisma.RegistrationWhereInput = cursor
        ? { OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }] }
        : {};
      const batch = await db().registration.findMany({
        where: { AND: [where, after] },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: batchSize,
        select: {
          id: true,
          reference: true,
          status: true,
          method: true,
          amountCents: true,
          paidCents: true,
          refundedCents: true,
          currency: true,
          payerOrganization: true,
          payerTaxId: true,
          createdAt: true,
          checkedInAt: true,
          user: { select: { nameLatin: true, nameNative: true, email: true } },
          ticketType: { select: { nameEn: true } },
          answers: { select: { questionId: true, text: true, choices: true, yes: true } },
        },
      });
      if (batch.length === 0) {
        controller.close();
        return;
      }
      const last = batch[batch.length - 1];
      cursor = { createdAt: last.createdAt, id: last.id };
      const lines = batch.map((r) => {
        const answers = new Map(r.answers.map((a) => [a.questionId, a]));
        const cells = [
          r.reference,
          r.status,
          r.user.nameLatin,
          r.user.nameNative,
          r.user.email,
          r.ticketType.nameEn,
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
            const a = answers.get(q.id);
            if (!a) return "";
            return a.yes !== null ? (a.yes ? "yes" : "no") : a.text ?? a.choices.join("; ");
          }),
        ];
        return cells.map(csvCell).join(",");
      });
      controller.enqueue(encoder.encode(lines.join("\r\n") + "\r\n"));
    },
  });
}
