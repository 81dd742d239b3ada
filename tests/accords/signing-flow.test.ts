// The flow around the signatures (issue 13 §3): a decline stops the accord for
// everyone and can be revised as a new accord; the person who must sign is told
// when it is their turn and not before; delegations and group completions are
// announced; signing periods end at the end of a day in the venue's zone;
// reminders follow the accord's own interval. Each test drives several whole
// signing rounds through real transactions: on a loaded CI machine that takes
// longer than the default 30 s, hence the longer timeout (not a speed claim).
import { describe, expect, it } from "vitest";
import { declineAccord, reviseAccord, setSigningSchedule, sweepAccords } from "~/domain/accords/lifecycle.server";
import { approveVersion } from "~/domain/accords/approve-version.server";
import { createAccord } from "~/domain/accords/create-accord.server";
import { delegateSignatory, designateSignatory } from "~/domain/accords/signatories.server";
import { loadBundle } from "~/domain/accords/bundle.server";
import { verifyBundle } from "~/domain/accords/verification";
import { db } from "~/utils/db.server";
import { addMember, makeConference, makeUser } from "../support/world";
import { emailText } from "../support/mail";
import { asSessionUser, CLAUSES, makeAccord, makeParties, signWithPasskey } from "./support";

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as { status?: number; code?: string };
  }
  throw new Error("expected a rejection");
}

/** The accord emails queued for this accord: recipient and event, in order. */
async function accordMail(accordId: string) {
  const rows = await db().outboxEmail.findMany({ where: { template: "accordEvent" }, orderBy: { createdAt: "asc" } });
  return rows
    .map((r) => ({ row: r, props: r.props as { event: string; url: string } }))
    .filter((r) => r.props.url.includes(accordId))
    .map((r) => ({ to: r.row.to, event: r.props.event, row: r.row }));
}

describe("a decline stops the accord for everyone", { timeout: 120_000 }, () => {
  it("refuses every later signature, tells every party why, and lets the initiator revise the text as a new accord", async () => {
    const parties = await makeParties(3);
    const { accordId, documentHash } = await makeAccord(parties);
    await signWithPasskey(accordId, documentHash, parties[0]);
    await declineAccord({ actor: parties[1].signatory, accordId, partyId: parties[1].partyId, reason: "Needs board approval" });

    // Before: the third party could still sign, saw "Signed. Thank you." and the accord hung forever.
    expect(await rejection(signWithPasskey(accordId, documentHash, parties[2]))).toMatchObject({ status: 409, code: "DECLINED" });
    const accord = await db().accord.findUniqueOrThrow({ where: { id: accordId } });
    expect(accord.status).toBe("DECLINED");
    expect(await db().accordSignature.count({ where: { accordId } })).toBe(1);

    // Every party's admin and signatory hears of it, with the reason (the decliner excepted).
    const declined = (await accordMail(accordId)).filter((m) => m.event === "declined");
    const told = new Set(declined.map((m) => m.to));
    for (const p of parties) expect(told.has(p.admin.email)).toBe(true);
    expect(told.has(parties[0].signatory.email)).toBe(true);
    expect(told.has(parties[2].signatory.email)).toBe(true);
    expect(told.has(parties[1].signatory.email)).toBe(false);
    expect(await emailText(declined[0].row)).toContain("Needs board approval");

    // Only the initiator may revise; the revision is a new accord in drafting with the declined text.
    expect(await rejection(reviseAccord({ actor: parties[1].admin, accordId }))).toMatchObject({ status: 403 });
    const revision = await reviseAccord({ actor: parties[0].admin, accordId });
    const next = await db().accord.findUniqueOrThrow({
      where: { id: revision.id },
      select: {
        status: true,
        revisionOfId: true,
        currentVersion: true,
        parties: { orderBy: { position: "asc" }, select: { orgId: true, signingGroup: true, signatories: { select: { userId: true } } } },
        signatures: { select: { id: true } },
      },
    });
    expect(next).toMatchObject({ status: "DRAFTING", revisionOfId: accordId, currentVersion: 1, signatures: [] });
    expect(next.parties.map((p) => p.orgId)).toEqual(parties.map((p) => p.org.id));
    expect(next.parties.map((p) => p.signatories.map((s) => s.userId))).toEqual(parties.map((p) => [p.signatory.id]));
    const text = await db().accordClause.findMany({
      where: { version: { accordId: revision.id, number: 1 }, language: "en" },
      orderBy: { number: "asc" },
    });
    expect(text.map((c) => c.text)).toEqual(CLAUSES.map((c) => c.en));
    // The declined accord records the revision and cannot be revised twice.
    const last = await db().accordAuditEntry.findFirstOrThrow({ where: { accordId }, orderBy: { seq: "desc" } });
    expect(last.type).toBe("revised");
    expect(await rejection(reviseAccord({ actor: parties[0].admin, accordId }))).toMatchObject({ status: 409, code: "ALREADY_REVISED" });
  });
});

