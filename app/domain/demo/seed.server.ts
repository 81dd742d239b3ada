import type { OrgKind, OrgRole } from "~/generated/prisma/client";
import { hashPassword } from "~/domain/accounts/password.server";
import { db } from "~/utils/db.server";
import { seedAccordsDemo } from "./accords.server";
import { seedProgrammeDemo } from "./programme.server";
import { seedRegistrationDemo } from "./registration.server";

/**
 * Demo data drawn from the facts of the 2nd International Conference on
 * Excellent Engineer Training (Beijing, 27 September 2025): the three bodies
 * that co-signed the joint declaration on mutual recognition of graduate
 * engineering education, and the six pairs of universities that signed
 * cooperation agreements. People are invented; their accounts are listed in the README.
 */
export const DEMO_PASSWORD = "concord-demo-2025";

type OrgSeed = { slug: string; kind: OrgKind; nameEn: string; nameNative?: string; country: string; website?: string };

export const demoOrganizations: OrgSeed[] = [
  {
    slug: "cast",
    kind: "ENGINEERING_ASSOCIATION",
    nameEn: "China Association for Science and Technology",
    nameNative: "中国科学技术协会",
    country: "CN",
    website: "https://www.cast.org.cn",
  },
  {
    slug: "ceeaa",
    kind: "ACCREDITATION_BODY",
    nameEn: "China Engineering Education Accreditation Association",
    nameNative: "中国工程教育专业认证协会",
    country: "CN",
    website: "https://www.ceeaa.org.cn",
  },
  {
    slug: "iea",
    kind: "INTERNATIONAL_ALLIANCE",
    nameEn: "International Engineering Alliance",
    country: "NZ",
    website: "https://www.ieagreements.org",
  },
  { slug: "beihang", kind: "UNIVERSITY", nameEn: "Beihang University", nameNative: "北京航空航天大学", country: "CN" },
  { slug: "bjtu", kind: "UNIVERSITY", nameEn: "Beijing Jiaotong University", nameNative: "北京交通大学", country: "CN" },
  { slug: "csu", kind: "UNIVERSITY", nameEn: "Central South University", nameNative: "中南大学", country: "CN" },
  { slug: "scut", kind: "UNIVERSITY", nameEn: "South China University of Technology", nameNative: "华南理工大学", country: "CN" },
  { slug: "tongji", kind: "UNIVERSITY", nameEn: "Tongji University", nameNative: "同济大学", country: "CN" },
  { slug: "cqu", kind: "UNIVERSITY", nameEn: "Chongqing University", nameNative: "重庆大学", country: "CN" },
  {
    slug: "upv",
    kind: "UNIVERSITY",
    nameEn: "Polytechnic University of Valencia",
    nameNative: "Universitat Politècnica de València",
    country: "ES",
  },
  {
    slug: "uepg",
    kind: "UNIVERSITY",
    nameEn: "State University of Ponta Grossa",
    nameNative: "Universidade Estadual de Ponta Grossa",
    country: "BR",
  },
  { slug: "itb", kind: "UNIVERSITY", nameEn: "Bandung Institute of Technology", nameNative: "Institut Teknologi Bandung", country: "ID" },
  {
    slug: "unmsm",
    kind: "UNIVERSITY",
    nameEn: "National University of San Marcos",
    nameNative: "Universidad Nacional Mayor de San Marcos",
    country: "PE",
  },
  { slug: "uon", kind: "UNIVERSITY", nameEn: "University of Nairobi", country: "KE" },
  { slug: "nuol", kind: "UNIVERSITY", nameEn: "National University of Laos", nameNative: "ມະຫາວິທະຍາໄລແຫ່ງຊາດ", country: "LA" },
];

/** The six cooperation pairs signed in Beijing (Chinese university → partner). */
export const demoPartnerships: [string, string][] = [
  ["beihang", "upv"],
  ["bjtu", "uepg"],
  ["csu", "itb"],
  ["scut", "unmsm"],
  ["tongji", "uon"],
  ["cqu", "nuol"],
];

type PersonSeed = {
  email: string;
  nameLatin: string;
  nameNative?: string;
  title?: string;
  locale: "en" | "zh";
  memberships?: { org: string; roles: OrgRole[]; position?: string }[];
  conferenceRoles?: ("ORGANIZER" | "REVIEWER" | "CHECKIN")[];
};

