// Parties, signing groups and listing order can change until the text is frozen (issue 13 §2, decision 061).
import { describe, expect, it } from "vitest";
import { approveVersion } from "~/domain/accords/approve-version.server";
import { arrangeParties } from "~/domain/accords/arrange-parties.server";
import { getAccordOverview } from "~/domain/accords/get-accord-overview.server";
import { db } from "~/utils/db.server";
import { makeOrg } from "../support/world";
import { makeAccord, makeParties } from "./support";

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as { status: number; code: string };
  }
  throw new Error("expected a rejection");
}

const order = async (accordId: string) =>
  (
    await db().accordParty.findMany({
      where: { accordId },
      orderBy: { position: "asc" },
      select: { orgId: true, role: true, position: true, signingGroup: true, approvedVersion: true },
    })
  ).map((p) => ({ ...p }));

describe("arranging the parties", () => {
  it("moves parties, changes signing groups, adds and removes organizations, and withdraws approvals", async () => {
    const parties = await makeParties(3, { passkeys: false });
    const [a, b, c] = parties;
    const { accordId } = await makeAccord(parties, { freeze: false });
    await approveVersion({ actor: b.admin, accordId, partyId: b.partyId, version: 1 });
    await arrangeParties({ actor: a.admin, accordId, change: { kind: "move", partyId: c.partyId, direction: "up" } });
    expect((await order(accordId)).map((p) => p.orgId)).toEqual([a.org.id, c.org.id, b.org.id]);
    expect((await order(accordId)).every((p) => p.approvedVersion === null)).toBe(true);
    await arrangeParties({ actor: a.admin, accordId, change: { kind: "group", partyId: b.partyId, direction: "later" } });
    expect((await order(accordId)).find((p) => p.orgId === b.org.id)!.signingGroup).toBe(2);
    const witness = await makeOrg({ nameEn: "Witness Foundation" });
    await arrangeParties({ actor: a.admin, accordId, change: { kind: "add", orgId: witness.id, role: "WITNESS" } });
    const newcomer = await makeOrg({ nameEn: "Newcomer University" });
    await arrangeParties({ actor: a.admin, accordId, change: { kind: "add", orgId: newcomer.id, role: "PARTY" } });
    expect((await order(accordId)).map((p) => [p.orgId, p.position, p.role])).toEqual([
      [a.org.id, 1, "PARTY"],
      [c.org.id, 2, "PARTY"],
      [b.org.id, 3, "PARTY"],
      [newcomer.id, 4, "PARTY"],
      [witness.id, 5, "WITNESS"],
    ]);
    await arrangeParties({ actor: a.admin, accordId, change: { kind: "remove", partyId: c.partyId } });
    expect((await order(accordId)).map((p) => p.position)).toEqual([1, 2, 3, 4]);
    expect(await rejection(arrangeParties({ actor: a.admin, accordId, change: { kind: "remove", partyId: a.partyId } }))).toMatchObject({
      code: "CONFLICT",
    });
    // The audit line of the removal still names the organization that is no longer a party.
    const overview = await getAccordOverview({ actor: b.admin, accordId });
    const removal = overview.audit.find((e) => e.type === "parties.remove");
    expect(removal?.data).toMatchObject({ orgId: c.org.id });
    expect(overview.formerOrgs).toEqual([{ id: c.org.id, nameEn: c.org.nameEn, nameNative: null }]);
    expect(
      await rejection(arrangeParties({ actor: a.admin, accordId, change: { kind: "move", partyId: a.partyId, direction: "up" } })),
    ).toMatchObject({ code: "CONFLICT" });
  });

  it("only the initiator's admins arrange, and only until the text is frozen", async () => {
    const parties = await makeParties(2, { passkeys: false });
    const [a, b] = parties;
    const { accordId } = await makeAccord(parties, { freeze: false });
    expect(
      await rejection(arrangeParties({ actor: b.admin, accordId, change: { kind: "move", partyId: b.partyId, direction: "up" } })),
    ).toMatchObject({ code: "FORBIDDEN" });
    // A bilateral agreement keeps two parties; a witness may join.
    const third = await makeOrg({ nameEn: "Third University" });
    expect(
      await rejection(arrangeParties({ actor: a.admin, accordId, change: { kind: "add", orgId: third.id, role: "PARTY" } })),
    ).toMatchObject({ code: "INVALID_FIELD" });
    const frozenParties = await makeParties(2, { passkeys: false });
    const frozen = await makeAccord(frozenParties);
    expect(frozen.documentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(
      await rejection(
        arrangeParties({
          actor: frozenParties[0].admin,
          accordId: frozen.accordId,
          change: { kind: "group", partyId: frozenParties[1].partyId, direction: "later" },
        }),
      ),
    ).toMatchObject({ code: "NOT_DRAFTING" });
  });
});
