import { createHash } from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { AppError, unauthorized } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { managedConference } from "./manage-context.server";
import { parseMoney } from "./money";
import { applyBankPayment } from "./record-bank-payment.server";

export type ImportBankStatementOptions = { actor: SessionUser | null; slug: string; csv: string; now?: Date };

/** Minimal RFC 4180 reader (quoted cells, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === "," || c === ";") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      if (row.some((x) => x.trim())) rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  row.push(cell);
  if (row.some((x) => x.trim())) rows.push(row);
  return rows;
}

/**
 * Imports a bank statement: every line whose text contains a registration's
 * payment reference is recorded as a payment of that registration. Each line
 * is keyed by a hash of its content, so importing the same statement twice
 * records nothing twice. Lines that match nothing are returned for a human.
 */
export async function importBankStatement({ actor, slug, csv, now = new Date() }: ImportBankStatementOptions) {
  if (!actor) throw unauthorized();
  const conference = await managedConference(db(), actor, slug);
  const rows = parseCsv(csv.replace(/^\uFEFF/, ""));
  const header = rows[0]?.map((h) => h.trim().toLowerCase()) ?? [];
  const refCol = header.findIndex((h) => h === "reference" || h === "description" || h === "附言");
  const amountCol = header.findIndex((h) => h === "amount" || h === "金额");
  if (refCol < 0 || amountCol < 0) throw new AppError("BAD_CSV", "reg.error.badCsv");
  const references = new Map(
    (await db().registration.findMany({ where: { conferenceId: conference.id }, select: { id: true, reference: true } })).map((r) => [
      r.reference,
      r.id,
    ]),
  );
  let matched = 0;
  const unmatched: { line: number; text: string }[] = [];
  for (const [index, cells] of rows.slice(1).entries()) {
    const line = index + 2;
    const ref = (cells[refCol] ?? "")
      .toUpperCase()
      .match(/[A-Z0-9]+-[2-9A-HJKMNP-Z]{6}/g)
      ?.find((r) => references.has(r));
    const amount = parseMoney((cells[amountCol] ?? "").trim(), conference.currency);
    if (!ref || amount === null || amount <= 0) {
      unmatched.push({ line, text: cells.join(", ") });
      continue;
    }
    const externalId = `bank:${conference.id}:${createHash("sha256").update(cells.join("\u0001")).digest("hex").slice(0, 32)}`;
    try {
      await db().$transaction((tx) =>
        applyBankPayment(tx, {
          registrationId: references.get(ref)!,
          amountCents: amount,
          note: `Statement line ${line}`,
          externalId,
          actorId: actor.id,
          now,
        }),
      );
      matched += 1;
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
      // Already imported: not an error, and not unmatched either.
    }
  }
  return { matched, unmatched };
}
