import { describe, expect, it } from "vitest";
import { seedDemo } from "~/demo/seed.server";
import { loadBundle } from "~/domain/accords/bundle.server";
import { verifyAccord } from "~/domain/accords/verify-accord.server";
import { verifyBundle } from "~/domain/accords/verification";
import { db } from "~/utils/db.server";

describe("accords demo data", () => {
  it("has the executed joint declaration and the six bilateral agreements", async () => {
    await seedDemo();
    const accords = await db().accord.findMany({ select: { id: true, kind: true, status: true, title: true } });
    const jd = accords.find((a) => a.kind === "JOINT_DECLARATION")!;
    expect(jd.status).toBe("EXECUTED");
    expect((await verifyAccord(jd.id, null))!.report.ok).toBe(true);
    const bilaterals = accords.filter((a) => a.kind === "BILATERAL_AGREEMENT");
    expect(bilaterals).toHaveLength(6);
    expect(new Set(bilaterals.map((a) => a.status))).toEqual(new Set(["DRAFTING", "SIGNING"]));
    expect(await db().outboxEmail.count({ where: { template: { in: ["accordEvent", "accordSigningCode"] } } })).toBe(0);
  }, 120_000); // seeds every demo accord through the domain operations: over 30 s on a loaded 2-core machine

  it("tells the declaration's true story: signed with passkeys on 27 September 2025 in Beijing, by named people, titled 联合声明", async () => {
    await seedDemo();
    const jd = await db().accord.findFirstOrThrow({
      where: { kind: "JOINT_DECLARATION" },
      select: {
        id: true,
        titleZh: true,
        executedAt: true,
        createdAt: true,
        signatures: { select: { signerName: true, signedAt: true, method: true } },
      },
    });
    // Before: the signatures, the seal and the PDF carried the day the demo was seeded.
    expect(jd.titleZh).toContain("联合声明");
    expect(jd.createdAt.toISOString().slice(0, 10)).toBe("2025-09-08");
    expect(jd.executedAt!.toISOString()).toBe("2025-09-27T08:44:00.000Z");
    expect(jd.signatures.map((s) => s.method)).toEqual(["PASSKEY", "PASSKEY", "PASSKEY"]);
    for (const s of jd.signatures) expect(s.signedAt.toISOString().slice(0, 10)).toBe("2025-09-27");
    expect(jd.signatures.map((s) => s.signerName).sort()).toEqual(["Chen Hua (陈华)", "Margaret Hughes", "Wang Min (王敏)"]);
    // The replayed history is a genuine one: chain, passkey assertions and seal verify.
    const report = await verifyBundle((await loadBundle(db(), jd.id))!);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    // No signatory in the demo is called "… Admin".
    const names = await db().user.findMany({ where: { email: { endsWith: "@concord.test" } }, select: { nameLatin: true } });
    expect(names.filter((n) => /\bAdmin$/.test(n.nameLatin))).toEqual([]);
  }, 120_000);
});
