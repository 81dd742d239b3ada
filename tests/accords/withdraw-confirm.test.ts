// Withdrawing an accord asks first and says what will happen (docs/decisions/065-confirm-before-destroying.md).
import { describe, expect, it } from "vitest";
import * as overview from "~/routes/accords/overview";
import { db } from "~/utils/db.server";
import { callAction } from "../support/http";
import { makeAccord, makeParties, signWithEmailCode } from "./support";

describe("withdrawing an accord", () => {
  it("asks first, naming the signatures that stop counting and the organizations told, and withdraws only when confirmed", async () => {
    const parties = await makeParties(3);
    const { accordId, documentHash } = await makeAccord(parties);
    await signWithEmailCode(accordId, documentHash, parties[1]);
    const emails = () => db().outboxEmail.count({ where: { template: "accordEvent" } });
    const before = await emails();
    const call = (form: Record<string, string>) =>
      callAction(overview, { path: `/accords/${accordId}`, params: { id: accordId }, cookie: parties[0].admin.cookie, form });

    const asked = await call({ intent: "withdraw", reason: "Superseded by the 2026 text" });
    expect(asked.status).toBe(200);
    expect(asked.data).toEqual({
      confirm: {
        message: "accords.confirm.withdraw",
        vars: { title: "Joint declaration on mutual recognition", signed: 1, orgs: 3, reason: "Superseded by the 2026 text" },
        fields: [
          ["intent", "withdraw"],
          ["reason", "Superseded by the 2026 text"],
        ],
      },
    });
    expect((await db().accord.findUniqueOrThrow({ where: { id: accordId } })).status).toBe("SIGNING");
    expect(await emails()).toBe(before);

    const done = await call({ intent: "withdraw", reason: "Superseded by the 2026 text", confirm: "1" });
    expect(done.status).toBe(302);
    const after = await db().accord.findUniqueOrThrow({ where: { id: accordId } });
    expect(after.status).toBe("WITHDRAWN");
    expect(after.withdrawReason).toBe("Superseded by the 2026 text");
    expect(await emails()).toBeGreaterThan(before);
  }, 120_000);
});
