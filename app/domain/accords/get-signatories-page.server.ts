import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { loadAccordPage } from "./accord-page.server";

export type GetSignatoriesPageOptions = { actor: SessionUser | null; accordId: string };

/**
 * The parties whose signatories the actor may manage (else 403) and those
 * parties' members, members with the SIGNATORY role first; while drafting, the
 * initiator's editors also get the organizations that could be added.
 */
export async function getSignatoriesPage({ actor, accordId }: GetSignatoriesPageOptions) {
  const page = await loadAccordPage(actor, accordId);
  if (page.may.manageSignatoriesOf.length === 0) throw new AppError("FORBIDDEN", "error.forbidden");
  const parties = page.accord.parties.filter((p) => page.may.manageSignatoriesOf.includes(p.id));
  const mayArrange = page.may.edit && page.accord.status === "DRAFTING";
  const [members, orgs] = await Promise.all([
    db().membership.findMany({
      where: { orgId: { in: parties.map((p) => p.orgId) } },
      select: { orgId: true, position: true, roles: true, user: { select: { id: true, nameLatin: true, nameNative: true, email: true } } },
    }),
    mayArrange
      ? db().organization.findMany({
          where: { id: { notIn: page.accord.parties.map((p) => p.orgId) } },
          orderBy: { nameEn: "asc" },
          select: { id: true, nameEn: true, nameNative: true },
        })
      : [],
  ]);
  members.sort((a, b) => Number(b.roles.includes("SIGNATORY")) - Number(a.roles.includes("SIGNATORY")));
  return { accord: page.accord, parties, members, mayArrange, orgs };
}
