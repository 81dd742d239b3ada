import { createHash } from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { db, type Db } from "~/utils/db.server";
import { unauthorized } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { readStatement, type DecimalRule, type StatementLine } from "./bank-statement.server";
import { managedConference } from "./manage-context.server";
import { applyBankPayment } from "./record-bank-payment.server";

export type ImportBankStatementOptions = { actor: SessionUser | null; slug: string; content: string; decimal: DecimalRule; now?: Date };

/**
 * What importing a line will do. `record` adds a payment that leaves the registration still owing,
 * `confirm` completes it, `overpay` takes it above what is due (to refund); the others record nothing.
 */
export type LineAction = "record" | "confirm" | "overpay" | "already" | "unmatched" | "currency" | "debit" | "notBooked" | "refused";

export type PlannedLine = StatementLine & {
  action: LineAction;
  /** A payment of the same amount was already entered by hand for this registration: maybe this very transfer. */
  possibleDuplicate: boolean;
  registration: { id: string; reference: string; name: string; currency: string; dueCents: number; paidAfterCents: number } | null;
};

/** A cancelled registration owes nothing: whatever arrives for it is to refund. */
const dueOf = (r: { status: string; amountCents: number }) => (r.status === "CANCELLED" ? 0 : r.amountCents);

/** The actions that record a payment. */
export const RECORDING: readonly LineAction[] = ["record", "confirm", "overpay"];

const REFERENCE = /[A-Z0-9]+-[2-9A-HJKMNP-Z]{6}/g;

/** The payment's external id: per conference, so two conferences' statements never collide. */
const externalIdOf = (conferenceId: string, line: StatementLine) => `bank:${conferenceId}:${line.key}`;

/**
 * Matches each line to a registration by the payment reference in its text and says what importing it
 * would do, counting earlier lines of the same file (two transfers for one registration). Reads only.
 */
async function plan(client: Db, conference: { id: string; currency: string }, lines: StatementLine[]): Promise<PlannedLine[]> {
  const candidates = new Set(lines.flatMap((l) => l.text.toUpperCase().match(REFERENCE) ?? []));
  const registrations = await client.registration.findMany({
    where: { conferenceId: conference.id, reference: { in: [...candidates] } },
    select: {
      id: true,
      reference: true,
      status: true,
      currency: true,
      amountCents: true,
      paidCents: true,
      refundedCents: true,
      user: { select: { nameLatin: true } },
    },
  });
  const byReference = new Map(registrations.map((r) => [r.reference, r]));
  const imported = new Set(
    (
      await client.payment.findMany({
        where: { externalId: { in: lines.map((l) => externalIdOf(conference.id, l)) } },
        select: { externalId: true },
      })
    ).map((p) => p.externalId),
  );
  const paid = new Map(registrations.map((r) => [r.id, r.paidCents - r.refundedCents]));
  const byHand = new Set(
    (
      await client.payment.findMany({
        where: { registrationId: { in: registrations.map((r) => r.id) }, kind: "BANK_TRANSFER", externalId: null },
        select: { registrationId: true, amountCents: true },
      })
    ).map((p) => `${p.registrationId}:${p.amountCents}`),
  );
  return lines.map((line) => {
    const known = [...new Set(line.text.toUpperCase().match(REFERENCE) ?? [])].filter((ref) => byReference.has(ref));
    const r = known.length === 1 ? byReference.get(known[0])! : null;
    const planned = (action: LineAction): PlannedLine => ({
      ...line,
      action,
      possibleDuplicate: !!r && RECORDING.includes(action) && byHand.has(`${r.id}:${line.amountCents}`),
      // Money going out, or not yet booked, is nobody's payment even when it names a reference.
      registration:
        r && !line.skip
          ? {
              id: r.id,
              reference: r.reference,
              name: r.user.nameLatin,
              currency: r.currency,
              dueCents: dueOf(r),
              paidAfterCents: paid.get(r.id)!,
            }
          : null,
    });
    if (line.skip) return planned(line.skip);
    // One transfer naming two registrations: which one it pays is for a person to decide.
    if (known.length > 1)
      return {
        ...planned("refused"),
        problem: { message: "reg.import.problem.twoReferences", vars: { line: line.line, amount: known.join(", ") } },
      };
    if (line.problem || line.amountCents === null) return planned("refused");
    if (imported.has(externalIdOf(conference.id, line))) return planned("already");
    if (!r) return planned("unmatched");
    if ((line.currency ?? conference.currency) !== r.currency) return planned("currency");
    const after = paid.get(r.id)! + line.amountCents;
    paid.set(r.id, after);
    return planned(after > dueOf(r) ? "overpay" : after === dueOf(r) ? "confirm" : "record");
  });
}

/** A fingerprint of a plan: confirming refuses to record when what would happen changed since the preview. */
export function planDigest(lines: PlannedLine[]) {
  return createHash("sha256")
    .update(JSON.stringify(lines.map((l) => [l.key, l.action, l.registration?.id ?? null, l.registration?.paidAfterCents ?? null])))
    .digest("hex")
    .slice(0, 32);
}

/** Reads a statement and shows what importing it would do, line by line. Nothing is written. */
export async function previewBankStatement({ actor, slug, content, decimal }: ImportBankStatementOptions) {
  if (!actor) throw unauthorized();
  const conference = await managedConference(db(), actor, slug);
  const statement = readStatement(content, decimal, conference.currency);
  const lines = await plan(db(), conference, statement.lines);
  return { format: statement.format, decimal: statement.decimal, currency: conference.currency, lines, digest: planDigest(lines) };
}

/**
 * Records the lines of a previewed statement that match a registration, each in its own transaction
 * (row-locked by applyBankPayment). Each line is stored under its external id (a hash of the CSV row,
 * or the bank's entry reference), unique in the database: importing the same statement twice, or two
 * organizers confirming at once, records nothing twice. When the plan differs from the one the organizer
 * saw (`digest`), nothing is recorded and the fresh preview is returned instead.
 */
export async function importBankStatement(options: ImportBankStatementOptions & { digest: string }) {
  const preview = await previewBankStatement(options);
  if (preview.digest !== options.digest) return { changed: true as const, preview };
  const actor = options.actor!;
  const conference = await managedConference(db(), actor, options.slug);
  const now = options.now ?? new Date();
  let recorded = 0;
  let already = 0;
  for (const line of preview.lines) {
    if (line.action === "already") already += 1;
    if (!line.registration || !RECORDING.includes(line.action)) continue;
    try {
      await db().$transaction((tx) =>
        applyBankPayment(tx, {
          registrationId: line.registration!.id,
          amountCents: line.amountCents!,
          note: [line.date, `statement line ${line.line}`].filter(Boolean).join(" · "),
          externalId: externalIdOf(conference.id, line),
          actorId: actor.id,
          now,
        }),
      );
      recorded += 1;
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
      already += 1; // recorded meanwhile by another import of the same line
    }
  }
  const unmatched = preview.lines.filter((l) => l.action === "unmatched" || l.action === "refused" || l.action === "currency");
  return { changed: false as const, recorded, already, unmatched };
}
