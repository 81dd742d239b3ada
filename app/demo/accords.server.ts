import { approveVersion } from "~/domain/accords/approve-version.server";
import { loadKeyedClauses } from "~/domain/accords/accord-page.server";
import { decideAmendment, proposeAmendment } from "~/domain/accords/amendments.server";
import { commentOnClause } from "~/domain/accords/comment-on-clause.server";
import { createAccord } from "~/domain/accords/create-accord.server";
import { decideConferenceLink } from "~/domain/accords/decide-conference-link.server";
import { designateSignatory } from "~/domain/accords/signatories.server";
import { completePasskeySigning, requestSigningCode, signWithCode, startPasskeySigning } from "~/domain/accords/sign-accord.server";
import { relyingParty } from "~/domain/accords/webauthn.server";
import { atTime } from "~/utils/clock.server";
import { hashPassword } from "~/domain/accounts/password.server";
import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { DEMO_PASSWORD, demoOrganizations, demoUniversityContacts } from "./facts";
import { SoftAuthenticator } from "./soft-authenticator";

/**
 * Demo data of the accords area, loaded after the organizations, people and
 * conference of seed.server.ts, through the real domain operations so every
 * hash, chain entry and seal is genuine:
 * - the joint declaration of CAST, CEEAA and the IEA on mutual recognition of
 *   graduate engineering education (English and Chinese): drafted, amended,
 *   approved, signed and executed;
 * - the six bilateral cooperation agreements signed in Beijing, in drafting or
 *   awaiting signatures (beihang–upv awaits both signatures: the browser test signs it).
 * Texts are written for the demo from the public facts of the conference.
 */
const DECLARATION_TITLE = "Joint Declaration on Mutual Recognition of Graduate Engineering Education";

const declaration = [
  {
    en: "The China Association for Science and Technology, the China Engineering Education Accreditation Association and the International Engineering Alliance (the Parties) meet in Beijing at the second International Conference on Excellent Engineer Training, on 27 September 2025.",
    zh: "中国科学技术协会、中国工程教育专业认证协会与国际工程联盟（以下简称“各方”）于 2025 年 9 月 27 日在北京举行的第二届卓越工程师培养国际会议期间会晤。",
  },
  {
    en: "The Parties note that the international recognition of engineering qualifications today covers first degrees, and that no common benchmark yet exists for the quality of master's and doctoral training of engineers.",
    zh: "各方注意到，现行工程资历国际互认主要覆盖本科层次，硕士和博士层次的工程人才培养尚无共同的质量基准。",
  },
  {
    en: "The Parties will work together towards an international mutual recognition agreement for graduate-level engineering education, open to accreditation bodies of every region.",
    zh: "各方将共同推动建立研究生层次工程教育国际互认协议，并向各地区的认证机构开放。",
  },
  {
    en: "The Parties will jointly develop quality standards for graduate engineering education that lead to excellence, drawing on the integration of science and education and of industry and education.",
    zh: "各方将依托科教融汇与产教融合，共同制定引领卓越的研究生工程教育质量标准。",
  },
  {
    en: "The Parties will explore together how engineering education must change in the age of artificial intelligence, and will share their findings openly.",
    zh: "各方将共同探索智能时代工程教育改革的新路径，并公开分享研究成果。",
  },
  {
    en: "The Parties will build an open and inclusive network for international cooperation in engineering education, so that engineers can help address artificial intelligence, climate change and sustainable development.",
    zh: "各方将构建开放包容的工程教育国际合作网络，培养能够应对人工智能、气候变化和可持续发展挑战的高水平工程人才。",
  },
  {
    en: "This declaration is made in English and Chinese; both texts are equally authentic.",
    zh: "本宣言以英文和中文写成，两种文本同等作准。",
  },
];

function bilateral(a: string, b: string) {
  return [
    {
      en: `${a} and ${b} agree to cooperate closely in the training of excellent engineers.`,
      zh: `${a}与${b}同意在卓越工程师培养方面开展紧密合作。`,
    },
    {
      en: "The two universities will exchange graduate students and faculty in engineering, and recognize credits earned at the partner university under agreed programmes.",
      zh: "双方将开展工科研究生与教师交流，并按约定项目互认在对方学校获得的学分。",
    },
    {
      en: "They will develop joint projects with industry partners, so that students learn from real engineering problems.",
      zh: "双方将与行业伙伴共同开展合作项目，使学生在真实工程问题中学习。",
    },
    {
      en: "Each university names a coordinator; the coordinators review the cooperation every year and propose its next steps.",
      zh: "双方各指定一名协调人，每年共同评估合作进展并提出下一步计划。",
    },
    {
      en: "This agreement takes effect when both universities have signed it and remains in force for five years.",
      zh: "本协议自双方签署之日起生效，有效期五年。",
    },
  ];
}

const BILATERALS: { pair: [string, string]; state: "drafting" | "signing" | "half-signed" }[] = [
  { pair: ["beihang", "upv"], state: "signing" },
  { pair: ["bjtu", "uepg"], state: "drafting" },
  { pair: ["csu", "itb"], state: "signing" },
  { pair: ["scut", "unmsm"], state: "drafting" },
  { pair: ["tongji", "uon"], state: "half-signed" },
  { pair: ["cqu", "nuol"], state: "drafting" },
];

