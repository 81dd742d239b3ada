// Drafting with clause identities (issue 13 §1–§2, decision 060): amendments
// change exactly the clause they name, in every language they carry; a
// one-language change holds approval until the other language is in step;
// comments follow their clause; internal notes stay inside their organization.
import { describe, expect, it } from "vitest";
import { loadKeyedClauses } from "~/domain/accords/accord-page.server";
import { decideAmendment, proposeAmendment } from "~/domain/accords/amendments.server";
import { approveVersion } from "~/domain/accords/approve-version.server";
import { commentOnClause, resolveComment } from "~/domain/accords/comment-on-clause.server";
import { createAccord } from "~/domain/accords/create-accord.server";
import { listComments } from "~/domain/accords/list-comments.server";
import { saveVersion } from "~/domain/accords/save-version.server";
import { db } from "~/utils/db.server";
import { addMember, makeOrg, makeUser } from "../support/world";
import { asSessionUser } from "./support";

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as { status: number; code: string };
  }
  throw new Error("expected a rejection");
}

/** The Beijing Jiaotong – Ponta Grossa agreement of the issue: five clauses in English and Chinese. */
const AGREEMENT = [
  { en: "1. Purpose: joint training of engineers.", zh: "一、宗旨：联合培养工程师。" },
  { en: "2. Student exchange of up to ten students a year.", zh: "二、每年交换学生不超过十名。" },
  { en: "3. Credits are mutually recognized.", zh: "三、学分互认。" },
  { en: "4. The coordinators meet every 12 months.", zh: "四、协调人每12个月会晤一次。" },
  { en: "5. This agreement enters into force on signature and lasts five years.", zh: "五、本协议自签署之日起生效，有效期五年。" },
];

async function institution(nameEn: string) {
  const org = await makeOrg({ nameEn });
  const admin = await makeUser({ name: `${nameEn} admin` });
  const member = await makeUser({ name: `${nameEn} member` });
  await addMember(org.id, admin.id, ["ADMIN"]);
  await addMember(org.id, member.id, []);
  return { org, admin: await asSessionUser(admin), member: await asSessionUser(member) };
}

async function agreement() {
  const bj = await institution("Beijing Jiaotong University");
  const pg = await institution("Ponta Grossa State University");
  const accord = await createAccord({
    actor: bj.admin,
    initiatorOrgId: bj.org.id,
    kind: "BILATERAL_AGREEMENT",
    title: "Cooperation agreement",
    titleZh: "合作协议",
    languages: ["en", "zh"],
    partyOrgIds: [pg.org.id],
    clauses: AGREEMENT,
  });
  const parties = await db().accordParty.findMany({ where: { accordId: accord.id }, select: { id: true, orgId: true } });
  const partyOf = (orgId: string) => parties.find((p) => p.orgId === orgId)!.id;
  return { accordId: accord.id, bj: { ...bj, partyId: partyOf(bj.org.id) }, pg: { ...pg, partyId: partyOf(pg.org.id) } };
}

async function current(accordId: string) {
  const a = await db().accord.findUniqueOrThrow({ where: { id: accordId }, select: { currentVersion: true } });
  return { version: a.currentVersion, clauses: await loadKeyedClauses(accordId, a.currentVersion) };
}

/** The editor's input for the current text, optionally changed. */
function editorInput(clauses: Awaited<ReturnType<typeof loadKeyedClauses>>) {
  return clauses.map((c) => ({ key: c.key, text: { ...c.text } }));
}

