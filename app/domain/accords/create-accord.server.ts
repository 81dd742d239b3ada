import { now } from "~/utils/clock.server";
import type { AccordKind } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { AppError, FieldError } from "~/utils/errors";
import { can } from "~/utils/permissions.server";
import { requireAccordsPermission } from "~/utils/permissions/accords.server";
import type { SessionUser } from "~/utils/session.server";
import { clausesHash } from "./canonical";
import { appendChain, lockAccord } from "./chain.server";
import { actorOf, signingPeriodEnd, tidyClauses, writeVersion } from "./common.server";
import { notifyOrgs } from "./notify.server";

export type CreateAccordOptions = {
  actor: SessionUser | null;
  initiatorOrgId: string;
  kind: AccordKind;
  title: string;
  titleZh?: string;
  conferenceId?: string;
  languages: string[];
  /** Parties besides the initiator (which is always party 1). */
  partyOrgIds: string[];
  witnessOrgIds?: string[];
  /** Signing groups by organization id (default 1); group 1 signs first. */
  signingGroups?: Record<string, number>;
  /** Signing order as text: one line per group of organization slugs; unlisted parties sign last. */
  signingOrder?: string;
  /** Last day of the signing period (YYYY-MM-DD), a calendar day in the accord's time zone. */
  signingEndsOn?: string;
  clauses?: Record<string, string>[];
};

async function groupsFromText(text: string, orgIds: string[]) {
  const orgs = await db().organization.findMany({ where: { id: { in: orgIds } }, select: { id: true, slug: true } });
  const bySlug = new Map(orgs.map((o) => [o.slug, o.id]));
  const groups: Record<string, number> = {};
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  lines.forEach((line, i) => {
    for (const slug of line.split(/[\s,]+/).filter(Boolean)) {
      const id = bySlug.get(slug.toLowerCase());
      if (!id) throw new FieldError("signingOrder", "accords.validation.signingOrder");
      groups[id] = i + 1;
    }
  });
  for (const id of orgIds) groups[id] ??= lines.length + 1;
  return groups;
}

/** Starts an accord in drafting: its parties, version 1 and the first entries of its chain. */
export async function createAccord(o: CreateAccordOptions) {
  await requireAccordsPermission(o.actor, "accord:create", { orgId: o.initiatorOrgId });
  const actor = o.actor!;
  const partyIds = [o.initiatorOrgId, ...o.partyOrgIds.filter((id) => id !== o.initiatorOrgId)].filter((id, i, a) => a.indexOf(id) === i);
  const witnessIds = (o.witnessOrgIds ?? []).filter((id, i, a) => a.indexOf(id) === i && !partyIds.includes(id));
  if (partyIds.length < 2) throw new FieldError("partyOrgIds", "accords.validation.parties");
  if (o.kind === "BILATERAL_AGREEMENT" && partyIds.length !== 2) throw new FieldError("partyOrgIds", "accords.validation.bilateral");
  const groups = o.signingGroups ?? (o.signingOrder ? await groupsFromText(o.signingOrder, partyIds) : {});
  const languages = o.languages.filter((l, i, a) => a.indexOf(l) === i);
  const clauses = tidyClauses(
    (o.clauses ?? []).map((text) => ({ text })),
    languages,
  );

  return db().$transaction(
    async (tx) => {
      const known = await tx.organization.count({ where: { id: { in: [...partyIds, ...witnessIds] } } });
      if (known !== partyIds.length + witnessIds.length) throw new FieldError("partyOrgIds", "accords.validation.unknownOrg");
      const conference = o.conferenceId
        ? await tx.conference.findUnique({ where: { id: o.conferenceId }, select: { id: true, timeZone: true } })
        : null;
      if (o.conferenceId && !conference) throw new FieldError("conferenceId", "accords.validation.unknownConference");
      const signingEndsAt = o.signingEndsOn ? signingPeriodEnd(o.signingEndsOn, conference?.timeZone ?? "UTC") : null;
      if (signingEndsAt && signingEndsAt.getTime() <= now().getTime())
        throw new FieldError("signingEndsOn", "accords.validation.endsInPast");
      // Anyone may ask to show an accord at a conference; only its organizers decide (decision 042).
      const conferenceLinkStatus = !o.conferenceId
        ? null
        : (await can(actor, "conference:update", { conferenceId: o.conferenceId }, tx))
          ? ("ACCEPTED" as const)
          : ("REQUESTED" as const);
      const accord = await tx.accord.create({
        data: {
          kind: o.kind,
          title: o.title,
          titleZh: o.titleZh ?? null,
          conferenceId: o.conferenceId ?? null,
          conferenceLinkStatus,
          initiatorOrgId: o.initiatorOrgId,
          languages,
          signingEndsAt,
          signingEndsOn: o.signingEndsOn ? new Date(`${o.signingEndsOn}T00:00:00Z`) : null,
          createdById: actor.id,
          createdAt: now(),
          currentVersion: 1,
          parties: {
            create: [
              ...partyIds.map((orgId, i) => ({ orgId, position: i + 1, role: "PARTY" as const, signingGroup: groups[orgId] ?? 1 })),
              ...witnessIds.map((orgId, i) => ({ orgId, position: partyIds.length + i + 1, role: "WITNESS" as const, signingGroup: 0 })),
            ],
          },
        },
        select: { id: true },
      });
      const { actorId, actorName } = actorOf(actor);
      const contentHash = clausesHash(clauses);
      await writeVersion(tx, { accordId: accord.id, number: 1, authorId: actorId, authorName: actorName, note: "", contentHash, clauses });
      const state = await lockAccord(tx, accord.id);
      await appendChain(tx, state, {
        actorId,
        actorName,
        type: "created",
        data: {
          kind: o.kind,
          title: o.title,
          titleZh: o.titleZh ?? null,
          languages,
          parties: partyIds,
          witnesses: witnessIds,
          groups: partyIds.map((id) => groups[id] ?? 1),
        },
      });
      await appendChain(tx, state, {
        actorId,
        actorName,
        type: "version.saved",
        data: { version: 1, contentHash, clauses: clauses.length },
      });
      await notifyOrgs(
        tx,
        [...partyIds, ...witnessIds],
        { event: "invited", accordId: accord.id, actor: actorName },
        { role: "ADMIN", exceptUserId: actorId },
      );
      return accord;
    },
    { timeout: 30_000 },
  );
}

export function assertDrafting(status: string) {
  if (status !== "DRAFTING") throw new AppError("NOT_DRAFTING", "accords.error.notDrafting");
}