describe("the person who must sign is told when it is their turn, and not before", { timeout: 120_000 }, () => {
  it("asks group 1 at the freeze, announces the completed group, then asks group 2", async () => {
    const parties = await makeParties(3);
    const { accordId, documentHash } = await makeAccord(parties, { groups: [1, 2, 2] });
    const turnMail = async () => (await accordMail(accordId)).filter((m) => m.event === "your-turn").map((m) => m.to);
    // Before: nobody was told it was their turn; "designated" went to everyone at once.
    expect(await turnMail()).toEqual([parties[0].signatory.email]);

    await signWithPasskey(accordId, documentHash, parties[0]);
    const mail = await accordMail(accordId);
    const complete = mail.filter((m) => m.event === "group-complete").map((m) => m.to);
    for (const p of parties) expect(complete).toContain(p.admin.email);
    expect((await turnMail()).slice(1).sort()).toEqual([parties[1].signatory.email, parties[2].signatory.email].sort());

    // Group 2's last signature executes the accord: everyone is told it is executed, no "group complete".
    await signWithPasskey(accordId, documentHash, parties[1]);
    await signWithPasskey(accordId, documentHash, parties[2]);
    const after = await accordMail(accordId);
    expect(after.filter((m) => m.event === "group-complete")).toHaveLength(complete.length);
    const executed = await db().outboxEmail.findMany({ where: { template: "accordEvent" } });
    const executedTo = executed
      .filter(
        (r) => (r.props as { event: string; url: string }).event === "executed" && (r.props as { url: string }).url.includes(documentHash),
      )
      .map((r) => r.to);
    for (const p of parties) expect(executedTo).toContain(p.signatory.email);
  });

  it("tells the signatory who was delegated away, and the delegate that it is their turn", async () => {
    const parties = await makeParties(2);
    const { accordId } = await makeAccord(parties);
    const deputyU = await makeUser({ name: "Deputy Rector" });
    await addMember(parties[1].org.id, deputyU.id, ["SIGNATORY"]);
    const deputy = await asSessionUser(deputyU);
    const row = await db().accordSignatory.findFirstOrThrow({ where: { partyId: parties[1].partyId, endedAt: null } });
    await delegateSignatory({ actor: parties[1].admin, accordId, signatoryId: row.id, userId: deputy.id, reason: "Travelling" });
    const mail = await accordMail(accordId);
    const away = mail.filter((m) => m.event === "delegated-away");
    expect(away.map((m) => m.to)).toEqual([parties[1].signatory.email]);
    expect(await emailText(away[0].row)).toContain("Deputy Rector");
    expect(mail.filter((m) => m.event === "your-turn" && m.to === deputy.email)).toHaveLength(1);
  });
});