describe("clause identities", () => {
  it("Beijing Jiaotong – Ponta Grossa: amend clause 4, delete clause 2, accept → clause 4 (now 3) changes in both languages, entry into force untouched", async () => {
    const { accordId, bj, pg } = await agreement();
    const v1 = await current(accordId);
    const amendment = await proposeAmendment({
      actor: pg.admin,
      accordId,
      clauseKey: v1.clauses[3].key,
      texts: { en: "4. The coordinators meet every 18 months.", zh: "四、协调人每18个月会晤一次。" },
      rationale: "Travel budgets",
    });
    // Beijing Jiaotong deletes clause 2.
    const without2 = editorInput(v1.clauses).filter((_, i) => i !== 1);
    await saveVersion({ actor: bj.admin, accordId, baseVersion: v1.version, clauses: without2 });
    await decideAmendment({ actor: bj.admin, accordId, amendmentId: amendment.id, decision: "accept", reason: "Agreed" });

    const after = await current(accordId);
    expect(after.clauses.map((c) => c.text.en)).toEqual([
      AGREEMENT[0].en,
      AGREEMENT[2].en,
      "4. The coordinators meet every 18 months.",
      AGREEMENT[4].en,
    ]);
    expect(after.clauses.map((c) => c.text.zh)).toEqual([
      AGREEMENT[0].zh,
      AGREEMENT[2].zh,
      "四、协调人每18个月会晤一次。",
      AGREEMENT[4].zh,
    ]);
    expect(after.clauses[2].key).toBe(v1.clauses[3].key);
    expect(after.clauses.every((c) => c.outOfStep.length === 0)).toBe(true);
  });

  it("an amendment to a clause changed since it was written shows the conflict and is not applied blindly", async () => {
    const { accordId, bj, pg } = await agreement();
    const v1 = await current(accordId);
    const amendment = await proposeAmendment({
      actor: pg.admin,
      accordId,
      clauseKey: v1.clauses[3].key,
      texts: { en: "4. The coordinators meet every 18 months." },
    });
    const edited = editorInput(v1.clauses);
    edited[3].text.en = "4. The coordinators meet every 6 months.";
    const { version } = await saveVersion({ actor: bj.admin, accordId, baseVersion: v1.version, clauses: edited });
    const refused = await rejection(decideAmendment({ actor: bj.admin, accordId, amendmentId: amendment.id, decision: "accept" }));
    expect(refused).toMatchObject({ code: "AMENDMENT_CONFLICT", status: 409 });
    expect((await current(accordId)).version).toBe(version);
    // Confirmed against an older version: still refused.
    expect(
      await rejection(
        decideAmendment({ actor: bj.admin, accordId, amendmentId: amendment.id, decision: "accept", conflictSeenOn: v1.version }),
      ),
    ).toMatchObject({ code: "AMENDMENT_CONFLICT" });
    // Compared with the current text and confirmed: applied.
    await decideAmendment({ actor: bj.admin, accordId, amendmentId: amendment.id, decision: "accept", conflictSeenOn: version });
    expect((await current(accordId)).clauses[3].text.en).toBe("4. The coordinators meet every 18 months.");
  });

  it("control: an amendment to a clause nobody touched is accepted without confirmation, even after other clauses moved", async () => {
    const { accordId, bj, pg } = await agreement();
    const v1 = await current(accordId);
    const amendment = await proposeAmendment({ actor: pg.admin, accordId, clauseKey: v1.clauses[3].key, texts: { en: "4. Yearly." } });
    const reordered = editorInput(v1.clauses);
    [reordered[0], reordered[4]] = [reordered[4], reordered[0]];
    await saveVersion({ actor: bj.admin, accordId, baseVersion: v1.version, clauses: reordered });
    await decideAmendment({ actor: bj.admin, accordId, amendmentId: amendment.id, decision: "accept" });
    const after = await current(accordId);
    expect(after.clauses.find((c) => c.key === v1.clauses[3].key)!.text.en).toBe("4. Yearly.");
    expect(after.clauses[0].text.en).toBe(AGREEMENT[4].en);
  });

  it("an amendment to a deleted clause cannot be accepted", async () => {
    const { accordId, bj, pg } = await agreement();
    const v1 = await current(accordId);
    const amendment = await proposeAmendment({ actor: pg.admin, accordId, clauseKey: v1.clauses[1].key, texts: { en: "2. Twenty." } });
    await saveVersion({ actor: bj.admin, accordId, baseVersion: 1, clauses: editorInput(v1.clauses).filter((_, i) => i !== 1) });
    expect(await rejection(decideAmendment({ actor: bj.admin, accordId, amendmentId: amendment.id, decision: "accept" }))).toMatchObject({
      code: "CLAUSE_GONE",
    });
  });
});