export const demoPeople: PersonSeed[] = [
  {
    email: "organizer@concord.test",
    nameLatin: "Wang Min",
    nameNative: "王敏",
    title: "Programme director",
    locale: "zh",
    memberships: [{ org: "cast", roles: ["ADMIN"], position: "Programme director" }],
    conferenceRoles: ["ORGANIZER"],
  },
  {
    email: "reviewer@concord.test",
    nameLatin: "Elena Torres",
    title: "Professor",
    locale: "en",
    memberships: [{ org: "upv", roles: [] }],
    conferenceRoles: ["REVIEWER"],
  },
  { email: "checkin@concord.test", nameLatin: "Zhao Lei", nameNative: "赵磊", locale: "zh", conferenceRoles: ["CHECKIN"] },
  {
    email: "attendee@concord.test",
    nameLatin: "Amina Wanjiru",
    title: "Lecturer in Civil Engineering",
    locale: "en",
    memberships: [{ org: "uon", roles: [] }],
  },
  {
    email: "ceeaa.signatory@concord.test",
    nameLatin: "Chen Hua",
    nameNative: "陈华",
    title: "Secretary-General",
    locale: "zh",
    memberships: [{ org: "ceeaa", roles: ["ADMIN", "SIGNATORY"], position: "Secretary-General" }],
  },
  {
    email: "iea.signatory@concord.test",
    nameLatin: "Margaret Hughes",
    title: "Chair",
    locale: "en",
    memberships: [{ org: "iea", roles: ["ADMIN", "SIGNATORY"], position: "Chair" }],
  },
  {
    email: "beihang.admin@concord.test",
    nameLatin: "Liu Yang",
    nameNative: "刘洋",
    title: "Director of International Affairs",
    locale: "zh",
    memberships: [{ org: "beihang", roles: ["ADMIN", "SIGNATORY"], position: "Director of International Affairs" }],
  },
  {
    email: "upv.admin@concord.test",
    nameLatin: "Jordi Puig",
    title: "Vice-Rector for Internationalisation",
    locale: "en",
    memberships: [{ org: "upv", roles: ["ADMIN", "SIGNATORY"], position: "Vice-Rector" }],
  },
];

export const DEMO_CONFERENCE_SLUG = "icete-2025";

export async function seedDemo() {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const conference = await db().$transaction(
    async (tx) => {
      const orgIds = new Map<string, string>();
      for (const org of demoOrganizations) {
        const row = await tx.organization.upsert({ where: { slug: org.slug }, update: {}, create: org });
        orgIds.set(org.slug, row.id);
      }
      const conference = await tx.conference.upsert({
        where: { slug: DEMO_CONFERENCE_SLUG },
        update: {},
        create: {
          slug: DEMO_CONFERENCE_SLUG,
          orgId: orgIds.get("cast")!,
          title: "2nd International Conference on Excellent Engineer Training",
          titleZh: "第二届卓越工程师培养国际会议",
          edition: 2,
          startDate: new Date("2025-09-27"),
          endDate: new Date("2025-09-27"),
          venue: "Beijing conference venue",
          city: "Beijing",
          country: "CN",
          timeZone: "Asia/Shanghai",
          description:
            "Ministers, rectors and accreditation bodies meet to share how engineers are trained, from the integration of science, industry and education to quality standards for the age of artificial intelligence. The conference closes with a joint declaration on mutual recognition of graduate engineering education and six bilateral cooperation agreements between universities.",
          descriptionZh:
            "各国教育部门、大学校长和认证机构齐聚一堂，交流卓越工程师培养经验，涵盖科教融汇、产教融合以及智能时代的质量标准。会议最后将签署研究生层次工程教育国际互认联合宣言，以及六项大学间双边合作协议。",
          defaultLocale: "zh",
          status: "PUBLISHED",
          currency: "CNY",
        },
      });
      for (const person of demoPeople) {
        const user = await tx.user.upsert({
          where: { email: person.email },
          update: {},
          create: {
            email: person.email,
            nameLatin: person.nameLatin,
            nameNative: person.nameNative,
            title: person.title,
            locale: person.locale,
            passwordHash,
            emailVerifiedAt: new Date(),
          },
        });
        for (const m of person.memberships ?? []) {
          await tx.membership.upsert({
            where: { orgId_userId: { orgId: orgIds.get(m.org)!, userId: user.id } },
            update: {},
            create: { orgId: orgIds.get(m.org)!, userId: user.id, roles: m.roles, position: m.position },
          });
        }
        for (const role of person.conferenceRoles ?? []) {
          await tx.conferenceRole.upsert({
            where: { conferenceId_userId_role: { conferenceId: conference.id, userId: user.id, role } },
            update: {},
            create: { conferenceId: conference.id, userId: user.id, role },
          });
        }
      }
      await tx.auditEvent.create({
        data: { actorId: null, action: "demo.seeded", entityType: "Conference", entityId: conference.id },
      });
      return conference;
    },
    { timeout: 60_000 },
  );
  // Each area seeds its own demo data (tickets, programme, accords) in its own module.
  const ctx = { conferenceId: conference.id };
  await seedRegistrationDemo(ctx);
  await seedProgrammeDemo(ctx);
  await seedAccordsDemo(ctx);
}
