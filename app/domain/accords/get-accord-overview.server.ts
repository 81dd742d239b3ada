import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { loadAccordPage } from "./accord-page.server";

export type GetAccordOverviewOptions = { actor: SessionUser | null; accordId: string };

/** An accord's private page for its parties (loadAccordPage checks access), with its audit chain in order. */
export async function getAccordOverview({ actor, accordId }: GetAccordOverviewOptions) {
  const page = await loadAccordPage(actor, accordId);
  const audit = await db().accordAuditEntry.findMany({
    where: { accordId: page.accord.id },
    orderBy: { seq: "asc" },
    select: { seq: true, at: true, type: true, actorName: true, data: true, hash: true },
  });
  return { ...page, audit };
}
