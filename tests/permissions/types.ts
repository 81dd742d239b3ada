import type { Cast, Role } from "../support/world";
import type { CallOptions } from "../support/http";

export type RouteModule = { loader?: (...args: never[]) => unknown; action?: (...args: never[]) => unknown };

/**
 * One row of the permissions table: a route, the request to make against the
 * cast's resources, and the roles that are allowed. Every other role must get
 * 401/403 (or, for pages, a redirect to sign-in).
 */
export type PermissionRow = {
  name: string;
  route: RouteModule;
  kind?: "action" | "loader";
  request: (cast: Cast) => Omit<CallOptions, "cookie"> | Promise<Omit<CallOptions, "cookie">>;
  allowed: Role[];
  /**
   * Statuses that also count as "denied" for this row, e.g. 404 where a page
   * hides that a private resource exists at all.
   */
  deniedAs?: number[];
};

export const ALL_ROLES: Role[] = [
  "anonymous",
  "attendee",
  "unverified",
  "orgMember",
  "orgAdmin",
  "orgSignatory",
  "otherOrgAdmin",
  "organizer",
  "otherOrganizer",
  "reviewer",
  "checkin",
];
export const SIGNED_IN: Role[] = ALL_ROLES.filter((r) => r !== "anonymous");