describe("languages in step", () => {
  it("a one-language amendment marks the other language to be updated and blocks approval until it is", async () => {
    const { accordId, bj, pg } = await agreement();
    const v1 = await current(accordId);
    const amendment = await proposeAmendment({
      actor: pg.admin,
      accordId,
      clauseKey: v1.clauses[3].key,
      texts: { en: "4. The coordinators meet every 18 months.", zh: AGREEMENT[3].zh },
    });
    const { resultVersion } = await decideAmendment({ actor: bj.admin, accordId, amendmentId: amendment.id, decision: "accept" });
    const v2 = await current(accordId);
    expect(v2.clauses[3].outOfStep).toEqual(["zh"]);
    expect(v2.clauses[3].text.zh).toBe(AGREEMENT[3].zh);

    for (const p of [bj, pg]) {
      const refused = await rejection(approveVersion({ actor: p.admin, accordId, partyId: p.partyId, version: resultVersion! }));
      expect(refused).toMatchObject({ code: "OUT_OF_STEP", status: 409 });
    }
    // Saving without touching Chinese keeps it out of step.
    const same = await saveVersion({ actor: bj.admin, accordId, baseVersion: v2.version, clauses: editorInput(v2.clauses) });
    expect((await current(accordId)).clauses[3].outOfStep).toEqual(["zh"]);
    // Bringing the Chinese text in line clears it; then both parties approve and the text freezes.
    const v3 = await current(accordId);
    const fixed = editorInput(v3.clauses);
    fixed[3].text.zh = "四、协调人每18个月会晤一次。";
    const { version } = await saveVersion({ actor: bj.admin, accordId, baseVersion: same.version, clauses: fixed });
    expect((await current(accordId)).clauses.every((c) => c.outOfStep.length === 0)).toBe(true);
    await approveVersion({ actor: bj.admin, accordId, partyId: bj.partyId, version });
    const r = await approveVersion({ actor: pg.admin, accordId, partyId: pg.partyId, version });
    expect(r.frozen).toBe(true);
  });

  it("an editor can confirm that the other language already matches", async () => {
    const { accordId, bj, pg } = await agreement();
    const v1 = await current(accordId);
    const a = await proposeAmendment({
      actor: pg.admin,
      accordId,
      clauseKey: v1.clauses[0].key,
      texts: { en: "1. Purpose: joint training." },
    });
    await decideAmendment({ actor: bj.admin, accordId, amendmentId: a.id, decision: "accept" });
    const v2 = await current(accordId);
    const input = editorInput(v2.clauses).map((c, i) => (i === 0 ? { ...c, inStep: ["zh"] } : c));
    await saveVersion({ actor: bj.admin, accordId, baseVersion: v2.version, clauses: input });
    expect((await current(accordId)).clauses[0].outOfStep).toEqual([]);
  });

  it("an amendment that changes nothing is refused", async () => {
    const { accordId, pg } = await agreement();
    const v1 = await current(accordId);
    expect(
      await rejection(proposeAmendment({ actor: pg.admin, accordId, clauseKey: v1.clauses[0].key, texts: { en: AGREEMENT[0].en } })),
    ).toMatchObject({ code: "NO_CHANGE" });
  });
});

