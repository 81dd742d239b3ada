// Fixtures of the accord tests: an accord between N fresh organizations, each
// with an admin and a signatory (optionally with a registered passkey), driven
// through the real domain operations.
import { approveVersion } from "~/domain/accords/approve-version.server";
import { createAccord } from "~/domain/accords/create-accord.server";
import { designateSignatory } from "~/domain/accords/signatories.server";
import { completePasskeySigning, requestSigningCode, signWithCode, startPasskeySigning } from "~/domain/accords/sign-accord.server";
import type { AccordRead } from "~/domain/accords/chain.server";
import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { addMember, makeOrg, makeUser, type TestUser } from "../support/world";
import { emailText } from "../support/mail";
import { SoftAuthenticator } from "~/demo/soft-authenticator";

export function sessionUserOf(u: TestUser, name = "Test Signer"): SessionUser {
  return {
    id: u.id,
    email: u.email,
    nameLatin: name,
    nameNative: null,
    locale: "en",
    emailVerified: true,
    sessionId: "00000000-0000-0000-0000-000000000000",
  };
}

export async function asSessionUser(u: TestUser): Promise<SessionUser> {
  const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
  return {
    id: row.id,
    email: row.email,
    nameLatin: row.nameLatin,
    nameNative: row.nameNative,
    locale: row.locale,
    emailVerified: true,
    sessionId: "00000000-0000-0000-0000-000000000000",
  };
}

export type PartyFixture = {
  org: { id: string; nameEn: string };
  admin: SessionUser & { cookie: string };
  signatory: SessionUser & { cookie: string };
  partyId: string;
  authenticator: SoftAuthenticator;
};

export const CLAUSES = [
  { en: "The parties agree to cooperate on the training of excellent engineers.", zh: "各方同意在卓越工程师培养方面开展合作。" },
  { en: "Each party recognizes the graduate degrees accredited by the others.", zh: "各方相互承认经对方认证的研究生学位。" },
];

export async function makeParties(n: number, opts: { passkeys?: boolean } = {}) {
  // Ten at a time: a hundred parties at once (each a few transactions) outwaited the pool's
  // transaction wait on a loaded machine, failing the benchmarks' set-up before anything was measured.
  const parties: PartyFixture[] = [];
  for (let start = 0; start < n; start += 10)
    parties.push(...(await Promise.all(Array.from({ length: Math.min(10, n - start) }, (_, k) => makeParty(start + k, opts)))));
  return parties;
}

async function makeParty(i: number, opts: { passkeys?: boolean }): Promise<PartyFixture> {
  const org = await makeOrg({ nameEn: `Party University ${i + 1}` });
  const adminU = await makeUser({ name: `Admin ${i + 1}` });
  const signU = await makeUser({ name: `Signer ${i + 1}` });
  await addMember(org.id, adminU.id, ["ADMIN"]);
  await addMember(org.id, signU.id, ["SIGNATORY"]);
  const authenticator = new SoftAuthenticator();
  const signatory = { ...(await asSessionUser(signU)), cookie: signU.cookie };
  if (opts.passkeys !== false) {
    await db().webAuthnCredential.create({
      data: {
        userId: signatory.id,
        credentialId: authenticator.id,
        publicKey: authenticator.cosePublicKey,
        name: "test key",
        transports: ["internal"],
      },
    });
  }
  return {
    org,
    admin: { ...(await asSessionUser(adminU)), cookie: adminU.cookie },
    signatory,
    partyId: "",
    authenticator,
  } as PartyFixture;
}

/** An accord with the given parties, drafted (version 1 with CLAUSES), and optionally frozen with signatories designated. */
export async function makeAccord(
  parties: PartyFixture[],
  opts: { freeze?: boolean; groups?: number[]; signingEndsOn?: string; conferenceId?: string } = {},
) {
  const [first, ...rest] = parties;
  const accord = await createAccord({
    actor: first.admin,
    initiatorOrgId: first.org.id,
    kind: parties.length === 2 ? "BILATERAL_AGREEMENT" : "JOINT_DECLARATION",
    title: "Joint declaration on mutual recognition",
    titleZh: "关于相互承认的联合宣言",
    languages: ["en", "zh"],
    partyOrgIds: rest.map((p) => p.org.id),
    signingGroups: opts.groups ? Object.fromEntries(parties.map((p, i) => [p.org.id, opts.groups![i]])) : undefined,
    signingEndsOn: opts.signingEndsOn,
    conferenceId: opts.conferenceId,
    clauses: CLAUSES,
  });
  const rows = await db().accordParty.findMany({ where: { accordId: accord.id }, select: { id: true, orgId: true } });
  for (const p of parties) p.partyId = rows.find((r) => r.orgId === p.org.id)!.id;
  let documentHash = "";
  if (opts.freeze !== false) {
    for (const p of parties) {
      await designateSignatory({ actor: p.admin, accordId: accord.id, partyId: p.partyId, userId: p.signatory.id, position: "Rector" });
    }
    for (const p of parties) {
      const r = await approveVersion({ actor: p.admin, accordId: accord.id, partyId: p.partyId, version: 1 });
      if (r.documentHash) documentHash = r.documentHash;
    }
  }
  return { accordId: accord.id, documentHash };
}

export async function signWithPasskey(accordId: string, documentHash: string, p: PartyFixture, accordRead?: AccordRead) {
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
    accordRead,
  });
}

export async function signWithEmailCode(accordId: string, documentHash: string, p: PartyFixture) {
  const { nonce } = await requestSigningCode({ actor: p.signatory, accordId, partyId: p.partyId, documentHash });
  const mail = await db().outboxEmail.findFirstOrThrow({
    where: { to: p.signatory.email, template: "accordSigningCode" },
    orderBy: { createdAt: "desc" },
  });
  const code = (await emailText(mail)).match(/\b(\d{6})\b/)![1];
  return signWithCode({
    actor: p.signatory,
    accordId,
    partyId: p.partyId,
    documentHash,
    nonce,
    code,
    typedName: p.signatory.nameLatin,
    confirmed: true,
  });
}
