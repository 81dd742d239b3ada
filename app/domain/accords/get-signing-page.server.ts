import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { loadAccordPage, loadClauses } from "./accord-page.server";

export type GetSigningPageOptions = { actor: SessionUser; accordId: string };

/**
 * The signing page of an accord (loadAccordPage checks access): its frozen clauses, the parties the actor may
 * still sign or decline for, and how many passkeys the actor has.
 */
export async function getSigningPage({ actor, accordId }: GetSigningPageOptions) {
  const page = await loadAccordPage(actor, accordId);
  const clauses = page.accord.frozenVersion ? await loadClauses(page.accord.id, page.accord.frozenVersion) : [];
  const passkeys = await db().webAuthnCredential.count({ where: { userId: actor.id } });
  const parties = page.accord.parties.filter((p) => page.may.signFor.includes(p.id) && !p.signature && !p.declinedAt);
  return { accord: page.accord, clauses, parties, passkeys };
}
