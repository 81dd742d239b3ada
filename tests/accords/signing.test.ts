import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { loadBundle } from "~/domain/accords/bundle.server";
import { delegateSignatory } from "~/domain/accords/signatories.server";
import { withdrawAccord, declineAccord } from "~/domain/accords/lifecycle.server";
import { completePasskeySigning, startPasskeySigning } from "~/domain/accords/sign-accord.server";
import { verifyAccord, verifyUploadedPdf } from "~/domain/accords/verify-accord.server";
import { verifyBundle } from "~/domain/accords/verification";
import { db } from "~/utils/db.server";
import { addMember, makeUser } from "../support/world";
import { asSessionUser, makeAccord, makeParties, signWithEmailCode, signWithPasskey } from "./support";
import { unlockedRead } from "./unlocked";

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as { status: number; code: string };
  }
  throw new Error("expected a rejection");
}

describe("signing and execution", () => {
  it("executes after the last signature: sealed, one PDF with both languages, verifiable", async () => {
    const parties = await makeParties(3);
    const { accordId, documentHash } = await makeAccord(parties);
    expect(documentHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await signWithPasskey(accordId, documentHash, parties[0])).executed).toBe(false);
    expect((await signWithEmailCode(accordId, documentHash, parties[1])).executed).toBe(false);
    expect((await signWithPasskey(accordId, documentHash, parties[2])).executed).toBe(true);

    const accord = await db().accord.findUniqueOrThrow({ where: { id: accordId } });
    expect(accord.status).toBe("EXECUTED");
    expect(accord.pdf).not.toBeNull();
    const v = await verifyAccord(accordId, null);
    expect(v!.report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(v!.report.ok).toBe(true);
    expect(v!.report.signatures.map((s) => s.method).sort()).toEqual(["EMAIL_CODE", "PASSKEY", "PASSKEY"]);

    const pdf = new Uint8Array(accord.pdf!);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    const { text } = await parser.getText();
    await parser.destroy();
    expect(text).toContain("The parties agree to cooperate");
    expect(text.replace(/\s/g, "")).toContain("各方同意在卓越工程师培养方面开展合作");
    expect(text).toContain(documentHash);

    const uploaded = await verifyUploadedPdf(pdf, null);
    expect(uploaded).toMatchObject({ kind: "found", pdf: "matches", accordId });
    expect(await verifyUploadedPdf(new TextEncoder().encode("hello, not a pdf"), null)).toEqual({ kind: "not-pdf" });
  });

  it("20 signatories signing at the same moment: each recorded once, one chain, one execution, one PDF", async () => {
    const parties = await makeParties(20);
    const { accordId, documentHash } = await makeAccord(parties);
    const results = await Promise.all(parties.map((p) => signWithPasskey(accordId, documentHash, p)));
    expect(results.filter((r) => r.executed)).toHaveLength(1);
    expect(await db().accordSignature.count({ where: { accordId } })).toBe(20);
    const audit = await db().accordAuditEntry.findMany({ where: { accordId }, orderBy: { seq: "asc" } });
    expect(audit.filter((e) => e.type === "executed")).toHaveLength(1);
    expect(new Set(audit.map((e) => e.prevHash)).size).toBe(audit.length);
    const bundle = (await loadBundle(db(), accordId))!;
    const report = await verifyBundle(bundle);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    const accord = await db().accord.findUniqueOrThrow({ where: { id: accordId }, select: { pdfHash: true, status: true } });
    expect(accord.status).toBe("EXECUTED");
    expect(accord.pdfHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("control: without the accord lock the same race forks the chain", async () => {
    const parties = await makeParties(20);
    const { accordId, documentHash } = await makeAccord(parties);
    await Promise.allSettled(parties.map((p) => signWithPasskey(accordId, documentHash, p, unlockedRead)));
    const audit = await db().accordAuditEntry.findMany({ where: { accordId }, orderBy: { seq: "asc" } });
    const prevs = audit.map((e) => e.prevHash);
    // Two or more entries claim the same predecessor: a fork.
    expect(new Set(prevs).size).toBeLessThan(prevs.length);
  });
});

describe("who may sign, and when", () => {
  it("enforces signing groups on the server", async () => {
    const parties = await makeParties(3);
    const { accordId, documentHash } = await makeAccord(parties, { groups: [1, 1, 2] });
    const early = await rejection(signWithPasskey(accordId, documentHash, parties[2]));
    expect(early).toMatchObject({ status: 403, code: "NOT_YOUR_TURN" });
    await signWithPasskey(accordId, documentHash, parties[0]);
    expect(await rejection(signWithPasskey(accordId, documentHash, parties[2]))).toMatchObject({ code: "NOT_YOUR_TURN" });
    await signWithPasskey(accordId, documentHash, parties[1]);
    expect((await signWithPasskey(accordId, documentHash, parties[2])).executed).toBe(true);
  });

  it("refuses another party's signatory, a delegated-away signatory, a stale hash, after withdrawal and after expiry", async () => {
    const parties = await makeParties(2);
    const { accordId, documentHash } = await makeAccord(parties);
    // Signatory of another party.
    const other = await rejection(
      startPasskeySigning({ actor: parties[0].signatory, accordId, partyId: parties[1].partyId, documentHash }),
    );
    expect(other.status).toBe(403);
    // Not the frozen text.
    expect(
      await rejection(
        startPasskeySigning({ actor: parties[0].signatory, accordId, partyId: parties[0].partyId, documentHash: "0".repeat(64) }),
      ),
    ).toMatchObject({ status: 409 });
    // Delegated away.
    const deputy = await makeUser({ name: "Deputy" });
    await addMember(parties[0].org.id, deputy.id);
    const sig = await db().accordSignatory.findFirstOrThrow({ where: { partyId: parties[0].partyId, userId: parties[0].signatory.id } });
    await delegateSignatory({ actor: parties[0].admin, accordId, signatoryId: sig.id, userId: deputy.id, reason: "Travelling" });
    expect((await rejection(signWithPasskey(accordId, documentHash, parties[0]))).status).toBe(403);
    // Withdrawal.
    await withdrawAccord({ actor: parties[0].admin, accordId, reason: "Superseded", confirmed: true });
    expect(await rejection(signWithPasskey(accordId, documentHash, parties[1]))).toMatchObject({ status: 403, code: "WITHDRAWN" });
    const deputyUser = await asSessionUser(deputy);
    expect(deputyUser.id).toBe(deputy.id);

    const later = await makeParties(2);
    const expiring = await makeAccord(later, { signingEndsOn: "2099-12-31" });
    await db().accord.update({ where: { id: expiring.accordId }, data: { signingEndsAt: new Date(Date.now() - 1000) } });
    expect(await rejection(signWithPasskey(expiring.accordId, expiring.documentHash, later[0]))).toMatchObject({
      status: 403,
      code: "EXPIRED",
    });
  });

  it("records a decline, after which that party cannot sign", async () => {
    const parties = await makeParties(2);
    const { accordId, documentHash } = await makeAccord(parties);
    await declineAccord({ actor: parties[1].signatory, accordId, partyId: parties[1].partyId, reason: "Needs board approval" });
    expect(await rejection(signWithPasskey(accordId, documentHash, parties[1]))).toMatchObject({ code: "DECLINED" });
  });
});

describe("replay", () => {
  it("rejects an assertion made for another accord, party or nonce, and a reused nonce", async () => {
    const parties = await makeParties(2);
    const b = await makeAccord(parties);
    const pB = parties[0].partyId;
    // makeAccord points the fixtures at the newest accord: A is the one used below.
    const a = await makeAccord(parties);
    const p = parties[0];
    // An assertion for accord A presented with B's nonce.
    const forA = await startPasskeySigning({ actor: p.signatory, accordId: a.accordId, partyId: p.partyId, documentHash: a.documentHash });
    const assertionA = p.authenticator.assert(forA.options.challenge);
    const forB = await startPasskeySigning({ actor: p.signatory, accordId: b.accordId, partyId: pB, documentHash: b.documentHash });
    const crossAccord = await rejection(
      completePasskeySigning({
        actor: p.signatory,
        accordId: b.accordId,
        partyId: pB,
        documentHash: b.documentHash,
        nonce: forB.nonce,
        response: assertionA,
        confirmed: true,
      }),
    );
    expect(crossAccord).toMatchObject({ status: 400, code: "BAD_ASSERTION" });
    // A's nonce used for B: the nonce is bound to its accord and party.
    expect(
      await rejection(
        completePasskeySigning({
          actor: p.signatory,
          accordId: b.accordId,
          partyId: pB,
          documentHash: b.documentHash,
          nonce: forA.nonce,
          response: assertionA,
          confirmed: true,
        }),
      ),
    ).toMatchObject({ code: "BAD_NONCE" });
    // Used properly once, then replayed.
    await completePasskeySigning({
      actor: p.signatory,
      accordId: a.accordId,
      partyId: p.partyId,
      documentHash: a.documentHash,
      nonce: forA.nonce,
      response: assertionA,
      confirmed: true,
    });
    const replay = await rejection(
      completePasskeySigning({
        actor: p.signatory,
        accordId: a.accordId,
        partyId: p.partyId,
        documentHash: a.documentHash,
        nonce: forA.nonce,
        response: assertionA,
        confirmed: true,
      }),
    );
    expect(replay.code).toMatch(/ALREADY_SIGNED|BAD_NONCE/);
    expect(await db().accordSignature.count({ where: { accordId: a.accordId } })).toBe(1);
    // Without user verification the assertion is refused.
    const q = parties[1];
    const start = await startPasskeySigning({ actor: q.signatory, accordId: a.accordId, partyId: q.partyId, documentHash: a.documentHash });
    const noUv = q.authenticator.assert(start.options.challenge, { userVerified: false });
    expect(
      await rejection(
        completePasskeySigning({
          actor: q.signatory,
          accordId: a.accordId,
          partyId: q.partyId,
          documentHash: a.documentHash,
          nonce: start.nonce,
          response: noUv,
          confirmed: true,
        }),
      ),
    ).toMatchObject({ code: "BAD_ASSERTION" });
    // Malformed responses are a clear 400, nothing recorded.
    expect(
      await rejection(
        completePasskeySigning({
          actor: q.signatory,
          accordId: a.accordId,
          partyId: q.partyId,
          documentHash: a.documentHash,
          nonce: start.nonce,
          response: { id: 1 },
          confirmed: true,
        }),
      ),
    ).toMatchObject({ status: 400 });
    expect(await db().accordSignature.count({ where: { accordId: a.accordId } })).toBe(1);
  });
});
