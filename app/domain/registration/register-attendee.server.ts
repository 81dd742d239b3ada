import { randomUUID } from "node:crypto";
import { enqueueEmailSql } from "~/domain/email/enqueue.server";
import { Prisma, type PaymentMethod } from "~/generated/prisma/client";
import { db, type Db, type Tx } from "~/utils/db.server";
import { AppError, notFound, unauthorized, FieldError } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { isUuid } from "~/utils/validation";
import { auditSql } from "../audit.server";
import { badgeCode, paymentReference } from "./codes.server";
import { confirmationEmail } from "./confirm.server";
import { contextFrom } from "./context.server";
import { answersFrom, registrationFormSchema, type QuestionDef, type RegistrationFormValue } from "./form-schema";
import { lockQuotasSql, soldOut, takeLockedSql, takeVoucherUse, tryTakePlaces } from "./quota.server";
import { locksDisabled } from "./switches.server";
import { DEFAULT_SETTINGS, LAUNCH_TX } from "./settings.server";
import { startCardPayment } from "./start-card-payment.server";
import { stripeConfigured } from "./stripe.server";
import { priceWithVoucher } from "./voucher-price.server";

export type RegisterAttendeeOptions = {
  actor: SessionUser | null;
  slug: string;
  input: RegistrationFormValue;
  /** What registrationForm answered for this submission, so the form's questions are not read twice. */
  facts?: RegistrationFacts | null;
  now?: Date;
};
export type RegisterAttendeeResult = { registrationId: string; status: "RESERVED" | "CONFIRMED"; checkoutUrl: string | null };

export const alreadyRegistered = () => new AppError("ALREADY_REGISTERED", "reg.error.already");

/** The ticket was moved to other quotas after this registration read them; nothing was written. */
class TicketChanged extends AppError {
  constructor() {
    super("TICKET_CHANGED", "reg.error.ticketChanged");
  }
}

/**
 * Registers the signed-in person for a published conference: validates the
 * ticket (of THIS conference, on sale), the answers and the voucher, computes
 * the price on the server (nothing price-related is read from the form),
 * writes the registration, then takes the voucher use and the places last, so
 * their row locks are held only until the commit right after. Free tickets
 * confirm at once; paid ones hold the place until payment.
 */
export async function registerAttendee({
  actor,
  slug,
  input,
  facts,
  now = new Date(),
}: RegisterAttendeeOptions): Promise<RegisterAttendeeResult> {
  if (!actor) throw unauthorized();
  // Most registrations (a first registration, no voucher, no waitlist offer)
  // are written by ONE statement, which PostgreSQL runs as its own transaction:
  // the quota rows are locked only while that statement runs. Inside an
  // interactive transaction they would stay locked until this process, busy
  // with hundreds of other requests at a launch, gets round to sending COMMIT,
  // and every other registration for the same quota would queue behind it.
  // The rest need several statements and run in a transaction.
  const attempt = async (known: RegistrationFacts | null | undefined) =>
    (await register(db(), { transactional: false, facts: known }, actor, slug, input, now)) ??
    (await db().$transaction(
      async (tx) => (await register(tx, { transactional: true, facts: known }, actor, slug, input, now))!,
      LAUNCH_TX,
    )); // in a transaction it always writes or throws
  // The ticket's quotas changed between reading them and writing: once more,
  // reading them again. (Twice in a row is answered "try again".)
  const result = await attempt(facts).catch((error) => (error instanceof TicketChanged ? attempt(null) : Promise.reject(error)));
  const checkoutUrl = result.method === "CARD" ? (await startCardPayment({ actor, registrationId: result.registrationId, now })).url : null;
  return { registrationId: result.registrationId, status: result.status, checkoutUrl };
}

/**
 * Reads, checks and writes one registration. With `transactional: false` the
 * client `tx` is the pool (no transaction): it answers null, having written
 * nothing, when the registration needs more than the single statement
 * (voucher, offer, a previous registration's row, or the race test's unsafe
 * control), and the caller runs it again in a transaction. Reads outside a
 * transaction give no weaker guarantee here: under READ COMMITTED the facts
 * are not locked either way, and what must hold at write time (places, one
 * registration per person) is checked by the statement that writes.
 */