describe("signing periods and reminders", { timeout: 120_000 }, () => {
  it("ends the signing period at the end of the named day in the venue's zone", async () => {
    const parties = await makeParties(2);
    const { accordId } = await makeAccord(parties, { freeze: false });
    const zoneConf = await makeConference(parties[0].org.id, { timeZone: "Asia/Shanghai" });
    await db().accord.update({ where: { id: accordId }, data: { conferenceId: zoneConf.id } });
    await setSigningSchedule({ actor: parties[0].admin, accordId, signingEndsOn: "2099-01-31", reminderEveryDays: 2 });
    const a = await db().accord.findUniqueOrThrow({ where: { id: accordId } });
    // Midnight at the end of 31 January in Beijing is 16:00 UTC that day, not 1 February 07:59 Beijing time.
    expect(a.signingEndsAt!.toISOString()).toBe("2099-01-31T16:00:00.000Z");
    expect(a.signingEndsOn!.toISOString().slice(0, 10)).toBe("2099-01-31");
    expect(a.reminderEveryDays).toBe(2);
    // Only the initiator sets the schedule.
    expect(
      await rejection(setSigningSchedule({ actor: parties[1].admin, accordId, signingEndsOn: "2099-03-01", reminderEveryDays: null })),
    ).toMatchObject({ status: 403 });
  });

  it("reminds only on the accord's own interval, and never when reminders are off", async () => {
    const parties = await makeParties(2);
    const every2 = await makeAccord(parties);
    const off = await makeAccord(await makeParties(2));
    await db().accord.update({ where: { id: every2.accordId }, data: { reminderEveryDays: 2 } });
    await db().accord.update({ where: { id: off.accordId }, data: { reminderEveryDays: null } });
    const frozenAt = (await db().accord.findUniqueOrThrow({ where: { id: every2.accordId } })).frozenAt!;
    await db().accord.update({ where: { id: off.accordId }, data: { frozenAt } });
    const reminders = async (id: string) => (await accordMail(id)).filter((m) => m.event === "reminder").length;

    await sweepAccords(new Date(frozenAt.getTime() + 1.5 * 86400_000));
    expect(await reminders(every2.accordId)).toBe(0);
    await sweepAccords(new Date(frozenAt.getTime() + 2.1 * 86400_000));
    // Both signatories of the (single) signing group, once.
    expect(await reminders(every2.accordId)).toBe(2);
    await sweepAccords(new Date(frozenAt.getTime() + 3 * 86400_000));
    expect(await reminders(every2.accordId)).toBe(2);
    expect(await reminders(off.accordId)).toBe(0);
  });
});

describe("witnesses", { timeout: 120_000 }, () => {
  it("sign as witnesses: recorded and shown as a witness, not needed for execution, and cannot stop the round", async () => {
    const parties = await makeParties(3);
    const [a, b, w] = parties;
    const accord = await createAccord({
      actor: a.admin,
      initiatorOrgId: a.org.id,
      kind: "JOINT_DECLARATION",
      title: "Declaration with a witness",
      languages: ["en", "zh"],
      partyOrgIds: [b.org.id],
      witnessOrgIds: [w.org.id],
      clauses: CLAUSES,
    });
    const rows = await db().accordParty.findMany({ where: { accordId: accord.id }, select: { id: true, orgId: true } });
    for (const p of parties) p.partyId = rows.find((r) => r.orgId === p.org.id)!.id;
    for (const p of parties) {
      await designateSignatory({ actor: p.admin, accordId: accord.id, partyId: p.partyId, userId: p.signatory.id });
    }
    let documentHash = "";
    for (const p of [a, b]) {
      const r = await approveVersion({ actor: p.admin, accordId: accord.id, partyId: p.partyId, version: 1 });
      documentHash = r.documentHash ?? documentHash;
    }
    // Before: a witness organization could not designate anyone and its people could not sign at all.
    expect(await rejection(declineAccord({ actor: w.signatory, accordId: accord.id, partyId: w.partyId, reason: "No" }))).toMatchObject({
      status: 403,
    });
    expect((await signWithPasskey(accord.id, documentHash, w)).executed).toBe(false);
    await signWithPasskey(accord.id, documentHash, a);
    expect((await signWithPasskey(accord.id, documentHash, b)).executed).toBe(true);
    const witness = await db().accordParty.findUniqueOrThrow({
      where: { id: w.partyId },
      select: { role: true, signature: { select: { signerId: true } } },
    });
    expect(witness).toMatchObject({ role: "WITNESS", signature: { signerId: w.signatory.id } });
    // The executed accord, witness signature included, verifies (the verifier knows witnesses may sign).
    const report = await verifyBundle((await loadBundle(db(), accord.id))!);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    // No "group complete" for the witness's signature (it belongs to no signing group).
    expect((await accordMail(accord.id)).filter((m) => m.event === "group-complete")).toHaveLength(0);
  });
});
