// Registration routes × roles. Organizer pages: the conference's organizers and
// the host organization's admins; check-in also for check-in staff; one's own
// registration pages: its attendee (and, where the page allows, organizers).
import * as checkin from "~/routes/registration/checkin";
import * as regDetail from "~/routes/registration/manage/registration";
import * as regList from "~/routes/registration/manage/registrations";
import * as regExport from "~/routes/registration/manage/export";
import * as regBadges from "~/routes/registration/manage/badges";
import * as regImport from "~/routes/registration/manage/import";
import * as regEmail from "~/routes/registration/manage/email";
import * as manageTickets from "~/routes/registration/manage/tickets";
import * as editTicket from "~/routes/registration/manage/ticket";
import * as questions from "~/routes/registration/manage/questions";
import * as vouchers from "~/routes/registration/manage/vouchers";
import * as editVoucher from "~/routes/registration/manage/voucher";
import * as visa from "~/routes/registration/manage/visa";
import * as register from "~/routes/registration/register";
import * as tickets from "~/routes/registration/tickets";
import * as badge from "~/routes/registration/badge";
import * as myReg from "~/routes/registration/my-registration";
import { db } from "~/utils/db.server";
import { daysFromToday, type Cast } from "../support/world";
import { SIGNED_IN, type PermissionRow } from "./types";

const ORGANIZERS = ["organizer", "orgAdmin"] as const;

/** Publishes the cast's conference with one free ticket in a quota of `capacity`. */
async function ticketing(cast: Cast, capacity = 10) {
  const conferenceId = cast.conference.id;
  // Days still to come: nothing is sold once a conference is over (decision 062).
  await db().conference.update({
    where: { id: conferenceId },
    data: { status: "PUBLISHED", startDate: daysFromToday(60), endDate: daysFromToday(61) },
  });
  await db().registrationSettings.create({ data: { conferenceId, cancelUntil: new Date(Date.now() + 86_400_000) } });
  const quota = await db().quota.create({ data: { conferenceId, name: "Hall", capacity } });
  const ticket = await db().ticketType.create({
    data: { conferenceId, nameEn: "Regular", priceCents: 100_00, currency: "CNY", quotas: { create: [{ quotaId: quota.id }] } },
  });
  return { slug: cast.conference.slug, ticket, quota };
}

