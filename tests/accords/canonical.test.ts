import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import {
  auditEntryHash,
  canonicalDocument,
  canonicalJson,
  chainEntryHash,
  clausesHash,
  documentHash,
  evidenceHash,
  GENESIS_HASH,
  normalizeText,
  privatePartHash,
  sealPayloadText,
  sha256Hex,
  signingChallenge,
} from "~/domain/accords/canonical";
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
    const same = {
      ...doc,
      clauses: [{ number: 1, text: { en: "Caf\u00e9 rules\nline two", zh: "第一条" } }],
      parties: [...doc.parties].reverse(),
    };
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
    const all = new Set(
      [
        base,
        { ...base, accordId: "b" },
        { ...base, documentHash: "i" },
        { ...base, partyId: "q" },
        { ...base, signerId: "t" },
        { ...base, nonce: "m" },
      ].map(signingChallenge),
    );
    expect(all.size).toBe(6);
    expect(Buffer.from(signingChallenge(base), "base64url")).toHaveLength(32);
  });

  it("chains audit entries through their hashes", () => {
    const e = {
      accordId: "a",
      seq: 1,
      at: "2025-09-27T02:00:00.000Z",
      actorId: null,
      actorName: null,
      type: "created",
      data: { x: 1 },
      prevHash: GENESIS_HASH,
    };
    expect(auditEntryHash(e)).toMatch(/^[0-9a-f]{64}$/);
    expect(auditEntryHash({ ...e, data: { x: 2 } })).not.toBe(auditEntryHash(e));
  });
});