async function register(
  tx: Tx | Db,
  { transactional, facts: known }: { transactional: boolean; facts?: RegistrationFacts | null },
  actor: SessionUser,
  slug: string,
  input: RegistrationFormValue,
  now: Date,
) {
  if (!transactional && (input.voucher || input.offerId || locksDisabled())) return null;
  // Facts read for this very submission are as good as reading them again,
  // in a transaction too: nothing here is locked either way (see above).
  const reusable = known && known.for.slug === slug && known.for.ticketTypeId === input.ticketTypeId && known.for.userId === actor.id;
  const facts = reusable ? known : await registrationFacts(tx, slug, input.ticketTypeId, actor.id);
  if (!facts || facts.status !== "PUBLISHED") throw notFound();
  const { conference, ticket, existing } = facts;
  if (!ticket) throw new FieldError("ticketTypeId", "reg.error.ticketInvalid");

  // A waitlist offer already holds a place for this person and ticket.
  let offerId: string | null = null;
  if (input.offerId) {
    const offer = await tx.waitlistEntry.findFirst({ where: { id: input.offerId, userId: actor.id, conferenceId: conference.id } });
    if (!offer || offer.status !== "OFFERED" || !offer.offerExpiresAt || offer.offerExpiresAt <= now) {
      throw new AppError("OFFER_EXPIRED", "reg.error.offerExpired");
    }
    if (offer.ticketTypeId !== ticket.id) throw new FieldError("ticketTypeId", "reg.error.ticketInvalid");
    offerId = offer.id;
  } else {
    if (ticket.salesStart && ticket.salesStart > now) throw new AppError("SALES_CLOSED", "reg.error.salesNotOpen");
    if (ticket.salesEnd && ticket.salesEnd <= now) throw new AppError("SALES_CLOSED", "reg.error.salesClosed");
  }

  // The answers are checked again against the questions as they are now (they may have changed since the form loaded).
  const questions = facts.questions;
  const parsed = registrationFormSchema(questions).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FieldError(String(issue.path[0] ?? ""), issue.message as never);
  }

  if (existing && (existing.status === "RESERVED" || existing.status === "CONFIRMED")) throw alreadyRegistered();
  if (existing && !transactional) return null;

  const voucher = input.voucher ? await priceWithVoucher(tx, { conferenceId: conference.id, code: input.voucher, ticket, now }) : null;
  const amountCents = voucher ? voucher.amountCents : ticket.priceCents;
  const method: PaymentMethod | null =
    amountCents === 0 ? "FREE" : input.method === "card" ? "CARD" : input.method === "bank" ? "BANK_TRANSFER" : null;
  if (!method) throw new FieldError("method", "reg.validation.method");
  if (method === "CARD" && !stripeConfigured()) throw new FieldError("method", "reg.error.cardUnavailable");

  const settings = facts.settings;
  const holdUntil =
    method === "CARD"
      ? new Date(now.getTime() + settings.cardHoldMinutes * 60_000)
      : method === "BANK_TRANSFER"
        ? new Date(now.getTime() + settings.bankHoldDays * 86_400_000)
        : null;
  // Free tickets confirm at once (no receipt: nothing was paid).
  const status = method === "FREE" ? ("CONFIRMED" as const) : ("RESERVED" as const);
  const reference = paymentReference(conference.slug);
  // After expiry or cancellation the same row starts again (one registration per person and conference).
  const registrationId = existing?.id ?? randomUUID();
  const row: RegistrationRow = {
    id: registrationId,
    conferenceId: conference.id,
    userId: actor.id,
    ticketTypeId: ticket.id,
    status,
    method,
    priceCents: ticket.priceCents,
    discountCents: ticket.priceCents - amountCents,
    amountCents,
    currency: ticket.currency,
    holdUntil,
    voucherId: voucher?.voucherId ?? null,
    payerOrganization: input.payerOrganization ?? null,
    payerTaxId: input.payerTaxId ?? null,
    eligibilityConfirmed: ticket.eligibility === "ANYONE",
    confirmedAt: method === "FREE" ? now : null,
    badgeCode: badgeCode(),
    reference,
  };

  // The emails are composed from what this transaction already read: no extra queries while the launch queues.
  const ctx = contextFrom({ registrationId, amountCents, currency: ticket.currency, user: actor, ticketType: ticket, conference });
  const common = { ...ctx.base, ticket: ctx.ticket, amount: ctx.amount, holdUntil: holdUntil ? ctx.when(holdUntil) : "" };
  const instructions = ctx.locale === "zh" && settings.bankInstructionsZh ? settings.bankInstructionsZh : settings.bankInstructions;
  const email = (when: Prisma.Sql) =>
    method === "FREE"
      ? enqueueEmailSql(confirmationEmail(registrationId, ctx), when)
      : method === "BANK_TRANSFER"
        ? enqueueEmailSql(
            { to: ctx.to, locale: ctx.locale, template: "paymentInstructions", props: { ...common, reference, instructions } },
            when,
          )
        : enqueueEmailSql({ to: ctx.to, locale: ctx.locale, template: "registrationReceived", props: common }, when);

  if (existing) await tx.registrationAnswer.deleteMany({ where: { registrationId } });
  // Row locks come last and in one global order (voucher, then quotas) and are
  // held only until the commit right after. An offer already holds its place.
  if (voucher) await takeVoucherUse(tx as Tx, voucher.voucherId);
  if (offerId) await tx.waitlistEntry.update({ where: { id: offerId }, data: { status: "CLAIMED" } });
  // The race test's control takes places the unsafe way, in its own statements.
  const places = offerId ? [] : ticket.quotaIds;
  const inStatement = !locksDisabled();
  const written = await writeRegistration(tx, {
    registration: row,
    answers: answersFrom(questions, parsed.data as Record<string, unknown>),
    rows: (when) => [
      auditSql(
        {
          actorId: actor.id,
          action: "registration.create",
          entityType: "Registration",
          entityId: registrationId,
          data: { ticketTypeId: ticket.id, method, amountCents },
        },
        when,
      ),
      email(when),
    ],
    places: inStatement ? places : [],
    quotaVersion: ticket.quotaVersion,
  });
  if (!written.ticketCurrent) throw new TicketChanged();
  if (!written.placesFree) throw soldOut();
  // No row back: another submission of the same person registered first.
  if (!written.registered) throw alreadyRegistered();
  if (!inStatement && !(await tryTakePlaces(tx as Tx, places))) throw soldOut();
  return { registrationId, status, method };
}

