import type { OrgRole } from "~/generated/prisma/client";
import { db, type Db, type Tx } from "../db.server";
import { AppError } from "../errors";
import type { SessionUser } from "../session.server";

/**
 * Who may do what to an accord. Facts are read fresh per check (pass the
 * domain operation's transaction so the check sees the snapshot it guards).
 * - view / comment / propose: any member of a party or witness organization;
 * - edit (save versions, decide amendments), withdraw, remind: admins of the initiating organization;
 * - approve a version, manage signatories: admins of that party's organization;
 * - sign: a current (not delegated-away) designated signatory of that party who is still a member.
 * Status, order and expiry rules of signing are checked by the signing operation itself.
 */
export type AccordAction =
  | "accord:create"
  | "accord:view"
  | "accord:comment"
  | "accord:propose"
  | "accord:edit"
  | "accord:withdraw"
  | "accord:remind"
  | "accord:approve"
  | "accord:manage-signatories"
  | "accord:sign";

export type AccordResource = { orgId: string } | { accordId: string } | { partyId: string };

type Client = Db | Tx;

async function rolesIn(client: Client, userId: string, orgIds: string[]) {
  const rows = await client.membership.findMany({ where: { userId, orgId: { in: orgIds } }, select: { orgId: true, roles: true } });
  return new Map<string, OrgRole[]>(rows.map((r) => [r.orgId, r.roles]));
}

export async function canAccords(
  user: SessionUser | null,
  action: AccordAction,
  resource: AccordResource,
  client: Client = db(),
): Promise<boolean> {
  if (!user) return false;
  if ("orgId" in resource) {
    if (action !== "accord:create") return false;
    const roles = (await rolesIn(client, user.id, [resource.orgId])).get(resource.orgId);
    // Starting an accord commits the organization: admins with a proved email only.
    return !!roles?.includes("ADMIN") && user.emailVerified;
  }
  if ("partyId" in resource) {
    const party = await client.accordParty.findUnique({
      where: { id: resource.partyId },
      select: { orgId: true, role: true, signatories: { where: { userId: user.id, endedAt: null }, select: { id: true } } },
    });
    if (!party) return false;
    const roles = (await rolesIn(client, user.id, [party.orgId])).get(party.orgId);
    if (!roles) return false;
    switch (action) {
      case "accord:approve":
        return party.role === "PARTY" && roles.includes("ADMIN");
      // Witness organizations designate and sign too: their signature is recorded as a witness's.
      case "accord:manage-signatories":
        return roles.includes("ADMIN");
      case "accord:sign":
        return party.signatories.length > 0 && user.emailVerified;
      default:
        return false;
    }
  }
  const accord = await client.accord.findUnique({
    where: { id: resource.accordId },
    select: { initiatorOrgId: true, parties: { select: { orgId: true, role: true } } },
  });
  if (!accord) return false;
  const orgIds = [...new Set([accord.initiatorOrgId, ...accord.parties.map((p) => p.orgId)])];
  const roles = await rolesIn(client, user.id, orgIds);
  const initiatorAdmin = roles.get(accord.initiatorOrgId)?.includes("ADMIN") ?? false;
  const inParty = accord.parties.some((p) => p.role === "PARTY" && roles.has(p.orgId));
  switch (action) {
    case "accord:view":
      return roles.size > 0;
    case "accord:comment":
    case "accord:propose":
      return inParty;
    case "accord:edit":
    case "accord:withdraw":
    case "accord:remind":
      return initiatorAdmin;
    default:
      return false;
  }
}

/** Guard: 401 when signed out, 403 when not allowed (the contract of requirePermission). */
export async function requireAccordsPermission(
  user: SessionUser | null,
  action: AccordAction,
  resource: AccordResource,
  client: Client = db(),
) {
  if (!user) throw new AppError("UNAUTHORIZED", "error.unauthorized");
  if (!(await canAccords(user, action, resource, client))) throw new AppError("FORBIDDEN", "error.forbidden");
}
