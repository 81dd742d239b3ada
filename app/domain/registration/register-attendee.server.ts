import { randomUUID } from "node:crypto";
import { enqueueEmailSql } from "~/domain/email/enqueue.server";
import {
  Prisma,
  type Conference,
  type PaymentMethod,
  type Registration,
  type RegistrationAnswer,
  type RegistrationSettings,
  type TicketType,
} from "~/generated/prisma/client";
import { now as clockNow } from "~/utils/clock.server";
import { db, type Db, type Tx } from "~/utils/db.server";
import { AppError, notFound, unauthorized, FieldError } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { isUuid } from "~/utils/validation";
import { auditSql } from "../audit.server";
import { badgeCode, paymentReference } from "./codes.server";
import { confirmationEmail } from "./confirm.server";
import { contextFrom } from "./context.server";
import { answersFrom, registrationFormSchema, type QuestionDef, type RegistrationFormValue } from "./form-schema";
import { rowLocks, soldOut, takeLockedSql, type PlaceLocking } from "./quota.server";
import { capAtEnd, registrationClosed } from "./sales-window";
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
  /** How places and voucher uses are locked; always the row locks, except in the race tests' controls. */
  placeLocking?: PlaceLocking;
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
 * the price on the server (nothing price-related is read from the form) and
 * writes the registration with its answers, places, audit record and email in
 * ONE statement (`writeRegistration`). Free tickets confirm at once; paid ones
 * hold the place until payment.
 *
 * The statement runs once per request. Most registrations (a first
 * registration, no voucher, no waitlist offer) send it alone, so PostgreSQL
 * runs it as its own transaction and the quota rows are locked only while it
 * runs: in an interactive transaction they would stay locked until this
 * process, busy with hundreds of other requests at a launch, got round to
 * sending COMMIT. A voucher (its use is locked first), an offer (claimed) or a
 * previous registration's row (its answers deleted) need more statements, and
 * the same write then runs inside a transaction with them.
 * See docs/decisions/043-one-registration-write.md.
 */
export async function registerAttendee({
  actor,
  slug,
  input,
  facts: known,
  now = new Date(),
  placeLocking = rowLocks,
}: RegisterAttendeeOptions): Promise<RegisterAttendeeResult> {
  if (!actor) throw unauthorized();
  // Facts read for this very submission are as good as reading them again:
  // nothing is locked while reading, inside a transaction or not (under READ
  // COMMITTED), and what must hold at write time (places, one registration per
  // person, the ticket's quotas) is checked by the statement that writes.
  const reusable = known && known.for.slug === slug && known.for.ticketTypeId === input.ticketTypeId && known.for.userId === actor.id;
  let facts = reusable ? known : await registrationFacts(db(), slug, input.ticketTypeId, actor.id);
  for (let read = 1; ; read++) {
    const checked = check(facts, input, now);
    const plan = { actor, input, now, placeLocking, ...checked };
    try {
      const result = needsTransaction(plan) ? await db().$transaction((tx) => register(tx, plan), LAUNCH_TX) : await register(db(), plan);
      const checkoutUrl =
        result.method === "CARD" ? (await startCardPayment({ actor, registrationId: result.registrationId, now })).url : null;
      return { registrationId: result.registrationId, status: result.status, checkoutUrl };
    } catch (error) {
      // The ticket's quotas changed between reading them and writing (an
      // organizer's edit, which needs the ticket to hold no places): once more,
      // reading them again. Twice in a row is answered "try again".
      if (!(error instanceof TicketChanged) || read > 1) throw error;
      facts = await registrationFacts(db(), slug, input.ticketTypeId, actor.id);
    }
  }
}

