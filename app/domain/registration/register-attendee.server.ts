import { enqueueEmail } from "~/domain/email/enqueue.server";
import { Prisma, type PaymentMethod } from "~/generated/prisma/client";
import { db, type Tx } from "~/utils/db.server";
import { AppError, notFound, unauthorized } from "~/utils/errors";
import { FieldError } from "~/utils/form-action.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { badgeCode, paymentReference } from "./codes.server";
import { enqueueConfirmation } from "./confirm.server";
import { contextFrom } from "./context.server";
import { answersFrom, registrationFormSchema, type RegistrationFormValue } from "./form-schema";
import { takePlaces, takeVoucherUse } from "./quota.server";
import { DEFAULT_SETTINGS, LAUNCH_TX } from "./settings.server";
import { startCardPayment } from "./start-card-payment.server";
import { stripeConfigured } from "./stripe.server";
import { priceWithVoucher } from "./voucher-price.server";

export type RegisterAttendeeOptions = { actor: SessionUser | null; slug: string; input: RegistrationFormValue; now?: Date };
export type RegisterAttendeeResult = { registrationId: string; status: "RESERVED" | "CONFIRMED"; checkoutUrl: string | null };

export const alreadyRegistered = () => new AppError("ALREADY_REGISTERED", 409, "reg.error.already");

/**
 * Registers the signed-in person for a published conference: validates the
 * ticket (of THIS conference, on sale), the answers and the voucher, computes
 * the price on the server (nothing price-related is read from the form),
 * writes the registration, then takes the voucher use and the places last, so
 * their row locks are held only until the commit right after. Free tickets
 * confirm at once; paid ones hold the place until payment.
 */
export async function registerAttendee({ actor, slug, input, now = new Date() }: RegisterAttendeeOptions): Promise<RegisterAttendeeResult> {
  if (!actor) throw unauthorized();
  let result: Omit<RegisterAttendeeResult, "checkoutUrl"> & { method: string };
  try {
    result = await db().$transaction((tx) => register(tx, actor, slug, input, now), LAUNCH_TX);
  } catch (error) {
    // Two submissions of the same person at once: the unique (conference, person) index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw alreadyRegistered();
    throw error;
  }
  const checkoutUrl = result.method === "CARD" ? (await startCardPayment({ actor, registrationId: result.registrationId, now })).url : null;
  return { registrationId: result.registrationId, status: result.status, checkoutUrl };
}