type RegistrationRow = {
  id: string;
  conferenceId: string;
  userId: string;
  ticketTypeId: string;
  status: "RESERVED" | "CONFIRMED";
  method: PaymentMethod;
  priceCents: number;
  discountCents: number;
  amountCents: number;
  currency: string;
  holdUntil: Date | null;
  voucherId: string | null;
  payerOrganization: string | null;
  payerTaxId: string | null;
  eligibilityConfirmed: boolean;
  confirmedAt: Date | null;
  badgeCode: string;
  reference: string;
};

/**
 * Writes the registration, its answers, the given rows (audit record, email)
 * and its places in ONE statement, all or nothing:
 *  - the quotas are locked in id order and checked (quota.server.ts);
 *  - the registration is written only if every quota has room. It is an
 *    upsert on (conference, person) that takes over an EXPIRED or CANCELLED
 *    row and leaves a live one alone, so a concurrent second submission of the
 *    same person gets no row back instead of failing;
 *  - places, answers and the other rows are written only with the registration.
 * Run alone it is its own transaction; inside the caller's transaction it is
 * rolled back with it if the caller throws afterwards.
 */
async function writeRegistration(
  client: Tx | Db,
  {
    registration: r,
    answers,
    rows,
    places,
    quotaVersion,
  }: {
    registration: RegistrationRow;
    answers: ReturnType<typeof answersFrom>;
    rows: (when: Prisma.Sql) => Prisma.Sql[];
    places: string[];
    quotaVersion: number;
  },
): Promise<{ placesFree: boolean; registered: boolean; ticketCurrent: boolean }> {
  const values: Record<string, Prisma.Sql> = {
    id: Prisma.sql`${r.id}::uuid`,
    conferenceId: Prisma.sql`${r.conferenceId}::uuid`,
    userId: Prisma.sql`${r.userId}::uuid`,
    ticketTypeId: Prisma.sql`${r.ticketTypeId}::uuid`,
    status: Prisma.sql`${r.status}::"RegistrationStatus"`,
    method: Prisma.sql`${r.method}::"PaymentMethod"`,
    priceCents: Prisma.sql`${r.priceCents}::int`,
    discountCents: Prisma.sql`${r.discountCents}::int`,
    amountCents: Prisma.sql`${r.amountCents}::int`,
    currency: Prisma.sql`${r.currency}`,
    holdUntil: Prisma.sql`${r.holdUntil}::timestamptz`,
    voucherId: Prisma.sql`${r.voucherId}::uuid`,
    payerOrganization: Prisma.sql`${r.payerOrganization}::text`,
    payerTaxId: Prisma.sql`${r.payerTaxId}::text`,
    eligibilityConfirmed: Prisma.sql`${r.eligibilityConfirmed}`,
    confirmedAt: Prisma.sql`${r.confirmedAt}::timestamptz`,
    badgeCode: Prisma.sql`${r.badgeCode}`,
    reference: Prisma.sql`${r.reference}`,
    // A new registration on an old row starts afresh: no payment, receipt, cancellation or check-in.
    paidCents: Prisma.sql`0`,
    refundedCents: Prisma.sql`0`,
    stripeSessionId: Prisma.sql`NULL`,
    stripePaymentIntentId: Prisma.sql`NULL`,
    receiptNumber: Prisma.sql`NULL::int`,
    cancelledAt: Prisma.sql`NULL::timestamptz`,
    checkedInAt: Prisma.sql`NULL::timestamptz`,
    updatedAt: Prisma.sql`now()`,
  };
  const columns = Object.keys(values);
  const renewed = columns.filter((c) => !["id", "conferenceId", "userId"].includes(c));
  const quoted = (c: string) => `"${c}"`;
  const written = Prisma.sql`EXISTS (SELECT 1 FROM registration)`;
  const parts = [
    Prisma.sql`quotas AS (${places.length ? lockQuotasSql(places) : Prisma.sql`SELECT NULL::uuid AS id, true AS free WHERE false`})`,
    // The quota list came from an earlier read: if the organizer has moved the
    // ticket to other quotas since, its version has moved on and nothing is
    // written. FOR SHARE waits for an edit in progress and then checks the
    // version it committed; taken after the quotas (the subquery on them runs
    // first), so registrations queue on the quota, not on the ticket row.
    Prisma.sql`ticket AS (SELECT id FROM "TicketType" WHERE id = ${r.ticketTypeId}::uuid AND "quotaVersion" = ${quotaVersion}::int AND (SELECT count(*) FROM quotas) >= 0 FOR SHARE)`,
    Prisma.sql`room AS (SELECT count(*) FILTER (WHERE free) = ${places.length}::int AS free, EXISTS (SELECT 1 FROM ticket) AS current FROM quotas)`,
    Prisma.sql`registration AS (
      INSERT INTO "Registration" (${Prisma.raw(columns.map(quoted).join(", "))})
      SELECT ${Prisma.join(Object.values(values))} FROM room WHERE room.free AND room.current
      ON CONFLICT ("conferenceId", "userId") DO UPDATE SET ${Prisma.raw(renewed.map((c) => `${quoted(c)} = EXCLUDED.${quoted(c)}`).join(", "))}
      WHERE "Registration".status IN ('EXPIRED', 'CANCELLED')
      RETURNING id)`,
    Prisma.sql`places AS (${takeLockedSql("quotas", written)})`,
  ];
  if (answers.length) {
    parts.push(Prisma.sql`answers AS (
      INSERT INTO "RegistrationAnswer" ("registrationId", "questionId", text, choices, yes)
      SELECT registration.id, a."questionId", a.text, a.choices, a.yes
      FROM registration, json_to_recordset(${JSON.stringify(answers)}::json) AS a("questionId" uuid, text text, choices text[], yes boolean))`);
  }
  rows(written).forEach((sql, i) => parts.push(Prisma.sql`${Prisma.raw(`row${i}`)} AS (${sql})`));
  const [result] = await client.$queryRaw<{ id: string | null; placesFree: boolean; ticketCurrent: boolean }[]>`/* prepared */
    WITH ${Prisma.join(parts, ", ")}
    SELECT (SELECT id FROM registration) AS id, (SELECT free FROM room) AS "placesFree", (SELECT current FROM room) AS "ticketCurrent"`;
  return { placesFree: result.placesFree, registered: result.id === r.id, ticketCurrent: result.ticketCurrent };
}