async function sessionUser(email: string): Promise<SessionUser> {
  const u = await db().user.findUniqueOrThrow({ where: { email } });
  return {
    id: u.id,
    email: u.email,
    nameLatin: u.nameLatin,
    nameNative: u.nameNative,
    locale: u.locale,
    emailVerified: true,
    sessionId: "00000000-0000-0000-0000-000000000000",
  };
}

/** An admin-and-signatory for every university that has no demo person yet (e.g. bjtu.admin@concord.test). */
async function ensureAdmins(orgIds: Map<string, string>) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const slug of BILATERALS.flatMap((b) => b.pair)) {
    const orgId = orgIds.get(slug)!;
    const has = await db().membership.findFirst({ where: { orgId, roles: { has: "ADMIN" } }, select: { userId: true } });
    if (has) continue;
    const person = demoUniversityContacts[slug];
    const user = await db().user.upsert({
      where: { email: `${slug}.admin@concord.test` },
      update: {},
      create: {
        email: `${slug}.admin@concord.test`,
        nameLatin: person.nameLatin,
        nameNative: person.nameNative ?? null,
        title: person.position,
        locale: person.locale,
        passwordHash,
        emailVerifiedAt: new Date(),
      },
    });
    await db().membership.create({ data: { orgId, userId: user.id, roles: ["ADMIN", "SIGNATORY"], position: person.position } });
  }
}

async function adminOf(orgId: string) {
  const m = await db().membership.findFirstOrThrow({
    where: { orgId, roles: { has: "ADMIN" } },
    orderBy: { createdAt: "asc" },
    select: { user: { select: { email: true } } },
  });
  return sessionUser(m.user.email);
}

async function signByCode(accordId: string, documentHash: string, partyId: string, signer: SessionUser) {
  const { nonce } = await requestSigningCode({ actor: signer, accordId, partyId, documentHash });
  const mail = await db().outboxEmail.findFirstOrThrow({
    where: { to: signer.email, template: "accordSigningCode" },
    orderBy: { createdAt: "desc" },
  });
  const { code } = mail.props as { code: string };
  await signWithCode({ actor: signer, accordId, partyId, documentHash, nonce, code, typedName: signer.nameLatin, confirmed: true });
}

/**
 * Signs as the signatory did at the ceremony, with a passkey: a software
 * authenticator registered for the demo person on this deployment's relying
 * party (its private key is not kept; the person can add their own passkey).
 */
async function signByPasskey(accordId: string, documentHash: string, partyId: string, signer: SessionUser) {
  const rp = relyingParty();
  const authenticator = new SoftAuthenticator(rp.rpId, rp.origin);
  await db().webAuthnCredential.create({
    data: {
      userId: signer.id,
      credentialId: authenticator.id,
      publicKey: authenticator.cosePublicKey,
      name: "Ceremony passkey (demo)",
      transports: ["internal"],
    },
  });
  const { nonce, options } = await startPasskeySigning({ actor: signer, accordId, partyId, documentHash });
  const response = authenticator.assert(options.challenge);
  await completePasskeySigning({ actor: signer, accordId, partyId, documentHash, nonce, response, confirmed: true });
}

/** A moment of the 2025 conference, Beijing time (UTC+8). */
const beijing = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);

async function freeze(accordId: string, parties: { partyId: string; admin: SessionUser; signatory: SessionUser; position: string }[]) {
  for (const p of parties)
    await designateSignatory({ actor: p.admin, accordId, partyId: p.partyId, userId: p.signatory.id, position: p.position });
  const version = (await db().accord.findUniqueOrThrow({ where: { id: accordId }, select: { currentVersion: true } })).currentVersion;
  let hash = "";
  for (const p of parties) hash = (await approveVersion({ actor: p.admin, accordId, partyId: p.partyId, version })).documentHash ?? hash;
  return hash;
}

