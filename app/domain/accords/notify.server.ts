import type { AccordEvent } from "#emails/accords";
import type { OrgRole } from "~/generated/prisma/client";
import { enqueueEmail } from "~/domain/email/enqueue.server";
import type { Tx } from "~/utils/db.server";
import { absoluteUrl } from "~/utils/http.server";

export type Notice = { event: AccordEvent; accordId: string; actor?: string; reason?: string; documentHash?: string; path?: string };

async function send(tx: Tx, people: { email: string; locale: "en" | "zh" }[], n: Notice) {
  const accord = await tx.accord.findUniqueOrThrow({ where: { id: n.accordId }, select: { title: true, titleZh: true } });
  const url = absoluteUrl(n.path ?? `/accords/${n.accordId}`);
  const seen = new Set<string>();
  for (const p of people) {
    if (seen.has(p.email)) continue;
    seen.add(p.email);
    // Each recipient reads the title and the message in their own language.
    const title = p.locale === "zh" && accord.titleZh ? accord.titleZh : accord.title;
    await enqueueEmail(tx, {
      to: p.email,
      locale: p.locale,
      template: "accordEvent",
      props: { event: n.event, title, url, actor: n.actor, reason: n.reason, documentHash: n.documentHash },
    });
  }
}

/** Emails the members of the given organizations (optionally only those with a role), except the actor. */
export async function notifyOrgs(tx: Tx, orgIds: string[], n: Notice, opts: { role?: OrgRole; exceptUserId?: string } = {}) {
  const members = await tx.membership.findMany({
    where: {
      orgId: { in: orgIds },
      ...(opts.role ? { roles: { has: opts.role } } : {}),
      ...(opts.exceptUserId ? { userId: { not: opts.exceptUserId } } : {}),
    },
    select: { user: { select: { email: true, locale: true } } },
  });
  await send(
    tx,
    members.map((m) => m.user),
    n,
  );
}

/** Emails the given users. */
export async function notifyUsers(tx: Tx, userIds: string[], n: Notice) {
  const users = await tx.user.findMany({ where: { id: { in: userIds } }, select: { email: true, locale: true } });
  await send(tx, users, n);
}

/** Admins of every party and witness organization. */
export async function partyOrgIds(tx: Tx, accordId: string) {
  const parties = await tx.accordParty.findMany({ where: { accordId }, select: { orgId: true } });
  return parties.map((p) => p.orgId);
}