/** The attendee's registration (confirmed unless said otherwise). */
async function attendeeRegistration(cast: Cast, status: "RESERVED" | "CONFIRMED" = "CONFIRMED") {
  const { slug, ticket } = await ticketing(cast);
  const reg = await db().registration.create({
    data: {
      conferenceId: cast.conference.id,
      userId: cast.people.attendee.id,
      ticketTypeId: ticket.id,
      status,
      method: "BANK_TRANSFER",
      priceCents: 100_00,
      amountCents: 100_00,
      paidCents: status === "CONFIRMED" ? 100_00 : 0,
      currency: "CNY",
      reference: `PERM-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
      badgeCode: Math.random().toString(36).slice(2, 12).toUpperCase(),
      receiptNumber: status === "CONFIRMED" ? 1 : null,
      holdUntil: status === "RESERVED" ? new Date(Date.now() + 86_400_000) : null,
    },
  });
  return { slug, reg };
}

/** The ticket type form as the create and edit pages post it. */
const ticketForm = { intent: "ticket", nameEn: "Regular", price: "100", eligibility: "ANYONE", perPersonLimit: "1" };

export const rows: PermissionRow[] = [
  {
    name: "POST /conferences/:slug/register",
    route: register,
    request: async (cast) => {
      const { slug, ticket } = await ticketing(cast);
      return { path: `/conferences/${slug}/register`, params: { slug }, form: { ticketTypeId: ticket.id, method: "bank" } };
    },
    allowed: SIGNED_IN,
  },
  {
    name: "POST /conferences/:slug/tickets (join waitlist)",
    route: tickets,
    request: async (cast) => {
      const { slug, ticket } = await ticketing(cast, 0);
      return { path: `/conferences/${slug}/tickets`, params: { slug }, form: { intent: "join-waitlist", ticketTypeId: ticket.id } };
    },
    allowed: SIGNED_IN,
  },
  {
    name: "GET /my/registrations/:id",
    route: myReg,
    kind: "loader",
    request: async (cast) => {
      const { reg } = await attendeeRegistration(cast);
      return { path: `/my/registrations/${reg.id}`, params: { id: reg.id } };
    },
    allowed: ["attendee"],
  },
  {
    name: "POST /my/registrations/:id (cancel)",
    route: myReg,
    request: async (cast) => {
      const { reg } = await attendeeRegistration(cast);
      return { path: `/my/registrations/${reg.id}`, params: { id: reg.id }, form: { intent: "cancel" } };
    },
    allowed: ["attendee", ...ORGANIZERS],
  },
  {
    name: "POST /my/registrations/:id (visa letter request)",
    route: myReg,
    request: async (cast) => {
      const { reg } = await attendeeRegistration(cast);
      return {
        path: `/my/registrations/${reg.id}`,
        params: { id: reg.id },
        form: {
          intent: "visa",
          passportName: "A B",
          passportNumber: "X1",
          nationality: "KE",
          birthDate: "1990-01-01",
          arrivalDate: "2025-09-25",
          departureDate: "2025-09-29",
        },
      };
    },
    allowed: ["attendee"],
  },
  {
    name: "GET /my/registrations/:id/badge",
    route: badge,
    kind: "loader",
    request: async (cast) => {
      const { reg } = await attendeeRegistration(cast);
      return { path: `/my/registrations/${reg.id}/badge`, params: { id: reg.id } };
    },
    allowed: ["attendee", ...ORGANIZERS],
  },
  {
    name: "GET /conferences/:slug/manage/registrations",
    route: regList,
    kind: "loader",
    request: async (cast) => ({
      path: `/conferences/${cast.conference.slug}/manage/registrations`,
      params: { slug: cast.conference.slug },
    }),
    allowed: [...ORGANIZERS],
  },
  {
    name: "GET /conferences/:slug/manage/registrations/export",
    route: regExport,
    kind: "loader",
    request: async (cast) => ({
      path: `/conferences/${cast.conference.slug}/manage/registrations/export`,
      params: { slug: cast.conference.slug },
    }),
    allowed: [...ORGANIZERS],
  },
  {
    name: "GET /conferences/:slug/manage/registrations/badges",
    route: regBadges,
    kind: "loader",
    request: async (cast) => ({
      path: `/conferences/${cast.conference.slug}/manage/registrations/badges?layout=sheet`,
      params: { slug: cast.conference.slug },
    }),
    allowed: [...ORGANIZERS],
  },
  {
    name: "GET /conferences/:slug/manage/registrations/email",
    route: regEmail,
    kind: "loader",
    request: async (cast) => ({
      path: `/conferences/${cast.conference.slug}/manage/registrations/email`,
      params: { slug: cast.conference.slug },
    }),
    allowed: [...ORGANIZERS],
  },
  {
    name: "POST /conferences/:slug/manage/registrations/email (send to attendees)",
    route: regEmail,
    request: async (cast) => {
      const { slug } = await attendeeRegistration(cast);
      return {
        path: `/conferences/${slug}/manage/registrations/email`,
        params: { slug },
        form: { intent: "send", expected: "1", subjectEn: "Shuttle", bodyEn: "Buses at 8:00." },
      };
    },
    allowed: [...ORGANIZERS],
  },
  {
    name: "POST /conferences/:slug/manage/registrations/import (preview)",
    route: regImport,
    request: async (cast) => ({
      path: `/conferences/${cast.conference.slug}/manage/registrations/import`,
      params: { slug: cast.conference.slug },
      form: { intent: "preview", statement: new File(["reference,amount\nNONE-222222,1\n"], "s.csv") },
    }),
    allowed: [...ORGANIZERS],
  },
  {
    name: "POST /conferences/:slug/manage/registrations/import (confirm)",
    route: regImport,
    request: async (cast) => {
      const { slug, reg } = await attendeeRegistration(cast, "RESERVED");
      const csv = `reference,amount\n${reg.reference},100.00\n`;
      return {
        path: `/conferences/${slug}/manage/registrations/import`,
        params: { slug },
        // A digest from no preview: an allowed organizer is shown a fresh preview (409), nothing is recorded.
        form: { intent: "confirm", content: Buffer.from(csv).toString("base64"), decimal: "auto", digest: "0".repeat(32) },
      };
    },
    allowed: [...ORGANIZERS],
  },
  {
    name: "POST /conferences/:slug/manage/registrations/:id (record payment)",
    route: regDetail,
    request: async (cast) => {
      const { slug, reg } = await attendeeRegistration(cast, "RESERVED");
      return {
        path: `/conferences/${slug}/manage/registrations/${reg.id}`,
        params: { slug, id: reg.id },
        form: { intent: "mark-paid", amount: "100" },
      };
    },
    allowed: [...ORGANIZERS],
  },
  {
    name: "POST /conferences/:slug/manage/tickets (new quota)",
    route: manageTickets,
    request: async (cast) => ({
      path: `/conferences/${cast.conference.slug}/manage/tickets`,
      params: { slug: cast.conference.slug },
      form: { intent: "quota", name: "Workshop A", capacity: "30" },
    }),
    allowed: [...ORGANIZERS],
  },
  {
    name: "POST /conferences/:slug/manage/tickets (new ticket type)",
    route: manageTickets,
    request: async (cast) => ({
      path: `/conferences/${cast.conference.slug}/manage/tickets`,
      params: { slug: cast.conference.slug },
      form: { ...ticketForm, nameEn: "Student" },
    }),
    allowed: [...ORGANIZERS],
  },
  {
    name: "GET /conferences/:slug/manage/tickets/:id (edit page)",
    route: editTicket,
    kind: "loader",
    request: async (cast) => {
      const { slug, ticket } = await ticketing(cast);
      return { path: `/conferences/${slug}/manage/tickets/${ticket.id}`, params: { slug, id: ticket.id } };
    },
    allowed: [...ORGANIZERS],
  },
  {
    name: "POST /conferences/:slug/manage/tickets/:id (edit ticket type)",
    route: editTicket,
    request: async (cast) => {
      const { slug, ticket, quota } = await ticketing(cast);
      return {
        path: `/conferences/${slug}/manage/tickets/${ticket.id}`,
        params: { slug, id: ticket.id },
        form: { ...ticketForm, price: "150", quotaIds: [quota.id] },
      };
    },
    allowed: [...ORGANIZERS],
  },
  {
    name: "POST /conferences/:slug/manage/tickets/questions",
    route: questions,
    request: async (cast) => ({
      path: `/conferences/${cast.conference.slug}/manage/tickets/questions`,
      params: { slug: cast.conference.slug },
      form: { intent: "question", kind: "TEXT", labelEn: "Dietary needs" },
    }),
    allowed: [...ORGANIZERS],
  },
  {
    name: "POST /conferences/:slug/manage/tickets/vouchers",
    route: vouchers,
    request: async (cast) => ({
      path: `/conferences/${cast.conference.slug}/manage/tickets/vouchers`,
      params: { slug: cast.conference.slug },
      form: { intent: "voucher", code: "SPEAKER", kind: "PERCENT", value: "100" },
    }),
    allowed: [...ORGANIZERS],
  },
  ...(["loader", "edit", "delete"] as const).map((what): PermissionRow => ({
    name: `${what === "loader" ? "GET" : "POST"} /conferences/:slug/manage/tickets/vouchers/:id${what === "loader" ? "" : ` (${what})`}`,
    route: editVoucher,
    ...(what === "loader" ? { kind: "loader" as const } : {}),
    request: async (cast) => {
      const code = `V${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
      const v = await db().voucher.create({ data: { conferenceId: cast.conference.id, code, kind: "PERCENT", value: 100 } });
      const forms: Record<"edit" | "delete", Record<string, string>> = {
        edit: { intent: "voucher", code, kind: "PERCENT", value: "50" },
        delete: { intent: "delete-voucher", confirm: "yes" },
      };
      return {
        path: `/conferences/${cast.conference.slug}/manage/tickets/vouchers/${v.id}`,
        params: { slug: cast.conference.slug, id: v.id },
        form: what === "loader" ? undefined : forms[what],
      };
    },
    allowed: [...ORGANIZERS],
  })),
  {
    name: "POST /conferences/:slug/manage/visa (decide)",
    route: visa,
    request: async (cast) => {
      const { slug } = await attendeeRegistration(cast);
      const v = await db().visaLetterRequest.create({
        data: {
          conferenceId: cast.conference.id,
          userId: cast.people.attendee.id,
          passportName: "A B",
          passportNumber: "X1",
          nationality: "KE",
          birthDate: new Date("1990-01-01"),
          arrivalDate: new Date("2025-09-25"),
          departureDate: new Date("2025-09-29"),
          verificationCode: Math.random().toString(16).slice(2, 18).toUpperCase().padEnd(16, "0"),
        },
      });
      return { path: `/conferences/${slug}/manage/visa`, params: { slug }, form: { requestId: v.id, decision: "approve" } };
    },
    allowed: [...ORGANIZERS],
  },
  {
    name: "GET /conferences/:slug/checkin",
    route: checkin,
    kind: "loader",
    request: async (cast) => ({ path: `/conferences/${cast.conference.slug}/checkin`, params: { slug: cast.conference.slug } }),
    allowed: [...ORGANIZERS, "checkin"],
  },
  {
    name: "POST /conferences/:slug/checkin (scan)",
    route: checkin,
    request: async (cast) => {
      const { slug, reg } = await attendeeRegistration(cast);
      return { path: `/conferences/${slug}/checkin`, params: { slug }, form: { code: reg.badgeCode } };
    },
    allowed: [...ORGANIZERS, "checkin"],
  },
];