export async function seedAccordsDemo({ conferenceId }: { conferenceId: string }) {
  if (await db().accord.findFirst({ where: { title: DECLARATION_TITLE }, select: { id: true } })) return;
  const startedAt = new Date();
  const orgs = await db().organization.findMany({
    where: { slug: { in: demoOrganizations.map((o) => o.slug) } },
    select: { id: true, slug: true, nameEn: true, nameNative: true },
  });
  const orgIds = new Map(orgs.map((o) => [o.slug, o.id]));
  const names = new Map(orgs.map((o) => [o.slug, o]));
  await ensureAdmins(orgIds);

  // The joint declaration: drafted, commented, amended, approved, signed, executed.
  const cast = await sessionUser("organizer@concord.test");
  const ceeaa = await sessionUser("ceeaa.signatory@concord.test");
  const iea = await sessionUser("iea.signatory@concord.test");
  const draft = declaration.map((c, i) =>
    i === 3
      ? { en: "The Parties will develop quality standards for graduate engineering education.", zh: "各方将制定研究生工程教育质量标准。" }
      : c,
  );
  // The history of the declaration, replayed with the dates it had: drafted in
  // September 2025, signed with passkeys at the ceremony on the 27th (Beijing time).
  const jd = await atTime(beijing("2025-09-08", "10:00"), () =>
    createAccord({
      actor: cast,
      initiatorOrgId: orgIds.get("cast")!,
      kind: "JOINT_DECLARATION",
      title: DECLARATION_TITLE,
      titleZh: "关于研究生层次工程教育国际互认的联合声明",
      conferenceId,
      languages: ["en", "zh"],
      partyOrgIds: [orgIds.get("ceeaa")!, orgIds.get("iea")!],
      clauses: draft,
    }),
  );
  const jdClauses = await loadKeyedClauses(jd.id, 1);
  await atTime(beijing("2025-09-10", "15:20"), () =>
    commentOnClause({
      actor: iea,
      accordId: jd.id,
      clauseKey: jdClauses[2].key,
      body: "The IEA suggests stating that the agreement will be open to accreditation bodies of every region.",
    }),
  );
  await atTime(beijing("2025-09-15", "09:30"), async () => {
    const amendment = await proposeAmendment({
      actor: ceeaa,
      accordId: jd.id,
      clauseKey: jdClauses[3].key,
      texts: { en: declaration[3].en },
      rationale: "Name the integration of science, industry and education, as in the minister's initiatives.",
    });
    await decideAmendment({ actor: cast, accordId: jd.id, amendmentId: amendment.id, decision: "accept" });
  });
  await atTime(beijing("2025-09-16", "11:00"), async () => {
    const amendmentZh = await proposeAmendment({
      actor: ceeaa,
      accordId: jd.id,
      clauseKey: jdClauses[3].key,
      texts: { zh: declaration[3].zh },
    });
    await decideAmendment({ actor: cast, accordId: jd.id, amendmentId: amendmentZh.id, decision: "accept" });
  });
  const jdParties = await db().accordParty.findMany({ where: { accordId: jd.id }, select: { id: true, orgId: true } });
  const partyOf = (slug: string) => jdParties.find((p) => p.orgId === orgIds.get(slug))!.id;
  const jdHash = await atTime(beijing("2025-09-22", "17:00"), () =>
    freeze(jd.id, [
      { partyId: partyOf("cast"), admin: cast, signatory: cast, position: "Programme director" },
      { partyId: partyOf("ceeaa"), admin: ceeaa, signatory: ceeaa, position: "Secretary-General" },
      { partyId: partyOf("iea"), admin: iea, signatory: iea, position: "Chair" },
    ]),
  );
  for (const [slug, signer, time] of [
    ["cast", cast, "16:40"],
    ["ceeaa", ceeaa, "16:42"],
    ["iea", iea, "16:44"],
  ] as const)
    await atTime(beijing("2025-09-27", time), () => signByPasskey(jd.id, jdHash, partyOf(slug), signer));

  // The six bilateral agreements.
  for (const { pair, state } of BILATERALS) {
    const [a, b] = pair.map((s) => names.get(s)!);
    const adminA = await adminOf(a.id);
    const adminB = await adminOf(b.id);
    const accord = await createAccord({
      actor: adminA,
      initiatorOrgId: a.id,
      kind: "BILATERAL_AGREEMENT",
      title: `Cooperation agreement on the training of excellent engineers: ${a.nameEn} and ${b.nameEn}`,
      titleZh: `卓越工程师培养合作协议：${a.nameNative ?? a.nameEn}与${b.nameNative ?? b.nameEn}`,
      conferenceId,
      languages: ["en", "zh"],
      partyOrgIds: [b.id],
      signingEndsOn: new Date(Date.now() + 180 * 24 * 3600_000).toISOString().slice(0, 10),
      clauses: bilateral(a.nameEn, b.nameEn).map((c, i) =>
        i === 0 ? { en: c.en, zh: `${a.nameNative ?? a.nameEn}与${b.nameNative ?? b.nameEn}同意在卓越工程师培养方面开展紧密合作。` } : c,
      ),
    });
    // The universities asked to be shown at the conference; its organizer accepted (decision 042).
    await decideConferenceLink({ actor: cast, conferenceId, accordId: accord.id, accept: true });
    if (state === "drafting") {
      await commentOnClause({
        actor: adminB,
        accordId: accord.id,
        clauseKey: (await loadKeyedClauses(accord.id, 1))[1].key,
        body: "Could we list the engineering programmes covered by the credit recognition in an annex?",
      });
      continue;
    }
    const parties = await db().accordParty.findMany({ where: { accordId: accord.id }, orderBy: { position: "asc" }, select: { id: true } });
    const hash = await freeze(accord.id, [
      { partyId: parties[0].id, admin: adminA, signatory: adminA, position: "International Office" },
      { partyId: parties[1].id, admin: adminB, signatory: adminB, position: "International Office" },
    ]);
    if (state === "half-signed") await signByCode(accord.id, hash, parties[0].id, adminA);
  }
  // The demo's history is not news: keep its notifications out of the demo mailbox.
  await db().outboxEmail.deleteMany({ where: { template: { in: ["accordEvent", "accordSigningCode"] }, createdAt: { gte: startedAt } } });
}
