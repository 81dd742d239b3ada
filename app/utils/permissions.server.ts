import { Prisma, type ConferenceRoleKind, type OrgRole } from "~/generated/prisma/client";
import { db, readRows, type Db, type Tx } from "./db.server";
import { AppError } from "./errors";
import type { SessionUser } from "./session.server";

/**
 * The one place that answers "may this user do X to Y". Every loader and action
 * that reads private data or changes anything calls `requirePermission` (or `can`).
 * Facts are loaded fresh from the database per check: revoking a role takes
 * effect at the next request.
 */
export type Action =
  | "org:create"
  | "org:accept-invitation"
  | "org:update"
  | "org:manage-members"
  | "org:create-conference"
  | "conference:view-draft"
  | "conference:update"
  | "conference:manage-roles"
  | "conference:check-in"
  | "conference:review";

export type Resource =
  | { orgId: string }
  | { conferenceId: string }
  /** Site-wide actions such as creating an organization. */
  | { site: true }
  /** An invitation is accepted by the account it was sent to, whatever its roles. */
  | { invitationEmail: string };

/**
 * Domain operations pass their transaction so the check reads the same
 * snapshot as the change it guards; loaders use the shared client.
 */
type Client = Db | Tx;

async function orgRoles(client: Client, userId: string, orgId: string): Promise<OrgRole[] | null> {
  const m = await client.membership.findUnique({ where: { orgId_userId: { orgId, userId } }, select: { roles: true } });
  return m ? m.roles : null;
}

type ConferenceFactsRow = { conferenceRoles: ConferenceRoleKind[]; orgRoles: OrgRole[] | null };

/**
 * The user's roles in a conference and in its host organization, in one statement: every
 * organizer page asks this, and the ORM's relation query for it was four round trips. Outside a
 * transaction it runs through pg (`readRows`: Prisma's raw path costs more CPU than the lookup).
 */
async function conferenceFacts(client: Client, userId: string, conferenceId: string) {
  const query = Prisma.sql`/* prepared */
    SELECT coalesce((SELECT array_agg(cr.role::text) FROM "ConferenceRole" cr WHERE cr."conferenceId" = c.id AND cr."userId" = ${userId}::uuid), '{}') AS "conferenceRoles",
           (SELECT m.roles::text[] FROM "Membership" m WHERE m."orgId" = c."orgId" AND m."userId" = ${userId}::uuid) AS "orgRoles"
    FROM "Conference" c WHERE c.id = ${conferenceId}::uuid`;
  const [conference] = client === db() ? await readRows<ConferenceFactsRow>(query) : await client.$queryRaw<ConferenceFactsRow[]>(query);
  if (!conference) return null;
  return {
    roles: new Set<ConferenceRoleKind>(conference.conferenceRoles),
    hostAdmin: conference.orgRoles?.includes("ADMIN") ?? false,
  };
}

export async function can(user: SessionUser | null, action: Action, resource: Resource, client: Client = db()): Promise<boolean> {
  if (!user) return false;
  if ("site" in resource) {
    // Anyone may found an organization, but only with an email we know is theirs:
    // the founder becomes its first admin and receives its mail.
    return action === "org:create" && user.emailVerified;
  }
  if ("invitationEmail" in resource) {
    // The emailed link is not enough on its own: it must be opened by the account
    // that owns (and has proved) the invited address.
    return action === "org:accept-invitation" && user.emailVerified && user.email === resource.invitationEmail.toLowerCase();
  }
  if ("orgId" in resource) {
    const roles = await orgRoles(client, user.id, resource.orgId);
    if (!roles) return false;
    switch (action) {
      case "org:update":
      case "org:manage-members":
        return roles.includes("ADMIN");
      case "org:create-conference":
        // Creating a conference is an organizational commitment: admins only, verified email.
        return roles.includes("ADMIN") && user.emailVerified;
      default:
        return false;
    }
  }
  const facts = await conferenceFacts(client, user.id, resource.conferenceId);
  if (!facts) return false;
  const organizer = facts.roles.has("ORGANIZER") || facts.hostAdmin;
  switch (action) {
    case "conference:view-draft":
      return organizer || facts.roles.size > 0;
    case "conference:update":
      return organizer;
    case "conference:manage-roles":
      return facts.hostAdmin || facts.roles.has("ORGANIZER");
    case "conference:check-in":
      return organizer || facts.roles.has("CHECKIN");
    case "conference:review":
      return organizer || facts.roles.has("REVIEWER");
    default:
      return false;
  }
}

/** Guard: throws 401 when signed out, 403 when the user may not. */
export async function requirePermission(user: SessionUser | null, action: Action, resource: Resource, client: Client = db()) {
  if (!user) throw new AppError("UNAUTHORIZED", "error.unauthorized");
  if (!(await can(user, action, resource, client))) throw new AppError("FORBIDDEN", "error.forbidden");
}
