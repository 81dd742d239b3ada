// Tampering with an executed accord — in the database, in the bundle or in
// the PDF — must always be detected, and the report must say what failed.
import { beforeAll, describe, expect, it } from "vitest";
import { loadBundle } from "~/domain/accords/bundle.server";
import { verifyAccord, verifyUploadedPdf } from "~/domain/accords/verify-accord.server";
import { verifyBundle, type VerificationBundle } from "~/domain/accords/verification";
import { publishedSealKey } from "~/domain/accords/seal.server";
import { db } from "~/utils/db.server";
import { makeAccord, makeParties, signWithEmailCode, signWithPasskey } from "./support";

let accordId = "";
let pristine: VerificationBundle;

beforeAll(async () => {
  const parties = await makeParties(3);
  const made = await makeAccord(parties);
  accordId = made.accordId;
  await signWithPasskey(accordId, made.documentHash, parties[0]);
  await signWithEmailCode(accordId, made.documentHash, parties[1]);
  await signWithPasskey(accordId, made.documentHash, parties[2]);
  // The parties' view: it carries every drafting version and private part, so more can be tampered with.
  pristine = (await loadBundle(db(), accordId, "parties"))!;
  expect((await verifyBundle(pristine, pin())).ok).toBe(true);
});

const pin = () => ({ trustedSealKey: publishedSealKey().publicKey });
const failed = (r: { checks: { id: string; ok: boolean }[] }) => r.checks.filter((c) => !c.ok).map((c) => c.id);
const clone = () => JSON.parse(JSON.stringify(pristine)) as VerificationBundle;
const flip = (b64: string, at = 10) => {
  const buf = Buffer.from(b64, "base64url");
  buf[at % buf.length] ^= 0x01;
  return buf.toString("base64url");
};

