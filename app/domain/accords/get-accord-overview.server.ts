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
    select: { seq: true, at: true, type: true, actorName: true, data: true, hash: true, privatePart: true },
  });
  // Changes to the parties and their signing order keep every fact in the private part (the public
  // chain shows only that they happened); the parties' own page reads which party and which group from it.
  const entries = audit.map(({ privatePart, ...e }) =>
    e.type.startsWith("parties.") ? { ...e, data: { ...privateData(privatePart), ...(e.data as object) } } : e,
  );
  // A party removed while drafting is no longer among the parties, yet its audit line still names it.
  const current = new Set(page.accord.parties.map((p) => p.orgId));
  const formerIds = [
    ...new Set(entries.map((e) => (e.data as { orgId?: unknown } | null)?.orgId).filter((id): id is string => typeof id === "string")),
  ].filter((id) => !current.has(id));
  const formerOrgs = formerIds.length
    ? await db().organization.findMany({ where: { id: { in: formerIds } }, select: { id: true, nameEn: true, nameNative: true } })
    : [];
  return { ...page, audit: entries, formerOrgs };
}

function privateData(part: unknown): Record<string, unknown> {
  const data = part && typeof part === "object" ? (part as { data?: unknown }).data : null;
  return data && typeof data === "object" ? (data as Record<string, unknown>) : {};
}