describe("comments", () => {
  it("stay with their clause through deletion, reordering and renumbering", async () => {
    const { accordId, bj, pg } = await agreement();
    const v1 = await current(accordId);
    await commentOnClause({ actor: pg.admin, accordId, clauseKey: v1.clauses[3].key, body: "Why 12 months?" });
    const edited = editorInput(v1.clauses).filter((_, i) => i !== 1);
    edited.unshift(edited.pop()!); // entry into force first
    edited.splice(2, 0, { key: undefined as unknown as string, text: { en: "New clause.", zh: "新条款。" } });
    await saveVersion({ actor: bj.admin, accordId, baseVersion: 1, clauses: edited });
    const after = await current(accordId);
    const comments = await listComments({ viewer: bj.admin, accordId });
    const clause = after.clauses.find((c) => c.key === comments[0].clauseKey)!;
    expect(clause.text.en).toBe(AGREEMENT[3].en);
    expect(clause.number).toBe(5);
  });

  it("internal notes are seen by their own organization only; shared ones by all", async () => {
    const { accordId, bj, pg } = await agreement();
    const [c1] = (await current(accordId)).clauses;
    await commentOnClause({ actor: bj.member, accordId, clauseKey: c1.key, body: "Our bottom line: 10 students.", visibility: "INTERNAL" });
    await commentOnClause({ actor: bj.admin, accordId, clauseKey: c1.key, body: "Shall we say ten?", visibility: "SHARED" });
    const bodies = async (viewer: typeof bj.admin) => (await listComments({ viewer, accordId })).map((c) => c.body).sort();
    expect(await bodies(bj.admin)).toEqual(["Our bottom line: 10 students.", "Shall we say ten?"]);
    expect(await bodies(bj.member)).toEqual(["Our bottom line: 10 students.", "Shall we say ten?"]);
    expect(await bodies(pg.admin)).toEqual(["Shall we say ten?"]);
    expect(await bodies(pg.member)).toEqual(["Shall we say ten?"]);
    // The other party can neither reply to nor resolve the internal thread (it does not exist for them).
    const internal = (await listComments({ viewer: bj.admin, accordId })).find((c) => c.visibility === "INTERNAL")!;
    expect(
      await rejection(commentOnClause({ actor: pg.admin, accordId, clauseKey: c1.key, body: "Peek", parentId: internal.id })),
    ).toMatchObject({ code: "NO_SUCH_COMMENT" });
    expect(await rejection(resolveComment({ actor: pg.admin, accordId, commentId: internal.id }))).toMatchObject({
      code: "NO_SUCH_COMMENT",
    });
    // A reply to the internal thread stays internal.
    await commentOnClause({ actor: bj.admin, accordId, clauseKey: c1.key, body: "Agreed.", parentId: internal.id });
    expect(await bodies(pg.admin)).toEqual(["Shall we say ten?"]);
  });

  it("only the author or a party's admin resolves a thread", async () => {
    const { accordId, bj, pg } = await agreement();
    const [c1] = (await current(accordId)).clauses;
    const shared = await commentOnClause({ actor: bj.member, accordId, clauseKey: c1.key, body: "Ten?" });
    expect(await rejection(resolveComment({ actor: pg.member, accordId, commentId: shared.id }))).toMatchObject({
      code: "FORBIDDEN",
      status: 403,
    });
    await resolveComment({ actor: pg.admin, accordId, commentId: shared.id });
    const internal = await commentOnClause({ actor: bj.admin, accordId, clauseKey: c1.key, body: "Note", visibility: "INTERNAL" });
    expect(await rejection(resolveComment({ actor: bj.member, accordId, commentId: internal.id }))).toMatchObject({ code: "FORBIDDEN" });
    await resolveComment({ actor: bj.admin, accordId, commentId: internal.id });
    const mine = await commentOnClause({ actor: pg.member, accordId, clauseKey: c1.key, body: "Mine" });
    await resolveComment({ actor: pg.member, accordId, commentId: mine.id });
    expect((await listComments({ viewer: bj.admin, accordId })).filter((c) => c.resolvedAt).length).toBe(3);
  });
});

describe("languages in step through amendments", () => {
  it("an amendment that brings the other language in line clears it without marking the first", async () => {
    const { accordId, bj, pg } = await agreement();
    const v1 = await current(accordId);
    const key = v1.clauses[3].key;
    const en = await proposeAmendment({ actor: pg.admin, accordId, clauseKey: key, texts: { en: "4. Every 18 months." } });
    await decideAmendment({ actor: bj.admin, accordId, amendmentId: en.id, decision: "accept" });
    expect((await current(accordId)).clauses[3].outOfStep).toEqual(["zh"]);
    const zh = await proposeAmendment({ actor: pg.admin, accordId, clauseKey: key, texts: { zh: "四、每18个月。" } });
    const { resultVersion } = await decideAmendment({ actor: bj.admin, accordId, amendmentId: zh.id, decision: "accept" });
    expect((await current(accordId)).clauses[3].outOfStep).toEqual([]);
    await approveVersion({ actor: bj.admin, accordId, partyId: bj.partyId, version: resultVersion! });
    expect((await approveVersion({ actor: pg.admin, accordId, partyId: pg.partyId, version: resultVersion! })).frozen).toBe(true);
  });
});
