import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { loadAccordPage } from "./accord-page.server";

export type GetSignatoriesPageOptions = { actor: SessionUser | null; accordId: string };

/** The parties whose signatories the actor may manage (else 403) and those parties' members. */
export async function getSignatoriesPage({ actor, accordId }: GetSignatoriesPageOptions) {
  const page = await loadAccordPage(actor, accordId);
  if (page.may.manageSignatoriesOf.length === 0) throw new AppError("FORBIDDEN", "error.forbidden");
  const parties = page.accord.parties.filter((p) => page.may.manageSignatoriesOf.includes(p.id));
  const members = await db().membership.findMany({
    where: { orgId: { in: parties.map((p) => p.orgId) } },
    select: { orgId: true, position: true, user: { select: { id: true, nameLatin: true, nameNative: true, email: true } } },
  });
  return { accord: page.accord, parties, members };
}