async function register(tx: Tx, actor: SessionUser, slug: string, input: RegistrationFormValue, now: Date) {
  const facts = await registrationFacts(tx, slug, input.ticketTypeId, actor.id);
  if (!facts || facts.status !== "PUBLISHED") throw notFound();
  const { conference, ticket, existing } = facts;
  if (!ticket) throw new FieldError("ticketTypeId", "reg.error.ticketInvalid");

  // A waitlist offer already holds a place for this person and ticket.
  let offerId: string | null = null;
  if (input.offerId) {
    const offer = await tx.waitlistEntry.findFirst({ where: { id: input.offerId, userId: actor.id, conferenceId: conference.id } });
    if (!offer || offer.status !== "OFFERED" || !offer.offerExpiresAt || offer.offerExpiresAt <= now) {
      throw new AppError("OFFER_EXPIRED", 409, "reg.error.offerExpired");
    }
    if (offer.ticketTypeId !== ticket.id) throw new FieldError("ticketTypeId", "reg.error.ticketInvalid");
    offerId = offer.id;
  } else {
    if (ticket.salesStart && ticket.salesStart > now) throw new AppError("SALES_CLOSED", 409, "reg.error.salesNotOpen");
    if (ticket.salesEnd && ticket.salesEnd <= now) throw new AppError("SALES_CLOSED", 409, "reg.error.salesClosed");
  }

  // The answers are checked again against the questions as they are now (they may have changed since the form loaded).
  const questions = await tx.registrationQuestion.findMany({ where: { conferenceId: conference.id }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
  const parsed = registrationFormSchema(questions).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FieldError(String(issue.path[0] ?? ""), issue.message as never);
  }

  if (existing && (existing.status === "RESERVED" || existing.status === "CONFIRMED")) throw alreadyRegistered();

  const voucher = input.voucher ? await priceWithVoucher(tx, { conferenceId: conference.id, code: input.voucher, ticket, now }) : null;
  const amountCents = voucher ? voucher.amountCents : ticket.priceCents;
  const method: PaymentMethod | null = amountCents === 0 ? "FREE" : input.method === "card" ? "CARD" : input.method === "bank" ? "BANK_TRANSFER" : null;
  if (!method) throw new FieldError("method", "reg.validation.method");
  if (method === "CARD" && !stripeConfigured()) throw new FieldError("method", "reg.error.cardUnavailable");

  const settings = facts.settings;
  const holdUntil =
    method === "CARD" ? new Date(now.getTime() + settings.cardHoldMinutes * 60_000) : method === "BANK_TRANSFER" ? new Date(now.getTime() + settings.bankHoldDays * 86_400_000) : null;
  const data = {
    ticketTypeId: ticket.id,
    // Free tickets confirm at once (no receipt: nothing was paid).
    status: method === "FREE" ? ("CONFIRMED" as const) : ("RESERVED" as const),
    method,
    priceCents: ticket.priceCents,
    discountCents: ticket.priceCents - amountCents,
    amountCents,
    currency: ticket.currency,
    paidCents: 0,
    refundedCents: 0,
    holdUntil,
    voucherId: voucher?.voucherId ?? null,
    payerOrganization: input.payerOrganization ?? null,
    payerTaxId: input.payerTaxId ?? null,
    eligibilityConfirmed: ticket.eligibility === "ANYONE",
    stripeSessionId: null,
    stripePaymentIntentId: null,
    receiptNumber: null,
    confirmedAt: method === "FREE" ? now : null,
    cancelledAt: null,
    checkedInAt: null,
    badgeCode: badgeCode(),
    reference: paymentReference(conference.slug),
  };
  let registrationId: string;
  if (existing) {
    // After expiry or cancellation the same row starts again; the status guard makes a concurrent second attempt lose.
    const n = await tx.registration.updateMany({ where: { id: existing.id, status: { in: ["EXPIRED", "CANCELLED"] } }, data });
    if (n.count !== 1) throw alreadyRegistered();
    await tx.registrationAnswer.deleteMany({ where: { registrationId: existing.id } });
    registrationId = existing.id;
  } else {
    registrationId = (await tx.registration.create({ data: { ...data, conferenceId: conference.id, userId: actor.id }, select: { id: true } })).id;
  }
  const answers = answersFrom(questions, parsed.data as Record<string, unknown>);
  if (answers.length) await tx.registrationAnswer.createMany({ data: answers.map((a) => ({ ...a, registrationId })) });
  await audit(tx, { actorId: actor.id, action: "registration.create", entityType: "Registration", entityId: registrationId, data: { ticketTypeId: ticket.id, method, amountCents } });

  // The emails are composed from what this transaction already read: no extra queries while the launch queues.
  const ctx = contextFrom({ registrationId, amountCents, currency: ticket.currency, user: actor, ticketType: ticket, conference });
  if (method === "FREE") {
    await enqueueConfirmation(tx, registrationId, ctx);
  } else {
    const common = { ...ctx.base, ticket: ctx.ticket, amount: ctx.amount, holdUntil: ctx.when(holdUntil!) };
    if (method === "BANK_TRANSFER") {
      const instructions = ctx.locale === "zh" && settings.bankInstructionsZh ? settings.bankInstructionsZh : settings.bankInstructions;
      await enqueueEmail(tx, { to: ctx.to, locale: ctx.locale, template: "paymentInstructions", props: { ...common, reference: data.reference, instructions } });
    } else {
      await enqueueEmail(tx, { to: ctx.to, locale: ctx.locale, template: "registrationReceived", props: common });
    }
  }

  // Last, so the row locks are held for the shortest time: voucher first, then quotas (one global order).
  if (voucher) await takeVoucherUse(tx, voucher.voucherId);
  if (offerId) {
    await tx.waitlistEntry.update({ where: { id: offerId }, data: { status: "CLAIMED" } });
  } else {
    await takePlaces(tx, ticket.quotaIds);
  }
  return { registrationId, status: method === "FREE" ? ("CONFIRMED" as const) : ("RESERVED" as const), method };
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
  cardHoldMinutes: number | null;
  bankHoldDays: number | null;
  bankInstructions: string | null;
  bankInstructionsZh: string | null;
  existingId: string | null;
  existingStatus: string | null;
};

/**
 * Everything registering needs to know before writing, in ONE query: the
 * conference, the ticket (only if it is this conference's and on offer) with
 * its quota ids in lock order, the settings and the person's existing row.
 * A ticket launch runs this hundreds of times a second; one round trip
 * instead of six is most of the difference (see bench/ticket-launch.bench.js).
 */
async function registrationFacts(tx: Tx, slug: string, ticketTypeId: string, userId: string) {
  const [row] = await tx.$queryRaw<FactsRow[]>`
    SELECT c.id AS "conferenceId", c.slug, c.status::text AS status, c.title, c."titleZh", c."timeZone",
           t.id AS "ticketId", t."nameEn", t."nameZh", t."priceCents", t.currency, t."salesStart", t."salesEnd", t.eligibility::text AS eligibility,
           ARRAY(SELECT q."quotaId"::text FROM "TicketTypeQuota" q WHERE q."ticketTypeId" = t.id ORDER BY q."quotaId") AS "quotaIds",
           s."cardHoldMinutes", s."bankHoldDays", s."bankInstructions", s."bankInstructionsZh",
           r.id AS "existingId", r.status::text AS "existingStatus"
    FROM "Conference" c
    LEFT JOIN "TicketType" t ON t.id = ${ticketTypeId}::uuid AND t."conferenceId" = c.id AND NOT t.hidden
    LEFT JOIN "RegistrationSettings" s ON s."conferenceId" = c.id
    LEFT JOIN "Registration" r ON r."conferenceId" = c.id AND r."userId" = ${userId}::uuid
    WHERE c.slug = ${slug}`;
  if (!row) return null;
  return {
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
        }
      : null,
    settings: {
      cardHoldMinutes: row.cardHoldMinutes ?? DEFAULT_SETTINGS.cardHoldMinutes,
      bankHoldDays: row.bankHoldDays ?? DEFAULT_SETTINGS.bankHoldDays,
      bankInstructions: row.bankInstructions ?? "",
      bankInstructionsZh: row.bankInstructionsZh,
    },
    existing: row.existingId ? { id: row.existingId, status: row.existingStatus! } : null,
  };
}