/** What can be checked from the facts and the form alone, before anything is written. */
function check(facts: RegistrationFacts | null, input: RegistrationFormValue, now: Date) {
  if (!facts || facts.status !== "PUBLISHED") throw notFound();
  const { ticket, existing, questions } = facts;
  // Nothing is sold, held or claimed once the conference is over, not even with an offer (decision 062).
  if (registrationClosed(facts.conference, now)) throw new AppError("SALES_CLOSED", "reg.error.registrationClosed");
  if (!ticket) throw new FieldError("ticketTypeId", "reg.error.ticketInvalid");
  // A waitlist offer holds its place beyond the sales window (checked with the offer).
  if (!input.offerId) {
    if (ticket.salesStart && ticket.salesStart > now) throw new AppError("SALES_CLOSED", "reg.error.salesNotOpen");
    if (ticket.salesEnd && ticket.salesEnd <= now) throw new AppError("SALES_CLOSED", "reg.error.salesClosed");
  }
  // The answers are checked again against the questions as they are now (they may have changed since the form loaded).
  const parsed = registrationFormSchema(questions).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FieldError(String(issue.path[0] ?? ""), issue.message as never);
  }
  if (existing && (existing.status === "RESERVED" || existing.status === "CONFIRMED")) throw alreadyRegistered();
  return { facts, ticket, answers: answersFrom(questions, parsed.data as Record<string, unknown>) };
}

type Plan = ReturnType<typeof check> & {
  actor: SessionUser;
  input: RegistrationFormValue;
  now: Date;
  placeLocking: PlaceLocking;
};

/** A voucher, an offer or a previous registration's row need statements besides the one that writes. */
const needsTransaction = ({ input, facts }: Plan) => Boolean(input.voucher || input.offerId || facts.existing);

/**
 * Writes one registration: outside a transaction (`client` is the pool) when
 * the single statement is all it takes, else inside the caller's transaction,
 * which takes the voucher use and claims the offer first (row locks in one
 * global order: voucher, then quotas).
 */
async function register(client: Tx | Db, { facts, ticket, answers, actor, input, now, placeLocking }: Plan) {
  const { conference, existing, settings } = facts;
  const tx = client as Tx; // used only when needsTransaction said so

  // A waitlist offer already holds a place for this person and ticket.
  let offerId: string | null = null;
  if (input.offerId) {
    const offer = await tx.waitlistEntry.findFirst({ where: { id: input.offerId, userId: actor.id, conferenceId: conference.id } });
    if (!offer || offer.status !== "OFFERED" || !offer.offerExpiresAt || offer.offerExpiresAt <= now) {
      throw new AppError("OFFER_EXPIRED", "reg.error.offerExpired");
    }
    if (offer.ticketTypeId !== ticket.id) throw new FieldError("ticketTypeId", "reg.error.ticketInvalid");
    offerId = offer.id;
  }

  const voucher = input.voucher ? await priceWithVoucher(tx, { conferenceId: conference.id, code: input.voucher, ticket, now }) : null;
  const amountCents = voucher ? voucher.amountCents : ticket.priceCents;
  const method: PaymentMethod | null =
    amountCents === 0 ? "FREE" : input.method === "card" ? "CARD" : input.method === "bank" ? "BANK_TRANSFER" : null;
  if (!method) throw new FieldError("method", "reg.validation.method");
  if (method === "CARD" && !stripeConfigured()) throw new FieldError("method", "reg.error.cardUnavailable");

  // A hold never outlives the conference: the sweeper releases it at the end at the latest.
  const holdUntil =
    method === "CARD"
      ? capAtEnd(new Date(now.getTime() + settings.cardHoldMinutes * 60_000), conference)
      : method === "BANK_TRANSFER"
        ? capAtEnd(new Date(now.getTime() + settings.bankHoldDays * 86_400_000), conference)
        : null;
  // Free tickets confirm at once (no receipt: nothing was paid).
  const status = method === "FREE" ? ("CONFIRMED" as const) : ("RESERVED" as const);
  const reference = paymentReference(conference.slug);
  // After expiry or cancellation the same row starts again (one registration per person and conference).
  const registrationId = existing?.id ?? randomUUID();
  // Every column, typed by Prisma's model: a column added to Registration
  // fails to compile here until this says what a new registration holds.
  const registration: RegistrationWrite = {
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
    paymentReminderSentAt: null,
    voucherId: voucher?.voucherId ?? null,
    payerOrganization: input.payerOrganization ?? null,
    payerTaxId: input.payerTaxId ?? null,
    eligibilityConfirmed: ticket.eligibility === "ANYONE",
    confirmedAt: method === "FREE" ? now : null,
    badgeCode: badgeCode(),
    reference,
    // A new registration on an old row starts afresh: no payment, receipt, cancellation or check-in.
    paidCents: 0,
    refundedCents: 0,
    stripeSessionId: null,
    stripePaymentIntentId: null,
    receiptNumber: null,
    cancelledAt: null,
    checkedInAt: null,
  };

  // The emails are composed from what was already read: no extra queries while the launch queues.
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
  if (voucher) await placeLocking.takeVoucherUse(tx, voucher.voucherId);
  if (offerId) await tx.waitlistEntry.update({ where: { id: offerId }, data: { status: "CLAIMED" } });
  const written = await writeRegistration(client, {
    registration,
    answers,
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
    quotas: offerId ? null : placeLocking.quotasSql(ticket.quotaIds),
    quotaCount: offerId ? 0 : ticket.quotaIds.length,
    quotaVersion: ticket.quotaVersion,
  });
  if (!written.ticketCurrent) throw new TicketChanged();
  if (!written.placesFree) throw soldOut();
  // No row back: another submission of the same person registered first.
  if (!written.registered) throw alreadyRegistered();
  return { registrationId, status, method };
}

