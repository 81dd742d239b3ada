import type { AccordEvent } from "#emails/accords";
import type { AttachmentRef } from "~/domain/email/attachments";
import type { OrgRole } from "~/generated/prisma/client";
import { enqueueEmail } from "~/domain/email/enqueue.server";
import type { Tx } from "~/utils/db.server";
import { absoluteUrl } from "~/utils/http.server";

export type Notice = {
  event: AccordEvent;
  accordId: string;
  actor?: string;
  reason?: string;
  documentHash?: string;
  path?: string;
  group?: number;
  delegate?: string;
  /** Documents attached to every recipient's email, by reference (decision 068). */
  attachments?: AttachmentRef[];
};

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
      props: {
        event: n.event,
        title,
        url,
        actor: n.actor,
        reason: n.reason,
        documentHash: n.documentHash,
        group: n.group,
        delegate: n.delegate,
      },
      ...(n.attachments ? { attachments: n.attachments } : {}),
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

/**
 * Everyone an accord's outcome concerns: the admins of every party and witness
 * organization and every current signatory (who may not be an admin).
 */
export async function notifyEveryone(tx: Tx, accordId: string, n: Notice, opts: { exceptUserId?: string } = {}) {
  const orgIds = await partyOrgIds(tx, accordId);
  const people = await tx.user.findMany({
    where: {
      ...(opts.exceptUserId ? { id: { not: opts.exceptUserId } } : {}),
      OR: [
        { memberships: { some: { orgId: { in: orgIds }, roles: { has: "ADMIN" } } } },
        { accordSignatories: { some: { endedAt: null, party: { accordId } } } },
      ],
    },
    select: { email: true, locale: true },
  });
  await send(tx, people, n);
}

/**
 * The signing turn: the lowest signing group that still has an unsigned party,
 * and the current signatories of that group's parties that have not signed.
 * Parties sign in groups; a later group is never asked before the earlier ones finished.
 */
export async function signingTurn(tx: Tx, accordId: string) {
  const open = await tx.accordParty.findMany({
    where: { accordId, role: "PARTY", signature: null },
    select: { signingGroup: true, signatories: { where: { endedAt: null }, select: { userId: true } } },
  });
  if (open.length === 0) return { group: null, userIds: [] as string[] };
  const group = Math.min(...open.map((p) => p.signingGroup));
  return { group, userIds: open.filter((p) => p.signingGroup === group).flatMap((p) => p.signatories.map((s) => s.userId)) };
}

/** Tells the signatories whose turn it is that they can sign now. */
export async function notifyTurn(tx: Tx, accordId: string, onlyUserIds?: string[]) {
  const { userIds } = await signingTurn(tx, accordId);
  const to = onlyUserIds ? userIds.filter((id) => onlyUserIds.includes(id)) : userIds;
  await notifyUsers(tx, to, { event: "your-turn", accordId, path: `/accords/${accordId}/sign` });
  return to;
}
