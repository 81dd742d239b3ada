import { db, type Tx } from "~/utils/db.server";
import { AppError, FieldError } from "~/utils/errors";
import { requireAccordsPermission } from "~/utils/permissions/accords.server";
import type { SessionUser } from "~/utils/session.server";
import { appendChain, lockAccord } from "./chain.server";
import { actorOf } from "./common.server";
import { assertDrafting } from "./create-accord.server";
import { MAX_PARTIES } from "./schema";

export type PartyChange =
  | { kind: "move"; partyId: string; direction: "up" | "down" }
  | { kind: "group"; partyId: string; direction: "earlier" | "later" }
  | { kind: "add"; orgId: string; role: "PARTY" | "WITNESS" }
  | { kind: "remove"; partyId: string };

export type ArrangePartiesOptions = { actor: SessionUser | null; accordId: string; change: PartyChange };

type Row = { id: string; orgId: string; role: "PARTY" | "WITNESS"; position: number; signingGroup: number };

/**
 * The initiator's admins change who takes part and in which order they sign,
 * as long as the text is not frozen: move a party up or down the list, into an
 * earlier or later signing group, add an organization as a party or witness,
 * or remove one (never the initiator). Parties and groups are part of the
 * canonical document, so every approval given so far is withdrawn.
 */
export async function arrangeParties(o: ArrangePartiesOptions) {
  return db().$transaction(async (tx) => {
    const state = await lockAccord(tx, o.accordId);
    await requireAccordsPermission(o.actor, "accord:edit", { accordId: o.accordId }, tx);
    assertDrafting(state.status);
    const accord = await tx.accord.findUniqueOrThrow({ where: { id: o.accordId }, select: { kind: true, initiatorOrgId: true } });
    const rows: Row[] = await tx.accordParty.findMany({
      where: { accordId: o.accordId },
      orderBy: { position: "asc" },
      select: { id: true, orgId: true, role: true, position: true, signingGroup: true },
    });
    const c = o.change;
    const find = (id: string) => {
      const row = rows.find((r) => r.id === id);
      if (!row) throw new AppError("NOT_FOUND", "accords.notFound");
      return row;
    };
    const parties = rows.filter((r) => r.role === "PARTY");
    let data: Record<string, unknown>;
    switch (c.kind) {
      case "move": {
        const row = find(c.partyId);
        const list = rows.filter((r) => r.role === row.role);
        const i = list.indexOf(row);
        const other = list[c.direction === "up" ? i - 1 : i + 1];
        if (!other) throw new AppError("CONFLICT", "accords.parties.cannotMove");
        await tx.accordParty.update({ where: { id: row.id }, data: { position: other.position } });
        await tx.accordParty.update({ where: { id: other.id }, data: { position: row.position } });
        data = { partyId: row.id, orgId: row.orgId, from: row.position, to: other.position };
        break;
      }
      case "group": {
        const row = find(c.partyId);
        if (row.role !== "PARTY") throw new AppError("CONFLICT", "accords.parties.cannotMove");
        const group = row.signingGroup + (c.direction === "earlier" ? -1 : 1);
        if (group < 1 || group > parties.length) throw new AppError("CONFLICT", "accords.parties.cannotMove");
        await tx.accordParty.update({ where: { id: row.id }, data: { signingGroup: group } });
        data = { partyId: row.id, orgId: row.orgId, signingGroup: group };
        break;
      }
      case "add": {
        if (rows.some((r) => r.orgId === c.orgId)) throw new FieldError("orgId", "accords.parties.already");
        if (rows.length >= MAX_PARTIES) throw new FieldError("orgId", "accords.validation.tooManyParties");
        if (c.role === "PARTY" && accord.kind === "BILATERAL_AGREEMENT") throw new FieldError("orgId", "accords.validation.bilateral");
        if (!(await tx.organization.findUnique({ where: { id: c.orgId }, select: { id: true } })))
          throw new FieldError("orgId", "accords.validation.unknownOrg");
        // Parties come first, witnesses after them: a new party goes after the last party.
        const position = c.role === "PARTY" ? (parties.at(-1)?.position ?? 0) + 1 : (rows.at(-1)?.position ?? 0) + 1;
        if (c.role === "PARTY") await shiftWitnesses(tx, o.accordId, position);
        const signingGroup = c.role === "PARTY" ? Math.max(1, ...parties.map((p) => p.signingGroup)) : 0;
        const created = await tx.accordParty.create({
          data: { accordId: o.accordId, orgId: c.orgId, role: c.role, position, signingGroup },
          select: { id: true },
        });
        data = { partyId: created.id, orgId: c.orgId, role: c.role, position };
        break;
      }
      case "remove": {
        const row = find(c.partyId);
        if (row.orgId === accord.initiatorOrgId) throw new AppError("CONFLICT", "accords.parties.initiatorStays");
        if (row.role === "PARTY" && parties.length <= 2) throw new AppError("CONFLICT", "accords.validation.parties");
        await tx.accordParty.delete({ where: { id: row.id } });
        await tx.accordParty.updateMany({
          where: { accordId: o.accordId, position: { gt: row.position } },
          data: { position: { decrement: 1 } },
        });
        data = { partyId: row.id, orgId: row.orgId };
        break;
      }
    }
    await tx.accordParty.updateMany({
      where: { accordId: o.accordId, approvedVersion: { not: null } },
      data: { approvedVersion: null, approvedAt: null, approvedById: null },
    });
    await appendChain(tx, state, { ...actorOf(o.actor!), type: `parties.${c.kind}`, data: data as never });
  });
}

/** Makes room at `position` by moving every party or witness from there one place down. */
async function shiftWitnesses(tx: Tx, accordId: string, position: number) {
  await tx.accordParty.updateMany({ where: { accordId, position: { gte: position } }, data: { position: { increment: 1 } } });
}