/**
 * A registration as it is written: every column of Prisma's `Registration`
 * model except the timestamps the statement sets (`createdAt` keeps its
 * default on a new row and its value on a re-used one; `updatedAt` is now()).
 */
type RegistrationWrite = Omit<Registration, "createdAt" | "updatedAt">;
type AnswerWrite = Omit<RegistrationAnswer, "registrationId">;

/** The columns PostgreSQL fills from a registration's JSON, named by Prisma's generated list of the model's columns. */
const WRITTEN_COLUMNS = Object.values(Prisma.RegistrationScalarFieldEnum).filter(
  (c): c is keyof RegistrationWrite => c !== "createdAt" && c !== "updatedAt",
);
/** A re-used row (EXPIRED or CANCELLED) keeps its identity and creation time and takes everything else anew. */
const RENEWED_COLUMNS = [...WRITTEN_COLUMNS.filter((c) => c !== "id" && c !== "conferenceId" && c !== "userId"), "updatedAt"];
const quoted = (columns: readonly string[], prefix = "") => Prisma.raw(columns.map((c) => `${prefix}"${c}"`).join(", "));

/**
 * Writes the registration, its answers, the given rows (audit record, email)
 * and its places in ONE statement, all or nothing:
 *  - the quotas are locked in id order and checked (`quotas`, from quota.server.ts);
 *  - the registration is written only if every quota has room and the ticket
 *    still has the quotas that were read. It is an upsert on (conference,
 *    person) that takes over an EXPIRED or CANCELLED row and leaves a live one
 *    alone, so a concurrent second submission of the same person gets no row
 *    back instead of failing;
 *  - places, answers and the other rows are written only with the registration.
 * The registration and its answers travel as JSON that PostgreSQL reads into
 * the tables' own row types (json_populate_record), so no column type is
 * restated here. Run alone it is its own transaction; inside the caller's
 * transaction it is rolled back with it if the caller throws afterwards.
 */
