// Permission rows for the organization pages (see table.test.ts).
import * as invitationRoute from "~/routes/organizations/invitation";
import * as editRoute from "~/routes/organizations/edit";
import * as membersRoute from "~/routes/organizations/members";
import * as newOrgRoute from "~/routes/organizations/new";
import { hashSecret, newSecret } from "~/utils/crypto.server";
import { db } from "~/utils/db.server";
import type { Cast } from "../support/world";
import { SIGNED_IN, type PermissionRow } from "./types";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

const orgFields = { nameEn: "Host University", kind: "UNIVERSITY", country: "CN" };

async function pendingInvitation(cast: Cast, email: string) {
  const token = newSecret();
  const inv = await db().orgInvitation.create({
    data: {
      orgId: cast.org.id,
      email,
      roles: ["SIGNATORY"],
      tokenHash: hashSecret(token),
      invitedById: cast.people.orgAdmin.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  return { token, id: inv.id };
}

const membersPath = (cast: Cast) => ({ path: `/orgs/${cast.org.slug}/members`, params: { slug: cast.org.slug } });
const editPath = (cast: Cast) => ({ path: `/orgs/${cast.org.slug}/edit`, params: { slug: cast.org.slug } });

export const rows: PermissionRow[] = [
  {
    name: "create organization (POST /orgs/new)",
    route: newOrgRoute,
    request: () => ({
      path: "/orgs/new",
      form: { nameEn: "Tsinghua University", nameNative: "清华大学", kind: "UNIVERSITY", country: "CN" },
    }),
    allowed: SIGNED_IN.filter((r) => r !== "unverified"),
  },
  {
    name: "org edit page (GET /orgs/:slug/edit)",
    route: editRoute,
    kind: "loader",
    request: editPath,
    allowed: ["orgAdmin"],
  },
  {
    name: "edit organization (POST /orgs/:slug/edit)",
    route: editRoute,
    request: (cast) => ({ ...editPath(cast), form: { ...orgFields, website: "https://example.edu" } }),
    allowed: ["orgAdmin"],
  },
  {
    name: "upload logo (POST /orgs/:slug/edit with a file)",
    route: editRoute,
    request: (cast) => ({ ...editPath(cast), form: { ...orgFields, logo: new File([PNG], "logo.png", { type: "image/png" }) } }),
    allowed: ["orgAdmin"],
  },
  {
    name: "remove logo (POST /orgs/:slug/edit removeLogo)",
    route: editRoute,
    request: (cast) => ({ ...editPath(cast), form: { ...orgFields, removeLogo: "on" } }),
    allowed: ["orgAdmin"],
  },
  {
    name: "members page (GET /orgs/:slug/members)",
    route: membersRoute,
    kind: "loader",
    request: membersPath,
    allowed: ["orgAdmin"],
  },
  {
    name: "invite member",
    route: membersRoute,
    request: (cast) => ({ ...membersPath(cast), form: { intent: "invite", email: "new.person@concord.test", roles: ["SIGNATORY"] } }),
    allowed: ["orgAdmin"],
  },
  {
    name: "change member roles",
    route: membersRoute,
    request: (cast) => ({
      ...membersPath(cast),
      form: { intent: "update-member", userId: cast.people.orgMember.id, roles: ["SIGNATORY"], position: "Dean" },
    }),
    allowed: ["orgAdmin"],
  },
  {
    name: "remove member",
    route: membersRoute,
    request: (cast) => ({ ...membersPath(cast), form: { intent: "remove-member", userId: cast.people.orgMember.id } }),
    allowed: ["orgAdmin"],
  },
  {
    name: "remove member, confirmed",
    route: membersRoute,
    request: (cast) => ({ ...membersPath(cast), form: { intent: "remove-member", userId: cast.people.orgMember.id, confirm: "1" } }),
    allowed: ["orgAdmin"],
  },
  {
    name: "revoke invitation",
    route: membersRoute,
    request: async (cast) => {
      const { id } = await pendingInvitation(cast, "someone@concord.test");
      return { ...membersPath(cast), form: { intent: "revoke-invitation", invitationId: id } };
    },
    allowed: ["orgAdmin"],
  },
  {
    name: "revoke invitation, confirmed",
    route: membersRoute,
    request: async (cast) => {
      const { id } = await pendingInvitation(cast, "someone@concord.test");
      return { ...membersPath(cast), form: { intent: "revoke-invitation", invitationId: id, confirm: "1" } };
    },
    allowed: ["orgAdmin"],
  },
  {
    name: "accept invitation (POST /invitations/:token)",
    route: invitationRoute,
    request: async (cast) => {
      const { token } = await pendingInvitation(cast, cast.people.attendee.email);
      return { path: `/invitations/${token}`, params: { token }, form: {} };
    },
    allowed: ["attendee"],
  },
];
