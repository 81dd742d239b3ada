import { index, layout, prefix, route, type RouteConfig, type RouteConfigEntry } from "@remix-run/route-config";
import type { Area } from "~/i18n/areas";

/**
 * The pathless layout that sends an area's messages to the pages inside it (the root sends only the
 * common frame's). `use` names each place an area's layout appears, since a route id is unique.
 * An area's layout is `routes/<area>/messages.tsx`, except the speaking area's: its pages (call for
 * proposals, reviews, speaker portal, programme management) are programme routes.
 * See docs/decisions/039-message-delivery.md; tests/i18n/route-messages.test.ts proves each page
 * gets every area it shows.
 */
const layoutModule = (area: Area) => (area === "speaking" ? "routes/programme/speaking-messages.tsx" : `routes/${area}/messages.tsx`);
const messages = (area: Area, use: string, children: RouteConfigEntry[]) =>
  layout(layoutModule(area), { id: `messages/${area}/${use}` }, children);

/**
 * Every URL of Concord and the module that answers it, grouped by area. Route
 * modules live in one folder per area (`app/routes/<area>/`), so "everything
 * about the timetable" is `app/routes/programme/manage/`. Adding a page means
 * adding its file and one line here. See docs/decisions/036-route-layout.md.
 */
export default [
  // The site itself: home, health, language, the development mailbox, unknown URLs.
  index("routes/site/home.tsx"),
  route("healthz", "routes/site/healthz.ts"),
  route("readyz", "routes/site/readyz.ts"),
  route("set-locale", "routes/site/set-locale.ts"),
  ...prefix("dev/mail", [index("routes/site/dev-mail.tsx"), route(":id", "routes/site/dev-mail-message.tsx")]),

  // Accounts: sign-up, sign-in, recovery, the account page and passkeys (whose messages are the accords').
  messages("accounts", "site", [
    route("login", "routes/accounts/login.tsx"),
    route("login/email", "routes/accounts/login-email.tsx"),
    route("logout", "routes/accounts/logout.tsx"),
    route("signup", "routes/accounts/signup.tsx"),
    route("forgot-password", "routes/accounts/forgot-password.tsx"),
    route("reset-password", "routes/accounts/reset-password.tsx"),
    route("verify-email", "routes/accounts/verify-email.tsx"),
    route("auth/email-link", "routes/accounts/email-link.tsx"),
    messages("accords", "account", [
      ...prefix("account", [
        index("routes/accounts/account.tsx"),
        route("security", "routes/accounts/security.tsx"),
        route("passkeys", "routes/accounts/passkeys.tsx", [route("register", "routes/accounts/passkeys-register.ts")]),
      ]),
    ]),
  ]),

  // Organizations and their members.
  messages("organizations", "site", [
    ...prefix("orgs", [
      index("routes/organizations/list.tsx"),
      route("new", "routes/organizations/new.tsx"),
      ...prefix(":slug", [
        index("routes/organizations/overview.tsx"),
        route("edit", "routes/organizations/edit.tsx"),
        route("logo", "routes/organizations/logo.tsx"),
        route("members", "routes/organizations/members.tsx"),
      ]),
    ]),
    route("invitations/:token", "routes/organizations/invitation.tsx"),
  ]),

  // Conferences, and under /conferences/:slug the registration, programme and accord pages.
  ...prefix("conferences", [
    messages("conferences", "conferences", [
      index("routes/conferences/list.tsx"),
      messages("organizations", "conferences", [
        route("new", "routes/conferences/new.tsx"),
        route(":slug/edit", "routes/conferences/edit.tsx"),
        route(":slug/roles", "routes/conferences/roles.tsx"),
      ]),
      ...prefix(":slug", [
        index("routes/conferences/overview.tsx"),

        // Registration: tickets, the form, check-in, and the organizers' desk.
        messages("registration", "conference", [
          route("tickets", "routes/registration/tickets.tsx"),
          route("register", "routes/registration/register.tsx"),
          route("checkin", "routes/registration/checkin.tsx"),
          ...prefix("manage", [
            ...prefix("registrations", [
              index("routes/registration/manage/registrations.tsx"),
              route("export", "routes/registration/manage/export.ts"),
              route("import", "routes/registration/manage/import.tsx"),
              route("badges", "routes/registration/manage/badges.ts"),
              route("email", "routes/registration/manage/email.tsx"),
              route(":id", "routes/registration/manage/registration.tsx"),
            ]),
            ...prefix("tickets", [
              index("routes/registration/manage/tickets.tsx"),
              route("questions", "routes/registration/manage/questions.tsx"),
              route("vouchers", "routes/registration/manage/vouchers.tsx"),
              route("vouchers/:id", "routes/registration/manage/voucher.tsx"),
              route(":id", "routes/registration/manage/ticket.tsx"),
            ]),
            route("visa", "routes/registration/manage/visa.tsx"),
          ]),
        ]),
      ]),
    ]),
    ...prefix(":slug", [
      messages("programme", "conference", [
        // Pages that show the speaking area's messages too; the public pages below do not load them.
        messages("speaking", "conference", [
          // Programme management: sessions, rooms, speakers, the call for proposals, the timetable.
          ...prefix("manage", [
            ...prefix("programme", [
              index("routes/programme/manage/sessions.tsx"),
              route("sessions/:id", "routes/programme/manage/session.tsx"),
              route("cfp", "routes/programme/manage/cfp.tsx"),
              route("proposals", "routes/programme/manage/proposals.tsx"),
              route("rooms", "routes/programme/manage/rooms.tsx"),
              route("speakers", "routes/programme/manage/speakers.tsx"),
              route("speakers/:id", "routes/programme/manage/speaker.tsx"),
            ]),
            route("timetable", "routes/programme/manage/timetable.tsx"),
            route("timetable/release", "routes/programme/manage/release.tsx"),
          ]),

          // Proposals to the call, and their reviews.
          route("proposals", "routes/programme/proposals.tsx"),
          route("proposals/:id", "routes/programme/proposal.tsx"),
          route("reviews", "routes/programme/reviews.tsx"),
          route("reviews/:id", "routes/programme/review.tsx"),
        ]),

        // The public programme and its exports.
        route("programme", "routes/programme/programme.tsx"),
        route("programme/changes", "routes/programme/changes.tsx"),
        route("programme.ics", "routes/programme/programme-ics.ts"),
        route("schedule.json", "routes/programme/schedule-json.ts"),
        route("schedule.xml", "routes/programme/schedule-xml.ts"),
        route("sessions/:id", "routes/programme/session.tsx"),
        route("sessions/:id/calendar.ics", "routes/programme/session-ics.ts"),
        route("speakers", "routes/programme/speakers.tsx"),
        route("speakers/:id", "routes/programme/speaker.tsx"),
        route("speakers/:id/photo", "routes/programme/speaker-photo.ts"),
      ]),
      messages("accords", "conference", [route("ceremony", "routes/accords/ceremony.tsx")]),
    ]),
  ]),
  route("api/conferences/:slug/programme", "routes/programme/programme-api.ts"),

  // An attendee's own registrations and documents.
  ...prefix("my", [
    messages("conferences", "my", [
      messages("registration", "my", [
        route("registrations", "routes/registration/my-registrations.tsx"),
        route("registrations/:id", "routes/registration/my-registration.tsx", [
          route("badge", "routes/registration/badge.ts"),
          route("calendar", "routes/registration/registration-calendar.ts"),
          route("receipt", "routes/registration/receipt.ts"),
          route("invoices/:invoiceId", "routes/registration/invoice-document.ts"),
          route("visa-letter", "routes/registration/visa-letter.ts"),
        ]),
      ]),
    ]),
    messages("programme", "my", [route("agenda", "routes/programme/my-agenda.tsx")]),
  ]),
  messages("registration", "site", [route("visa-letters/:code", "routes/registration/visa-letter-check.tsx")]),
  route("stripe/webhook", "routes/registration/stripe-webhook.ts"),
  route("feeds/agenda/:token", "routes/programme/agenda-feed.ts"),

  // The speaker portal.
  messages("programme", "speaker", [
    messages("speaking", "speaker", [
      ...prefix("speaker", [
        index("routes/programme/speaker-portal/home.tsx"),
        route("invitations/:token", "routes/programme/speaker-portal/invitation.tsx"),
        route("materials/:id", "routes/programme/speaker-portal/material.ts"),
        route(":id", "routes/programme/speaker-portal/session.tsx"),
      ]),
    ]),
  ]),

  // Accords: drafting, signing, the executed record and its public verification.
  messages("accords", "site", [
    ...prefix("accords", [
      index("routes/accords/list.tsx"),
      route("new", "routes/accords/new.tsx"),
      route(":id", "routes/accords/layout.tsx", [
        index("routes/accords/overview.tsx"),
        route("bundle", "routes/accords/bundle.ts"),
        route("diff", "routes/accords/diff.tsx"),
        route("draft", "routes/accords/draft.tsx"),
        route("passkey", "routes/accords/passkey.ts"),
        route("pdf", "routes/accords/pdf.ts"),
        route("sign", "routes/accords/sign.tsx"),
        route("signatories", "routes/accords/signatories.tsx"),
      ]),
    ]),
    route("verify", "routes/accords/verify.tsx"),
  ]),
  route(".well-known/concord-seal-key", "routes/accords/seal-key.ts"),

  route("*", "routes/site/not-found.tsx"),
] satisfies RouteConfig;
