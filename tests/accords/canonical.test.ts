import { describe, expect, it } from "vitest";
import { auditEntryHash, canonicalDocument, canonicalJson, documentHash, GENESIS_HASH, normalizeText, signingChallenge } from "~/domain/accords/canonical";
import { diffWords } from "~/domain/accords/diff";

const doc = {
  accordId: "11111111-1111-1111-1111-111111111111",
  kind: "JOINT_DECLARATION",
  version: 2,
  languages: ["en", "zh"],
  title: { en: "Declaration", zh: "宣言" },
  parties: [
    { position: 2, orgId: "b", name: "B", nameNative: null, country: "NZ", role: "PARTY" as const, signingGroup: 1 },
    { position: 1, orgId: "a", name: "A", nameNative: "甲", country: "CN", role: "PARTY" as const, signingGroup: 1 },
  ],
  clauses: [{ number: 1, text: { en: "Cafe\u0301 rules\r\nline two  ", zh: "第一条" } }],
};

describe("canonical form", () => {
  it("sorts keys, drops whitespace and allows integers only", () => {
    expect(canonicalJson({ b: 1, a: [true, null, "x"], c: { z: "é", y: 2 } })).toBe('{"a":[true,null,"x"],"b":1,"c":{"y":2,"z":"é"}}');
    expect(() => canonicalJson({ a: 1.5 })).toThrow();
  });

  it("normalizes text to NFC with LF line ends and no trailing spaces", () => {
    expect(normalizeText("Cafe\u0301 rules\r\nline two  \r\n\n")).toBe("Caf\u00e9 rules\nline two");
  });

  it("hashes equal texts equally, whatever their encoding, and orders parties by position", () => {
    const same = { ...doc, clauses: [{ number: 1, text: { en: "Caf\u00e9 rules\nline two", zh: "第一条" } }], parties: [...doc.parties].reverse() };
    expect(documentHash(same)).toBe(documentHash(doc));
    expect(canonicalDocument(doc)).toContain('"format":"concord-accord/1"');
    expect(canonicalDocument(doc).indexOf('"orgId":"a"')).toBeLessThan(canonicalDocument(doc).indexOf('"orgId":"b"'));
  });

  it("changes the hash when a clause, a party or the version changes", () => {
    const h = documentHash(doc);
    expect(documentHash({ ...doc, version: 3 })).not.toBe(h);
    expect(documentHash({ ...doc, clauses: [{ number: 1, text: { en: "Cafe rules", zh: "第一条" } }] })).not.toBe(h);
    expect(documentHash({ ...doc, parties: [doc.parties[0], { ...doc.parties[1], country: "US" }] })).not.toBe(h);
  });

  it("derives a different challenge for every accord, hash, party, signer and nonce", () => {
    const base = { accordId: "a", documentHash: "h", partyId: "p", signerId: "s", nonce: "n" };
    const all = new Set([base, { ...base, accordId: "b" }, { ...base, documentHash: "i" }, { ...base, partyId: "q" }, { ...base, signerId: "t" }, { ...base, nonce: "m" }].map(signingChallenge));
    expect(all.size).toBe(6);
    expect(Buffer.from(signingChallenge(base), "base64url")).toHaveLength(32);
  });

  it("chains audit entries through their hashes", () => {
    const e = { accordId: "a", seq: 1, at: "2025-09-27T02:00:00.000Z", actorId: null, actorName: null, type: "created", data: { x: 1 }, prevHash: GENESIS_HASH };
    expect(auditEntryHash(e)).toMatch(/^[0-9a-f]{64}$/);
    expect(auditEntryHash({ ...e, data: { x: 2 } })).not.toBe(auditEntryHash(e));
  });
});

describe("word diff", () => {
  it("marks added and removed words, and Chinese by characters", () => {
    expect(diffWords("the parties agree to cooperate", "the three parties agree to work together")).toEqual([
      { op: "same", text: "the " },
      { op: "add", text: "three " },
      { op: "same", text: "parties agree to " },
      { op: "del", text: "cooperate" },
      { op: "add", text: "work together" },
    ]);
    expect(diffWords("各方同意合作", "各方同意深化合作")).toEqual([
      { op: "same", text: "各方同意" },
      { op: "add", text: "深化" },
      { op: "same", text: "合作" },
    ]);
  });
});