async function writeRegistration(
  client: Tx | Db,
  {
    registration,
    answers,
    rows,
    quotas,
    quotaCount,
    quotaVersion,
  }: {
    registration: RegistrationWrite;
    answers: AnswerWrite[];
    rows: (when: Prisma.Sql) => Prisma.Sql[];
    /** The quotas to take a place in, as (id, free) locked rows; null takes none (an offer holds its place). */
    quotas: Prisma.Sql | null;
    quotaCount: number;
    quotaVersion: number;
  },
): Promise<{ placesFree: boolean; registered: boolean; ticketCurrent: boolean }> {
  const written = Prisma.sql`EXISTS (SELECT 1 FROM registration)`;
  const parts = [
    Prisma.sql`quotas AS (${quotas ?? Prisma.sql`SELECT NULL::uuid AS id, true AS free WHERE false`})`,
    // The quota list came from an earlier read: if the organizer has moved the
    // ticket to other quotas since, its version has moved on and nothing is
    // written. FOR SHARE waits for an edit in progress and then checks the
    // version it committed; taken after the quotas (the subquery on them runs
    // first), so registrations queue on the quota, not on the ticket row.
    Prisma.sql`ticket AS (SELECT id FROM "TicketType" WHERE id = ${registration.ticketTypeId}::uuid AND "quotaVersion" = ${quotaVersion}::int AND (SELECT count(*) FROM quotas) >= 0 FOR SHARE)`,
    Prisma.sql`room AS (SELECT count(*) FILTER (WHERE free) = ${quotaCount}::int AS free, EXISTS (SELECT 1 FROM ticket) AS current FROM quotas)`,
    Prisma.sql`registration AS (
      INSERT INTO "Registration" (${quoted(WRITTEN_COLUMNS)}, "updatedAt")
      SELECT ${quoted(WRITTEN_COLUMNS, "r.")}, now()
      FROM json_populate_record(NULL::"Registration", ${JSON.stringify(registration)}::json) AS r, room
      WHERE room.free AND room.current
      ON CONFLICT ("conferenceId", "userId") DO UPDATE SET (${quoted(RENEWED_COLUMNS)}) = (${quoted(RENEWED_COLUMNS, "EXCLUDED.")})
      WHERE "Registration".status IN ('EXPIRED', 'CANCELLED')
      RETURNING id)`,
    Prisma.sql`places AS (${takeLockedSql("quotas", written)})`,
  ];
  if (answers.length) {
    parts.push(Prisma.sql`answers AS (
      INSERT INTO "RegistrationAnswer" ("registrationId", ${quoted(ANSWER_COLUMNS)})
      SELECT registration.id, ${quoted(ANSWER_COLUMNS, "a.")}
      FROM registration, json_populate_recordset(NULL::"RegistrationAnswer", ${JSON.stringify(answers)}::json) AS a)`);
  }
  rows(written).forEach((sql, i) => parts.push(Prisma.sql`${Prisma.raw(`row${i}`)} AS (${sql})`));
  const [result] = await client.$queryRaw<{ id: string | null; placesFree: boolean; ticketCurrent: boolean }[]>`/* prepared */
    WITH ${Prisma.join(parts, ", ")}
    SELECT (SELECT id FROM registration) AS id, (SELECT free FROM room) AS "placesFree", (SELECT current FROM room) AS "ticketCurrent"`;
  return { placesFree: result.placesFree, registered: result.id === registration.id, ticketCurrent: result.ticketCurrent };
}

const ANSWER_COLUMNS = Object.values(Prisma.RegistrationAnswerScalarFieldEnum).filter(
  (c): c is keyof AnswerWrite => c !== "registrationId",
);

type OrNull<T> = { [K in keyof T]: T[K] | null };
/**
 * One row of the facts query. Its columns are typed by the Prisma models they
 * come from; the left-joined ones (ticket, settings, existing registration)
 * may be null.
 */
type FactsRow = Pick<Conference, "slug" | "status" | "title" | "titleZh" | "timeZone" | "startDate" | "endDate"> & {
  conferenceId: Conference["id"];
  ticketId: TicketType["id"] | null;
  quotaIds: string[] | null;
  existingId: Registration["id"] | null;
  existingStatus: Registration["status"] | null;
  questions: QuestionDef[];
} & OrNull<Pick<TicketType, "nameEn" | "nameZh" | "priceCents" | "currency" | "salesStart" | "salesEnd" | "eligibility" | "quotaVersion">> &
  OrNull<Pick<RegistrationSettings, "cardHoldMinutes" | "bankHoldDays" | "bankInstructions" | "bankInstructionsZh">>;

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
    SELECT c.id AS "conferenceId", c.slug, c.status::text AS status, c.title, c."titleZh", c."timeZone", c."startDate", c."endDate",
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
    conference: {
      id: row.conferenceId,
      slug: row.slug,
      title: row.title,
      titleZh: row.titleZh,
      timeZone: row.timeZone,
      startDate: row.startDate,
      endDate: row.endDate,
    },
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
export async function registrationForm({
  actor,
  slug,
  ticketTypeId,
  now = clockNow(),
}: {
  actor: SessionUser;
  slug: string;
  ticketTypeId: string;
  now?: Date;
}) {
  const facts = await registrationFacts(db(), slug, ticketTypeId, actor.id);
  // Once the conference is over the answer is "registration is closed", whatever the form says (decision 062).
  return facts ? { ...facts, closed: registrationClosed(facts.conference, now) } : null;
}
