import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { canAccords, requireAccordsPermission } from "~/utils/permissions/accords.server";
import type { SessionUser } from "~/utils/session.server";
import { clausesOf, keyedClausesOf } from "./common.server";
import { isUuid } from "~/utils/validation";

/**
 * The accord as its pages show it, for a member of one of its organizations
 * (403 otherwise), with what this viewer may do. Executed accords are public
 * through /verify, not here.
 */
export async function loadAccordPage(user: SessionUser | null, accordId: string) {
  if (!isUuid(accordId)) throw new AppError("NOT_FOUND", "accords.notFound");
  const accord = await db().accord.findUnique({
    where: { id: accordId },
    select: {
      id: true,
      kind: true,
      title: true,
      titleZh: true,
      languages: true,
      status: true,
      currentVersion: true,
      frozenVersion: true,
      documentHash: true,
      signingEndsAt: true,
      signingEndsOn: true,
      reminderEveryDays: true,
      declinedAt: true,
      revisionOf: { select: { id: true, title: true, titleZh: true } },
      revisedAs: { select: { id: true, title: true, titleZh: true } },
      executedAt: true,
      withdrawReason: true,
      pdfHash: true,
      initiatorOrgId: true,
      conference: { select: { slug: true, title: true, titleZh: true, timeZone: true } },
      initiatorOrg: { select: { nameEn: true, nameNative: true } },
      parties: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          orgId: true,
          role: true,
          position: true,
          signingGroup: true,
          approvedVersion: true,
          declinedAt: true,
          declineReason: true,
          org: { select: { slug: true, nameEn: true, nameNative: true } },
          // IP address and user agent are private to the parties; this page is theirs (accord:view).
          signature: { select: { signerName: true, signedAt: true, method: true, ipAddress: true, userAgent: true } },
          signatories: {
            where: { endedAt: null },
            select: {
              id: true,
              userId: true,
              position: true,
              delegateReason: true,
              user: { select: { nameLatin: true, nameNative: true } },
            },
          },
        },
      },
    },
  });
  if (!accord) throw new AppError("NOT_FOUND", "accords.notFound");
  await requireAccordsPermission(user, "accord:view", { accordId });
  const memberships = await db().membership.findMany({
    where: { userId: user!.id, orgId: { in: accord.parties.map((p) => p.orgId) } },
    select: { orgId: true, roles: true },
  });
  const rolesByOrg = new Map(memberships.map((m) => [m.orgId, m.roles]));
  const [mayEdit, mayComment] = await Promise.all([
    canAccords(user, "accord:edit", { accordId }),
    canAccords(user, "accord:comment", { accordId }),
  ]);
  return {
    accord,
    me: user!.id,
    may: {
      edit: mayEdit,
      comment: mayComment,
      withdraw: mayEdit,
      /** Parties whose admin the viewer is. */
      adminOf: accord.parties.filter((p) => p.role === "PARTY" && rolesByOrg.get(p.orgId)?.includes("ADMIN")).map((p) => p.id),
      /** Parties and witnesses whose signatories the viewer manages (as their organization's admin). */
      manageSignatoriesOf: accord.parties.filter((p) => rolesByOrg.get(p.orgId)?.includes("ADMIN")).map((p) => p.id),
      /** Parties (and witnesses) the viewer is a current signatory of. */
      signFor: accord.parties.filter((p) => p.signatories.some((s) => s.userId === user!.id)).map((p) => p.id),
    },
  };
}

export async function loadClauses(accordId: string, version: number) {
  return db().$transaction((tx) => clausesOf(tx, accordId, version));
}

/** The clauses of one version with their identities and languages out of step. */
export async function loadKeyedClauses(accordId: string, version: number) {
  return db().$transaction((tx) => keyedClausesOf(tx, accordId, version));
}

/** Accords the user's organizations take part in, newest first. */
export async function listMyAccords(user: SessionUser) {
  const orgIds = (await db().membership.findMany({ where: { userId: user.id }, select: { orgId: true } })).map((m) => m.orgId);
  const [accords, adminOrgs] = await Promise.all([
    db().accord.findMany({
      where: { parties: { some: { orgId: { in: orgIds } } } },
      orderBy: { createdAt: "desc" },
      take: 200,
      select: {
        id: true,
        title: true,
        titleZh: true,
        kind: true,
        status: true,
        parties: { orderBy: { position: "asc" }, select: { org: { select: { nameEn: true, nameNative: true } } } },
      },
    }),
    db().membership.count({ where: { userId: user.id, roles: { has: "ADMIN" } } }),
  ]);
  return { accords, mayCreate: adminOrgs > 0 && user.emailVerified };
}