describe("tampering in the bundle", () => {
  const cases: [string, (b: VerificationBundle) => void, string][] = [
    ["a clause", (b) => (b.document.canonical = b.document.canonical.replace("cooperate", "compete")), "text"],
    ["a party", (b) => (b.document.canonical = b.document.canonical.replace("Party University 2", "Party University X")), "text"],
    ["the document hash", (b) => (b.document.hash = "a".repeat(64)), "text"],
    ["an earlier version", (b) => (b.versions![0].clauses[0].text.en += "!"), "versions"],
    [
      "a signature byte",
      (b) =>
        (b.signatures.find((s) => s.method === "PASSKEY")!.signature = flip(b.signatures.find((s) => s.method === "PASSKEY")!.signature!)),
      "signatures",
    ],
    ["authenticator data", (b) => (b.signatures[0].authenticatorData = flip(b.signatures[0].authenticatorData!, 40)), "signatures"],
    [
      "the user-verified flag",
      (b) => {
        const s = b.signatures.find((x) => x.method === "PASSKEY")!;
        const data = Buffer.from(s.authenticatorData!, "base64url");
        data[32] &= ~0x04;
        s.authenticatorData = data.toString("base64url");
      },
      "signatures",
    ],
    ["the relying party", (b) => (b.signatures.find((x) => x.method === "PASSKEY")!.rpId = "evil.example"), "signatures"],
    ["a signer's name", (b) => (b.signatures[0].signerName = "Someone Else"), "signatures"],
    ["a signing time", (b) => (b.signatures[1].signedAt = "2020-01-01T00:00:00.000Z"), "signatures"],
    [
      "the typed name of the weaker method",
      (b) => (b.signatures.find((s) => s.method === "EMAIL_CODE")!.typedName = "Forged"),
      "signatures",
    ],
    ["a removed signature", (b) => b.signatures.pop(), "signatures"],
    ["an audit entry's data", (b) => ((b.audit[2].data as Record<string, unknown>).x = 1), "chain"],
    ["an audit entry's time", (b) => (b.audit[1].at = "2020-01-01T00:00:00.000Z"), "chain"],
    ["a removed audit entry", (b) => b.audit.splice(3, 1), "chain"],
    [
      "an appended audit entry",
      (b) => b.audit.push({ ...b.audit.at(-1)!, seq: b.audit.length + 1, prevHash: b.audit.at(-1)!.hash }),
      "seal",
    ],
    ["the seal signature", (b) => (b.seal!.signature = flip(b.seal!.signature)), "seal"],
    [
      "the seal payload",
      (b) => (b.seal!.payload = b.seal!.payload.replace(/"executedAt":"[^"]+"/, '"executedAt":"2020-01-01T00:00:00.000Z"')),
      "seal",
    ],
    ["the seal key", (b) => (b.seal!.publicKey = flip(b.seal!.publicKey)), "seal"],
    ["the status", (b) => (b.status = "SIGNING"), "seal"],
    ["the PDF hash", (b) => (b.pdfHash = "b".repeat(64)), "seal"],
    ["the time zone", (b) => (b.timeZone = "Pacific/Kiritimati"), "seal"],
    ["the order of two audit entries", (b) => ([b.audit[2], b.audit[3]] = [b.audit[3], b.audit[2]]), "chain"],
    ["an entry's private part", (b) => (b.audit.find((e) => e.type === "signed")!.private!.data.ipAddress = "10.6.6.6"), "chain"],
    ["a signer's reference", (b) => (b.signatures[0].signerRef = "0".repeat(64)), "signatures"],
  ];
  for (const [what, mutate, expected] of cases) {
    it(`detects a change to ${what}`, async () => {
      const b = clone();
      mutate(b);
      const report = await verifyBundle(b, pin());
      expect(report.ok).toBe(false);
      expect(failed(report)).toContain(expected);
      expect(report.checks.flatMap((c) => c.problems).length).toBeGreaterThan(0);
    });
  }

  it("detects a seal made with another key when Concord's key is pinned", async () => {
    const report = await verifyBundle(clone(), { trustedSealKey: Buffer.alloc(32, 7).toString("base64url") });
    expect(failed(report)).toEqual(["seal"]);
    expect(report.sealKey).toBe("other");
  });
});

describe("tampering in the database", () => {
  async function afterChange(change: () => Promise<unknown>, undo: () => Promise<unknown>) {
    await change();
    try {
      return await verifyAccord(accordId, null);
    } finally {
      await undo();
    }
  }

  it("detects a change made after the accord was verified (a remembered report never hides it)", async () => {
    // verifyAccord remembers reports by the bundle's digest: the same accord verified twice gets the
    // same report, and a row changed in between makes a different bundle, verified afresh.
    const before = await verifyAccord(accordId, null);
    expect(before!.report.ok).toBe(true);
    expect((await verifyAccord(accordId, null))!.report).toBe(before!.report);
    const sig = await db().accordSignature.findFirstOrThrow({ where: { accordId, method: "PASSKEY" } });
    const v = await afterChange(
      () => db().accordSignature.update({ where: { id: sig.id }, data: { signature: flip(sig.signature!, 20) } }),
      () => db().accordSignature.update({ where: { id: sig.id }, data: { signature: sig.signature } }),
    );
    expect(v!.report.ok).toBe(false);
    expect(failed(v!.report)).toContain("signatures");
    expect((await verifyAccord(accordId, null))!.report.ok).toBe(true);
  });

  it("verifies a changed accord once for everyone who opens it at the same moment, and the report is theirs", async () => {
    // At a ceremony everyone opens the verification at once: those who arrive while it is being made
    // wait for it (one report object for all) rather than each loading and checking the accord again.
    const version = await db().accordVersion.findFirstOrThrow({ where: { accordId, number: 1 } });
    const clause = await db().accordClause.findFirstOrThrow({ where: { versionId: version.id, number: 1, language: "en" } });
    const where = { versionId_number_language: { versionId: version.id, number: 1, language: "en" } };
    await db().accordClause.update({ where, data: { text: `${clause.text} (changed)` } });
    try {
      const crowd = await Promise.all(Array.from({ length: 8 }, () => verifyAccord(accordId, null)));
      expect(crowd[0]!.report.ok).toBe(false);
      for (const v of crowd) expect(v!.report).toBe(crowd[0]!.report);
    } finally {
      await db().accordClause.update({ where, data: { text: clause.text } });
    }
    expect((await verifyAccord(accordId, null))!.report.ok).toBe(true);
  });

  it("detects a changed clause of the frozen version", async () => {
    const version = await db().accordVersion.findFirstOrThrow({ where: { accordId, number: 1 } });
    const clause = await db().accordClause.findFirstOrThrow({ where: { versionId: version.id, number: 1, language: "en" } });
    const v = await afterChange(
      () =>
        db().accordClause.update({
          where: { versionId_number_language: { versionId: version.id, number: 1, language: "en" } },
          data: { text: clause.text + " (changed)" },
        }),
      () =>
        db().accordClause.update({
          where: { versionId_number_language: { versionId: version.id, number: 1, language: "en" } },
          data: { text: clause.text },
        }),
    );
    expect(failed(v!.report)).toEqual(expect.arrayContaining(["text", "versions"]));
  });

  it("detects a changed party", async () => {
    const party = await db().accordParty.findFirstOrThrow({ where: { accordId, position: 2 } });
    const v = await afterChange(
      () => db().accordParty.update({ where: { id: party.id }, data: { signingGroup: 9 } }),
      () => db().accordParty.update({ where: { id: party.id }, data: { signingGroup: party.signingGroup } }),
    );
    expect(failed(v!.report)).toContain("text");
  });

  it("detects a changed signature byte", async () => {
    const sig = await db().accordSignature.findFirstOrThrow({ where: { accordId, method: "PASSKEY" } });
    const v = await afterChange(
      () => db().accordSignature.update({ where: { id: sig.id }, data: { signature: flip(sig.signature!) } }),
      () => db().accordSignature.update({ where: { id: sig.id }, data: { signature: sig.signature } }),
    );
    expect(failed(v!.report)).toContain("signatures");
  });

  it("detects a changed audit entry", async () => {
    const entry = await db().accordAuditEntry.findFirstOrThrow({ where: { accordId, type: "version.approved" } });
    const v = await afterChange(
      () => db().accordAuditEntry.update({ where: { id: entry.id }, data: { actorName: "Mallory" } }),
      () => db().accordAuditEntry.update({ where: { id: entry.id }, data: { actorName: entry.actorName } }),
    );
    expect(failed(v!.report)).toContain("chain");
  });

  it("detects a changed seal", async () => {
    const accord = await db().accord.findUniqueOrThrow({ where: { id: accordId }, select: { sealSignature: true } });
    const v = await afterChange(
      () => db().accord.update({ where: { id: accordId }, data: { sealSignature: flip(accord.sealSignature!) } }),
      () => db().accord.update({ where: { id: accordId }, data: { sealSignature: accord.sealSignature } }),
    );
    expect(failed(v!.report)).toEqual(["seal"]);
  });

  it("is clean again after every undo", async () => {
    expect((await verifyAccord(accordId, null))!.report.ok).toBe(true);
  });
});

describe("tampering with the PDF", () => {
  it("detects a modified PDF and rejects a file that is not a PDF", async () => {
    const { pdf } = await db().accord.findUniqueOrThrow({ where: { id: accordId }, select: { pdf: true } });
    const bytes = Buffer.from(pdf!);
    expect(await verifyUploadedPdf(bytes, null)).toMatchObject({ kind: "found", pdf: "matches" });
    // Change one byte inside the text stream (well after the header).
    const edited = Buffer.from(bytes);
    const at = edited.indexOf("Party University 1");
    edited[at + 6] = "X".charCodeAt(0);
    const result = await verifyUploadedPdf(edited, null);
    expect(result.kind === "found" ? result.pdf : result.kind).not.toBe("matches");
    expect(await verifyUploadedPdf(Buffer.from("GIF89a..."), null)).toEqual({ kind: "not-pdf" });
  });
});
