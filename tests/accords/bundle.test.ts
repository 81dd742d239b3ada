// The bundle is read with one SQL query (bundle.server.ts); it must carry
// exactly what the domain's own definitions make of the same rows: the
// canonical text from canonicalInputs, evidence records from evidenceOf, and
// chain times in the toISOString() form they were hashed in.
import { describe, expect, it } from "vitest";
import { evidenceOf, loadAccordForVerification, loadBundle } from "~/domain/accords/bundle.server";
import { canonicalDocument } from "~/domain/accords/canonical";
import { canonicalInputs, groupClauses } from "~/domain/accords/common.server";
import { db } from "~/utils/db.server";
import { makeAccord, makeParties, signWithEmailCode, signWithPasskey } from "./support";

describe("loading a verification bundle", () => {
  it("matches the rows as the domain reads them", async () => {
    const parties = await makeParties(3);
    const { accordId, documentHash } = await makeAccord(parties);
    await signWithPasskey(accordId, documentHash, parties[0]);
    await signWithEmailCode(accordId, documentHash, parties[1]);
    await signWithPasskey(accordId, documentHash, parties[2]);

    const loaded = (await loadAccordForVerification(db(), accordId, "parties"))!;
    const bundle = loaded.bundle;
    expect(await loadBundle(db(), accordId, "parties")).toEqual(bundle);
    const accord = await db().accord.findUniqueOrThrow({ where: { id: accordId } });
    expect(loaded).toMatchObject({ title: accord.title, titleZh: accord.titleZh });
    expect(bundle).toMatchObject({ accordId, status: "EXECUTED", document: { version: accord.frozenVersion, hash: accord.documentHash } });

    const doc = await db().$transaction((tx) => canonicalInputs(tx, accordId, accord.frozenVersion!));
    expect(bundle.document.canonical).toBe(canonicalDocument(doc));
    expect(bundle.document.canonical).toBe(accord.canonicalText);

    const versions = await db().accordVersion.findMany({ where: { accordId }, orderBy: { number: "asc" }, include: { clauses: true } });
    expect(bundle.versions).toEqual(
      versions.map((v) => ({ number: v.number, contentHash: v.contentHash, clauses: groupClauses(v.clauses) })),
    );

    const signatures = await db().accordSignature.findMany({ where: { accordId }, orderBy: { signedAt: "asc" } });
    expect(bundle.signatures).toEqual(signatures.map(evidenceOf));
    // Key order too: the downloaded bundle lists each record's fields as evidenceOf does.
    expect(bundle.signatures.map((s) => Object.keys(s))).toEqual(signatures.map((s) => Object.keys(evidenceOf(s))));

    const audit = await db().accordAuditEntry.findMany({ where: { accordId }, orderBy: { seq: "asc" } });
    expect(bundle.audit).toEqual(
      audit.map((e) => ({
        seq: e.seq,
        at: e.at.toISOString(),
        actorRef: e.actorRef,
        actorName: e.actorName,
        type: e.type,
        data: e.data,
        privateHash: e.privateHash,
        prevHash: e.prevHash,
        hash: e.hash,
        private: e.privatePart,
      })),
    );
    // The public view: the same entries without their private parts, and no drafting versions.
    const publicView = (await loadBundle(db(), accordId, "public"))!;
    expect(publicView.view).toBe("public");
    expect(publicView.versions).toBeUndefined();
    expect(publicView.audit).toEqual(bundle.audit.map(({ private: _private, ...e }) => e));
    expect(publicView.document).toEqual(bundle.document);
    expect(bundle.seal).toMatchObject({ payload: accord.sealPayload, signature: accord.sealSignature, keyId: accord.sealKeyId });
    expect(bundle.pdfHash).toBe(accord.pdfHash);
  });

  it("has no bundle before the text is frozen", async () => {
    const parties = await makeParties(2);
    const { accordId } = await makeAccord(parties, { freeze: false });
    expect(await loadBundle(db(), accordId)).toBeNull();
    expect(await loadBundle(db(), "00000000-0000-0000-0000-000000000000")).toBeNull();
  });
});
