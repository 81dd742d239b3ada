// Removing a passkey asks first and says what will happen (docs/decisions/065-confirm-before-destroying.md).
import { describe, expect, it } from "vitest";
import * as passkeysPage from "~/routes/accounts/passkeys";
import { db } from "~/utils/db.server";
import { callAction } from "../support/http";
import { makeUser } from "../support/world";

describe("removing a passkey", () => {
  it("asks first, naming the passkey and the ones left, and removes it only when confirmed", async () => {
    const user = await makeUser();
    const [laptop] = await Promise.all(
      ["Laptop", "Phone"].map((name) =>
        db().webAuthnCredential.create({ data: { userId: user.id, credentialId: `cred-${name}-${user.id}`, publicKey: "pk", name } }),
      ),
    );
    const call = (form: Record<string, string>) => callAction(passkeysPage, { path: "/account/passkeys", cookie: user.cookie, form });

    const asked = await call({ intent: "remove", id: laptop.id });
    expect(asked.status).toBe(200);
    expect(asked.data).toEqual({
      confirm: {
        message: "passkeys.confirm.remove",
        vars: { name: "Laptop", others: 1 },
        fields: [
          ["intent", "remove"],
          ["id", laptop.id],
        ],
      },
    });
    expect(await db().webAuthnCredential.count({ where: { userId: user.id } })).toBe(2);

    const done = await call({ intent: "remove", id: laptop.id, confirm: "1" });
    expect(done.status).toBe(302);
    expect(await db().webAuthnCredential.findMany({ where: { userId: user.id }, select: { name: true } })).toEqual([{ name: "Phone" }]);
  });
});