// Bytes and hashes pinned from the implementation that built canonical JSON
// with JSON.stringify and string joins (before the single-pass writer): any
// change here is a change of format (docs/decisions/030 and 031).
describe("canonical bytes stay fixed", () => {
  const tricky = {
    zeta: "Cafe\u0301 \u00e9 \u7b2c\u4e00\u6761 \u{1F91D}\u{1F3FD} \u2028\u2029 \ufeff",
    "\u{1F600}": "emoji key",
    "\uffff": "last BMP key",
    "\u00e9": "e-acute key",
    "10": 10,
    "9": -9,
    'a"b': 'quote " backslash \\ slash /',
    ctl: "\u0000\u0001\b\t\n\u000b\f\r\u001f\u007f",
    arr: [1, "two", null, true, false, [], {}, [[0]]],
    nested: { b: { d: 1, c: 2 }, a: [{ y: 1, x: "\r\n" }] },
  };
  const doc = {
    accordId: "22222222-2222-2222-2222-222222222222",
    kind: "BILATERAL_AGREEMENT",
    version: 3,
    languages: ["en", "zh"],
    title: { en: "  Accord\u00a0on A\u030angstro\u0308m\t\r\n", zh: "\u5173\u4e8e\u5408\u4f5c\u7684\u534f\u5b9a" },
    parties: [
      {
        position: 2,
        orgId: "org-2",
        name: 'Unio\u0301n "Quoted"\r\nSecond line \t',
        nameNative: "\u7ec4\u7ec7\uff08\u4e8c\uff09",
        country: "ES",
        role: "PARTY" as const,
        signingGroup: 1,
      },
      {
        position: 1,
        orgId: "org-1",
        name: "Ko\u0308ln \u{1F3DB}\uFE0F",
        nameNative: null,
        country: "DE",
        role: "WITNESS" as const,
        signingGroup: 0,
      },
    ],
    clauses: [
      {
        number: 2,
        text: {
          en: "\n\nSecond clause\r\n\r\n  - item one  \r\n\t- item two\t\n\n",
          zh: "\u7b2c\u4e8c\u6761\u3000\r\n\u5185\u5bb9\u{20BB7}",
        },
      },
      { number: 1, text: { en: "First \\ clause with \u0065\u0301\u0327 and \u1100\u1161\u11a8", zh: "\u7b2c\u4e00\u6761\r\u6362\u884c" } },
    ],
  };

  it("escapes and orders keys by UTF-16 code units as before", () => {
    expect(canonicalJson(tricky)).toBe(
      '{"10":10,"9":-9,"a\\"b":"quote \\" backslash \\\\ slash /","arr":[1,"two",null,true,false,[],{},[[0]]],"ctl":"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001f\u007f","nested":{"a":[{"x":"\\r\\n","y":1}],"b":{"c":2,"d":1}},"zeta":"Cafe\u0301 \u00e9 \u7b2c\u4e00\u6761 \ud83e\udd1d\ud83c\udffd \u2028\u2029 \ufeff","\u00e9":"e-acute key","\ud83d\ude00":"emoji key","\uffff":"last BMP key"}',
    );
  });

  it("writes every UTF-16 code unit exactly as JSON.stringify, and hashes its UTF-8", () => {
    let every = "";
    // Every code unit but the surrogates, which only come in pairs (a lone one is refused).
    for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) every += String.fromCharCode(c);
    every += "\u{1F600}\u{20BB7}";
    expect(canonicalJson(every)).toBe(JSON.stringify(every));
    expect(evidenceHash({ s: every } as never)).toBe(
      createHash("sha256")
        .update(`{"s":${JSON.stringify(every)}}`)
        .digest("hex"),
    );
    const big = {
      text: "\u7b2c\u4e00\u6761 Caf\u00e9 \u{1F600}\n".repeat(20000),
      every,
      list: Array.from({ length: 3000 }, (_, i) => ({ i, s: `n${i}\u00e9` })),
    };
    expect(evidenceHash(big as never)).toBe("75f9a3d7e5175e4e1d0bf07b2ee1e5d60654e6604bf61248d612425b313a6c31");
    expect(sha256Hex(canonicalJson(big))).toBe("75f9a3d7e5175e4e1d0bf07b2ee1e5d60654e6604bf61248d612425b313a6c31");
  });

  it("normalizes NFC, CRLF, trailing blanks and blank edges as before", () => {
    expect(
      [
        doc.title.en,
        doc.parties[0].name,
        doc.clauses[0].text.en,
        doc.clauses[0].text.zh,
        doc.clauses[1].text.en,
        doc.clauses[1].text.zh,
      ].map(normalizeText),
    ).toEqual([
      "  Accord\u00a0on \u00c5ngstr\u00f6m",
      'Uni\u00f3n "Quoted"\nSecond line',
      "Second clause\n\n  - item one\n\t- item two",
      "\u7b2c\u4e8c\u6761\u3000\n\u5185\u5bb9\ud842\udfb7",
      "First \\ clause with \u0229\u0301 and \uac01",
      "\u7b2c\u4e00\u6761\n\u6362\u884c",
    ]);
    for (const plain of ["plain ascii", "x", "", "a\nb", " lead", "Caf\u00e9"]) expect(normalizeText(plain)).toBe(plain);
  });

  it("keeps the canonical document, its hash and the clauses hash", () => {
    expect(canonicalDocument(doc)).toBe(
      '{"accordId":"22222222-2222-2222-2222-222222222222","clauses":[{"number":1,"text":{"en":"First \\\\ clause with \u0229\u0301 and \uac01","zh":"\u7b2c\u4e00\u6761\\n\u6362\u884c"}},{"number":2,"text":{"en":"Second clause\\n\\n  - item one\\n\\t- item two","zh":"\u7b2c\u4e8c\u6761\u3000\\n\u5185\u5bb9\ud842\udfb7"}}],"format":"concord-accord/1","kind":"BILATERAL_AGREEMENT","languages":["en","zh"],"parties":[{"country":"DE","name":"K\u00f6ln \ud83c\udfdb\ufe0f","nameNative":null,"orgId":"org-1","position":1,"role":"WITNESS","signingGroup":0},{"country":"ES","name":"Uni\u00f3n \\"Quoted\\"\\nSecond line","nameNative":"\u7ec4\u7ec7\uff08\u4e8c\uff09","orgId":"org-2","position":2,"role":"PARTY","signingGroup":1}],"title":{"en":"  Accord\u00a0on \u00c5ngstr\u00f6m","zh":"\u5173\u4e8e\u5408\u4f5c\u7684\u534f\u5b9a"},"version":3}',
    );
    expect(documentHash(doc)).toBe("ebe35c13cda14bc43289ce7a5dfb9560635ed09656145715b25c9937150b27ff");
    expect(sha256Hex(canonicalDocument(doc))).toBe("ebe35c13cda14bc43289ce7a5dfb9560635ed09656145715b25c9937150b27ff");
    expect(clausesHash(doc.clauses)).toBe("2a8e55d05b77f17ea286e87b969dab5b71459f90d92b6f7585d0a4ba2583ac6a");
  });

  it("keeps the audit entry, evidence, challenge and seal forms", () => {
    const entry = {
      accordId: doc.accordId,
      seq: 7,
      at: "2026-01-02T03:04:05.678Z",
      actorId: null,
      actorName: "Zo\u00eb \u{1F600} (\u5f20\u4e09)",
      type: "comment.added",
      data: { body: 'Line 1\r\nLine "2"\t\\', tags: ["\u00e9", "e\u0301", null], n: 0, z: { "\u{1F600}": 1, "\uffff": 2 } },
      prevHash: "f".repeat(64),
    };
    expect(auditEntryHash(entry)).toBe("c732b2819bc5c6977345708ec98c0209c87ab8964709c7bafba1f3ca5bfbf679");
    // Bundle format /2: the actor by reference, the private part by its digest; exactly these members are hashed.
    const { actorId: _actorId, accordId: _accordId, ...rest } = entry;
    const entry2 = { ...rest, actorRef: "a".repeat(64), privateHash: "b".repeat(64) };
    const expected = sha256Hex(
      '{"accordId":"22222222-2222-2222-2222-222222222222","actorName":"Zo\u00eb \u{1F600} (\u5f20\u4e09)","actorRef":"' +
        "a".repeat(64) +
        '","at":"2026-01-02T03:04:05.678Z","data":{"body":"Line 1\\r\\nLine \\"2\\"\\t\\\\","n":0,"tags":["\u00e9","e\u0301",null],"z":{"\ud83d\ude00":1,"\uffff":2}},"prevHash":"' +
        "f".repeat(64) +
        '","privateHash":"' +
        "b".repeat(64) +
        '","seq":7,"type":"comment.added"}',
    );
    expect(chainEntryHash(doc.accordId, { ...entry2, hash: "x", private: { salt: "s", data: {} } } as never)).toBe(expected);
    expect(privatePartHash({ salt: "c2FsdA", data: { reason: "Travelling", actorId: "u-1" } })).toBe(
      sha256Hex('{"data":{"actorId":"u-1","reason":"Travelling"},"salt":"c2FsdA"}'),
    );
    const evidence = {
      partyId: "p-1",
      signerId: "s-1",
      signerName: "Jos\u00e9 \u0160koda",
      signerRole: null,
      orgName: "\u00d6rg \u2014 \u201cquoted\u201d",
      method: "PASSKEY" as const,
      signedAt: "2026-01-02T03:04:05.678Z",
      documentHash: "d".repeat(64),
      nonce: "bm9uY2U",
      challenge: "Y2hhbGxlbmdl",
      credentialId: "Y3JlZA",
      publicKey: "pQECAyYgASFYIA",
      authenticatorData: "SZYN5YgO",
      clientDataJSON: "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0",
      signature: "MEUCIQ",
      userHandle: null,
      rpId: "localhost",
      origin: "http://localhost:3000",
      typedName: null,
      emailedTo: null,
    };
    // The format /1 record (signerId, userHandle, emailedTo): the hash of a plain object keeps its bytes.
    expect(evidenceHash(evidence as never)).toBe("0fb934d62ce59a8cdecf5fab32a9208a9d543806f0fb68f83224229e62f89d5d");
    expect(
      signingChallenge({ accordId: doc.accordId, documentHash: "e".repeat(64), partyId: "p-\u00e9", signerId: "s-1", nonce: "n\u{1F600}" }),
    ).toBe("pJN53jp5xWSN9aLQw_xUtQBm1g9cWJzG9bWWN8f2tl8");
    expect(
      canonicalJson({
        format: "concord-seal/1",
        accordId: doc.accordId,
        documentHash: "e".repeat(64),
        chainHead: "f".repeat(64),
        chainLength: 1000,
        executedAt: "2026-01-02T03:04:05.678Z",
        keyId: "0123456789abcdef",
      }),
    ).toBe(
      '{"accordId":"22222222-2222-2222-2222-222222222222","chainHead":"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff","chainLength":1000,"documentHash":"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee","executedAt":"2026-01-02T03:04:05.678Z","format":"concord-seal/1","keyId":"0123456789abcdef"}',
    );
  });

  it("seals format /2 with the PDF hash, time zone, origin and relying party", () => {
    expect(
      sealPayloadText({
        accordId: doc.accordId,
        documentHash: "e".repeat(64),
        chainHead: "f".repeat(64),
        chainLength: 3,
        executedAt: "2026-01-02T03:04:05.678Z",
        keyId: "0123456789abcdef",
        pdfHash: "a".repeat(64),
        timeZone: "Asia/Shanghai",
        origin: "https://concord.example",
        rpId: "concord.example",
      }),
    ).toBe(
      `{"accordId":"22222222-2222-2222-2222-222222222222","chainHead":"${"f".repeat(64)}","chainLength":3,"documentHash":"${"e".repeat(64)}","executedAt":"2026-01-02T03:04:05.678Z","format":"concord-seal/2","keyId":"0123456789abcdef","origin":"https://concord.example","pdfHash":"${"a".repeat(64)}","rpId":"concord.example","timeZone":"Asia/Shanghai"}`,
    );
  });

  it("still refuses what it always refused", () => {
    expect(() => canonicalJson({ a: { b: [1, 2.5] } })).toThrow("canonical JSON allows integers only, got 2.5");
    expect(() => canonicalJson({ f: () => 1 })).toThrow("canonical JSON cannot encode function");
    expect(() => canonicalJson(10n)).toThrow("canonical JSON cannot encode bigint");
    expect(() => normalizeText(undefined as never)).toThrow(TypeError);
    expect(canonicalJson({ b: "é", a: 1 })).toBe('{"a":1,"b":"é"}');
  });

  // The hand-written encoder hashed these as something else (a Date as {}, a
  // hole as nothing, so invalid JSON; undefined as null or dropped; a lone
  // surrogate as an escape no UTF-8 reader round-trips). Now they are refused.
  it("refuses values that are not plain JSON instead of hashing them", () => {
    const refused: [unknown, string][] = [
      [{ at: new Date(0) }, "non-plain objects (Date)"],
      [{ a: undefined }, 'undefined (member "a")'],
      [[1, undefined], "undefined"],
      [[1, , 3], "sparse arrays"], // eslint-disable-line no-sparse-arrays
      [{ n: Number.NaN }, "integers only, got NaN"],
      [{ n: Infinity }, "integers only, got Infinity"],
      [{ n: 2 ** 53 }, "integers only"],
      [{ f: () => 1 }, "cannot encode function"],
      [{ s: Symbol("x") }, "cannot encode symbol"],
      [new Map(), "non-plain objects (Map)"],
      [{ b: Buffer.from("x") }, "non-plain objects"],
      [{ s: "x\ud800y" }, "lone surrogates"],
      [{ "\udfff": 1 }, "lone surrogates"],
      [{ [Symbol("k")]: 1 }, "symbol keys"],
    ];
    for (const [value, message] of refused) expect(() => canonicalJson(value), message).toThrow(message);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow("nests too deeply");
    expect(() => evidenceHash({ at: new Date(0) } as never)).toThrow("non-plain objects (Date)");
    expect(canonicalJson(Object.assign(Object.create(null) as object, { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
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
