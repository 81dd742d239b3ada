// Account pages and mutating account routes that need a signed-in user: every signed-in role may
// act on their own account, anonymous visitors are refused.
import { createSession } from "~/domain/accounts/sessions.server";
import * as accountPage from "~/routes/accounts/account";
import * as security from "~/routes/accounts/security";
import * as logout from "~/routes/accounts/logout";
import { db } from "~/utils/db.server";
import { PASSWORD, type Cast } from "../support/world";
import { SIGNED_IN, type PermissionRow } from "./types";

/** A second signed-in browser of the cast's attendee. */
const attendeeBrowser = (cast: Cast) => db().$transaction((tx) => createSession(tx, cast.people.attendee.id, { ip: "192.0.2.1" }));

export const rows: PermissionRow[] = [
  { name: "GET /account", route: accountPage, kind: "loader", request: () => ({ path: "/account" }), allowed: SIGNED_IN },
  { name: "GET /account/security", route: security, kind: "loader", request: () => ({ path: "/account/security" }), allowed: SIGNED_IN },
  {
    name: "POST /logout",
    route: logout,
    request: () => ({ path: "/logout", form: {} }),
    allowed: SIGNED_IN,
  },
  {
    name: "POST /account (update profile)",
    route: accountPage,
    request: () => ({ path: "/account", form: { nameLatin: "Changed Name", nameNative: "", title: "Dr.", locale: "en" } }),
    allowed: SIGNED_IN,
  },
  {
    name: "POST /account/security (change password)",
    route: security,
    request: () => ({
      path: "/account/security",
      form: { intent: "change-password", currentPassword: PASSWORD, newPassword: "another long password" },
    }),
    allowed: SIGNED_IN,
  },
  // The attendee's second browser: the attendee is asked, then revokes it; anyone else gets 404 (not theirs),
  // before being asked (decision 065).
  {
    name: "POST /account/security (revoke a session: the question)",
    route: security,
    request: async (cast) => ({ path: "/account/security", form: { intent: "revoke-session", sessionId: await attendeeBrowser(cast) } }),
    allowed: ["attendee"],
    deniedAs: [404],
  },
  {
    name: "POST /account/security (revoke a session, confirmed)",
    route: security,
    request: async (cast) => ({
      path: "/account/security",
      form: { intent: "revoke-session", sessionId: await attendeeBrowser(cast), confirm: "1" },
    }),
    allowed: ["attendee"],
    deniedAs: [404],
  },
  {
    name: "POST /account/security (sign out everywhere: the question)",
    route: security,
    request: () => ({ path: "/account/security", form: { intent: "sign-out-everywhere" } }),
    allowed: SIGNED_IN,
  },
  {
    name: "POST /account/security (sign out everywhere, confirmed)",
    route: security,
    request: () => ({ path: "/account/security", form: { intent: "sign-out-everywhere", confirm: "1" } }),
    allowed: SIGNED_IN,
  },
];
