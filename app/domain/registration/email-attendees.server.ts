import { enqueueEmails } from "~/domain/email/enqueue.server";
import type { Prisma, RegistrationStatus } from "~/generated/prisma/client";
import { pick } from "~/i18n";
import { db, type Db, type Tx } from "~/utils/db.server";
import { AppError, FieldError } from "~/utils/errors";
import { absoluteUrl } from "~/utils/http.server";
import { audit } from "../audit.server";
import { managedConference, type ManageOptions } from "./manage-context.server";
import type { EmailAttendeesInput } from "./schemas";

export type Audience = { ticketTypeId?: string; status?: RegistrationStatus };

/** No status chosen: everyone holding a place (confirmed or awaiting payment). */
const LIVE: RegistrationStatus[] = ["CONFIRMED", "RESERVED"];

function audienceWhere(conferenceId: string, a: Audience): Prisma.RegistrationWhereInput {
  return { conferenceId, status: a.status ? a.status : { in: LIVE }, ...(a.ticketTypeId ? { ticketTypeId: a.ticketTypeId } : {}) };
}

/** A ticket type chosen in the filter must be this conference's. */
async function checkTicket(client: Db | Tx, conferenceId: string, ticketTypeId: string | undefined) {
  if (ticketTypeId && !(await client.ticketType.findFirst({ where: { id: ticketTypeId, conferenceId }, select: { id: true } })))
    throw new FieldError("ticketTypeId", "reg.error.ticketInvalid");
}

/** The "Email attendees" page: the filters' choices and, for the chosen audience, how many people it reaches. */
export async function emailAttendeesPage({ actor, slug, audience }: ManageOptions & { audience: Audience }) {
  const conference = await managedConference(db(), actor, slug);
  await checkTicket(db(), conference.id, audience.ticketTypeId);
  const [tickets, recipients] = await Promise.all([
    db().ticketType.findMany({
      where: { conferenceId: conference.id },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, nameEn: true, nameZh: true },
    }),
    db().registration.count({ where: audienceWhere(conference.id, audience) }),
  ]);
  return { conference, tickets, recipients };
}

/**
 * Organizers write to the attendees of a ticket type and/or status, through
 * the outbox: one email per person, in their language (the Chinese text when
 * the organizers gave one and the person reads Chinese, else the English), in
 * the same transaction as the audit record. "preview" writes nothing and
 * answers how many people the message would reach; "send" must carry that
 * number back, so nobody sends to an audience other than the one they saw
 * (if registrations changed in between, the new count is shown to confirm).
 */
export async function emailAttendees({ actor, slug, input }: ManageOptions & { input: EmailAttendeesInput }) {
  return db().$transaction(
    async (tx) => {
      const conference = await managedConference(tx, actor, slug);
      await checkTicket(tx, conference.id, input.ticketTypeId);
      const audience = { ticketTypeId: input.ticketTypeId, status: input.status };
      const people = await tx.registration.findMany({
        where: audienceWhere(conference.id, audience),
        orderBy: { createdAt: "asc" },
        select: { id: true, user: { select: { email: true, nameLatin: true, locale: true } } },
      });
      if (input.intent === "preview") return { sent: false as const, recipients: people.length };
      if (input.expected !== people.length)
        return { sent: false as const, recipients: people.length, changed: input.expected !== undefined };
      if (people.length === 0) throw new AppError("BAD_REQUEST", "reg.email.nobody");
      const count = await enqueueEmails(
        tx,
        people.map(({ id, user }) => {
          const zh = user.locale === "zh" && Boolean(input.subjectZh && input.bodyZh);
          return {
            to: user.email,
            locale: user.locale,
            template: "organizerMessage" as const,
            props: {
              name: user.nameLatin,
              conference: pick(user.locale, conference.title, conference.titleZh),
              subject: zh ? input.subjectZh! : input.subjectEn,
              body: zh ? input.bodyZh! : input.bodyEn,
              url: absoluteUrl(`/my/registrations/${id}`),
            },
          };
        }),
      );
      await audit(tx, {
        actorId: actor!.id,
        action: "registration.email-attendees",
        entityType: "Conference",
        entityId: conference.id,
        data: { ...audience, recipients: count, subjectEn: input.subjectEn, subjectZh: input.subjectZh ?? null },
      });
      return { sent: true as const, recipients: count };
    },
    { timeout: 60_000 },
  );
}