type FactsRow = {
  conferenceId: string;
  slug: string;
  status: string;
  title: string;
  titleZh: string | null;
  timeZone: string;
  ticketId: string | null;
  nameEn: string | null;
  nameZh: string | null;
  priceCents: number | null;
  currency: string | null;
  salesStart: Date | null;
  salesEnd: Date | null;
  eligibility: string | null;
  quotaIds: string[] | null;
  quotaVersion: number | null;
  cardHoldMinutes: number | null;
  bankHoldDays: number | null;
  bankInstructions: string | null;
  bankInstructionsZh: string | null;
  existingId: string | null;
  existingStatus: string | null;
  questions: QuestionDef[];
};

/**
 * Everything registering needs to know before writing, in ONE query: the
 * conference, the ticket (only if it is this conference's and on offer) with
 * its quota ids in lock order, the settings, the registration questions and
 * the person's existing row.
 * A ticket launch runs this hundreds of times a second; one round trip
 * instead of six is most of the difference (see bench/ticket-launch.bench.js).
 */
async function registrationFacts(tx: Tx | Db, slug: string, ticketTypeId: string, userId: string) {
  // A ticket id that is not a uuid names no ticket (and must not reach the ::uuid cast).
  if (!isUuid(ticketTypeId)) ticketTypeId = NO_TICKET;
  const [row] = await tx.$queryRaw<FactsRow[]>`/* prepared */
    SELECT c.id AS "conferenceId", c.slug, c.status::text AS status, c.title, c."titleZh", c."timeZone",
           t.id AS "ticketId", t."nameEn", t."nameZh", t."priceCents", t.currency, t."salesStart", t."salesEnd", t.eligibility::text AS eligibility, t."quotaVersion",
           ARRAY(SELECT q."quotaId"::text FROM "TicketTypeQuota" q WHERE q."ticketTypeId" = t.id ORDER BY q."quotaId") AS "quotaIds",
           s."cardHoldMinutes", s."bankHoldDays", s."bankInstructions", s."bankInstructionsZh",
           r.id AS "existingId", r.status::text AS "existingStatus",
           COALESCE((SELECT json_agg(json_build_object('id', q.id, 'kind', q.kind, 'labelEn', q."labelEn", 'labelZh', q."labelZh",
                                                       'required', q.required, 'options', q.options, 'optionsZh', q."optionsZh")
                                     ORDER BY q.position, q."createdAt")
                     FROM "RegistrationQuestion" q WHERE q."conferenceId" = c.id), '[]') AS questions
    FROM "Conference" c
    LEFT JOIN "TicketType" t ON t.id = ${ticketTypeId}::uuid AND t."conferenceId" = c.id AND NOT t.hidden
    LEFT JOIN "RegistrationSettings" s ON s."conferenceId" = c.id
    LEFT JOIN "Registration" r ON r."conferenceId" = c.id AND r."userId" = ${userId}::uuid
    WHERE c.slug = ${slug}`;
  if (!row) return null;
  return {
    for: { slug, ticketTypeId, userId },
    status: row.status,
    conference: { id: row.conferenceId, slug: row.slug, title: row.title, titleZh: row.titleZh, timeZone: row.timeZone },
    ticket: row.ticketId
      ? {
          id: row.ticketId,
          nameEn: row.nameEn!,
          nameZh: row.nameZh,
          priceCents: row.priceCents!,
          currency: row.currency!,
          salesStart: row.salesStart,
          salesEnd: row.salesEnd,
          eligibility: row.eligibility!,
          quotaIds: row.quotaIds ?? [],
          quotaVersion: row.quotaVersion!,
        }
      : null,
    settings: {
      cardHoldMinutes: row.cardHoldMinutes ?? DEFAULT_SETTINGS.cardHoldMinutes,
      bankHoldDays: row.bankHoldDays ?? DEFAULT_SETTINGS.bankHoldDays,
      bankInstructions: row.bankInstructions ?? "",
      bankInstructionsZh: row.bankInstructionsZh,
    },
    existing: row.existingId ? { id: row.existingId, status: row.existingStatus! } : null,
    questions: row.questions,
  };
}

const NO_TICKET = "00000000-0000-0000-0000-000000000000";

export type RegistrationFacts = NonNullable<Awaited<ReturnType<typeof registrationFacts>>>;

/**
 * What the registration form needs before it can be validated: its questions
 * (the schema is built from them), read together with everything registering
 * then needs, in the one query registerAttendee would otherwise run. Hand the
 * result to registerAttendee as `facts`. Null when the conference does not exist.
 */
export async function registrationForm({ actor, slug, ticketTypeId }: { actor: SessionUser; slug: string; ticketTypeId: string }) {
  return registrationFacts(db(), slug, ticketTypeId, actor.id);
}
