import { db, type Db, type Tx } from "../db.server";
import { AppError } from "../errors";
import { can } from "../permissions.server";
import type { SessionUser } from "../session.server";

/**
 * Rules of the registration area (wired into the central module later).
 * - registration:manage — ticket types, quotas, questions, vouchers, registrations, payments, visa letters:
 *   the conference's organizers and the host organization's admins (conference:update).
 * - registration:check-in — scanning badges: organizers and check-in staff.
 * - registration:own — reading or changing one's own registration: its attendee only.
 */
export type RegistrationAction = "registration:manage" | "registration:check-in" | "registration:own";
export type RegistrationResource = { conferenceId: string } | { registrationUserId: string };

type Client = Db | Tx;

export async function canRegistration(
  user: SessionUser | null,
  action: RegistrationAction,
  resource: RegistrationResource,
  client: Client = db(),
): Promise<boolean> {
  if (!user) return false;
  if ("registrationUserId" in resource) return action === "registration:own" && resource.registrationUserId === user.id;
  switch (action) {
    case "registration:manage":
      return can(user, "conference:update", resource, client);
    case "registration:check-in":
      return can(user, "conference:check-in", resource, client);
    default:
      return false;
  }
}

/** Guard: 401 when signed out, 403 when not allowed (same contract as requirePermission). */
export async function requireRegistrationPermission(
  user: SessionUser | null,
  action: RegistrationAction,
  resource: RegistrationResource,
  client: Client = db(),
) {
  if (!user) throw new AppError("UNAUTHORIZED", "error.unauthorized");
  if (!(await canRegistration(user, action, resource, client))) throw new AppError("FORBIDDEN", "error.forbidden");
}
