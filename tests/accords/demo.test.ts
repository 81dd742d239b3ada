import { describe, expect, it } from "vitest";
import { seedDemo } from "~/demo/seed.server";
import { verifyAccord } from "~/domain/accords/verify-accord.server";
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
  });
});
