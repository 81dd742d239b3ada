// Issue 10 §2 "Drafts leak": before execution an accord is its parties' business
// only; after execution the public bundle carries what verification needs and
// nothing private (emails, user ids, reasons, draft versions, IP addresses),
// while the parties' view keeps all of it, committed to by the chain.
import { describe, expect, it } from "vitest";
import { loadBundle } from "~/domain/accords/bundle.server";
import { declineAccord } from "~/domain/accords/lifecycle.server";
import { publishedSealKey } from "~/domain/accords/seal.server";
import { completePasskeySigning, startPasskeySigning } from "~/domain/accords/sign-accord.server";
import { delegateSignatory } from "~/domain/accords/signatories.server";
import { verifyBundle } from "~/domain/accords/verification";
import * as bundleRoute from "~/routes/accords/bundle";
import * as verifyPage from "~/routes/accords/verify";
import { db } from "~/utils/db.server";
import { callLoader } from "../support/http";
import { makeUser } from "../support/world";
import { SoftAuthenticator } from "~/demo/soft-authenticator";
import { makeAccord, makeParties, signWithEmailCode, signWithPasskey, type PartyFixture } from "./support";

const CLIENT = { ipAddress: "198.51.100.23", userAgent: "Mozilla/5.0 (X11; Linux x86_64) PrivacyTest/1.0" };

async function signFrom(accordId: string, documentHash: string, p: PartyFixture) {
  const { nonce, options } = await startPasskeySigning({ actor: p.signatory, accordId, partyId: p.partyId, documentHash });
  const response = p.authenticator.assert(options.challenge);
  return completePasskeySigning({
    actor: p.signatory,
    accordId,
    partyId: p.partyId,
    documentHash,
    nonce,
    response,
    confirmed: true,
    client: CLIENT,
  });
}

describe("accord privacy", () => {
  it("hides an accord in signing from everyone but its parties, and shows the public only what verification needs once executed", async () => {
    const parties = await makeParties(3);
    const { accordId, documentHash } = await makeAccord(parties);
    const outsider = await makeUser({ name: "Outsider" });
    const bundleAs = (cookie: string | null, query = "") =>
      callLoader(bundleRoute, { path: `/accords/${accordId}/bundle${query}`, params: { id: accordId }, cookie });
    const verifyAs = (cookie: string | null, q: string) => callLoader(verifyPage, { path: `/verify?q=${q}`, cookie });

    // Before execution: 404 for the signed-out and for outsiders (by id and by hash), the parties' view for members.
    expect((await bundleAs(null)).status).toBe(404);
    expect((await bundleAs(outsider.cookie)).status).toBe(404);
    expect((await verifyAs(null, accordId)).status).toBe(404);
    expect((await verifyAs(outsider.cookie, documentHash)).status).toBe(404);
    const early = await bundleAs(parties[1].admin.cookie);
    expect(early.status).toBe(200);
    expect((early.data as { view: string }).view).toBe("parties");
    expect((await verifyAs(parties[2].signatory.cookie, accordId)).status).toBe(200);

    // A delegation with a private reason, a signature with IP and user agent, one by emailed code.
    const sig = await db().accordSignatory.findFirstOrThrow({ where: { partyId: parties[0].partyId, endedAt: null } });
    await delegateSignatory({
      actor: parties[0].admin,
      accordId,
      signatoryId: sig.id,
      userId: parties[0].admin.id,
      reason: "Travelling to Geneva",
    });
    const delegate = { ...parties[0], signatory: parties[0].admin, authenticator: new SoftAuthenticator() };
    await db().webAuthnCredential.create({
      data: {
        userId: delegate.signatory.id,
        credentialId: delegate.authenticator.id,
        publicKey: delegate.authenticator.cosePublicKey,
        name: "key",
      },
    });
    await signFrom(accordId, documentHash, delegate);
    await signWithEmailCode(accordId, documentHash, parties[1]);
    await signWithPasskey(accordId, documentHash, parties[2]);

    const row = await db().accordSignature.findFirstOrThrow({ where: { partyId: parties[0].partyId } });
    expect(row).toMatchObject(CLIENT);

    // After execution: the public view for outsiders; nothing private in it.
    const pub = await bundleAs(outsider.cookie);
    expect(pub.status).toBe(200);
    const text = JSON.stringify(pub.data);
    expect((pub.data as { view: string }).view).toBe("public");
    const people = parties.flatMap((p) => [p.admin, p.signatory]);
    for (const u of people) {
      expect(text).not.toContain(u.email);
      expect(text).not.toContain(u.id);
    }
    for (const secret of ["Geneva", CLIENT.ipAddress, "PrivacyTest", '"versions"', '"private"', "actorId", "emailedTo", "userHandle"])
      expect(text).not.toContain(secret);
    expect(text).toContain(parties[0].signatory.nameLatin);
    expect(text).toContain("Party University 1");
    const report = await verifyBundle(pub.data, { trustedSealKey: publishedSealKey().publicKey });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    expect((await verifyAs(null, accordId)).status).toBe(200);

    // The parties' view has the private parts, and they match the digests the chain committed to.
    const mine = await bundleAs(parties[0].admin.cookie);
    const full = JSON.stringify(mine.data);
    for (const secret of ["Geneva", CLIENT.ipAddress, "PrivacyTest", parties[1].signatory.email]) expect(full).toContain(secret);
    expect((await verifyBundle(mine.data, { trustedSealKey: publishedSealKey().publicKey })).ok).toBe(true);
    // Members can still ask for the public view.
    expect((await bundleAs(parties[0].admin.cookie, "?view=public")).data).toEqual(pub.data);
  }, 240_000);

  it("keeps a decline's reason private, and a withdrawn accord stays hidden from the public", async () => {
    const parties = await makeParties(2);
    const { accordId } = await makeAccord(parties);
    await declineAccord({
      actor: parties[1].signatory,
      accordId,
      partyId: parties[1].partyId,
      reason: "Budget not approved by the senate",
    });
    const outsider = await makeUser({ name: "Outsider" });
    expect(
      (await callLoader(bundleRoute, { path: `/accords/${accordId}/bundle`, params: { id: accordId }, cookie: outsider.cookie })).status,
    ).toBe(404);
    const entries = await db().accordAuditEntry.findMany({ where: { accordId, type: "declined" } });
    expect(JSON.stringify(entries[0].data)).not.toContain("Budget");
    expect(JSON.stringify(entries[0].privatePart)).toContain("Budget");
    const bundle = (await loadBundle(db(), accordId, "public"))!;
    expect(JSON.stringify(bundle)).not.toContain("Budget");
  }, 120_000);
});
