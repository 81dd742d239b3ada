import type { OrgKind, OrgRole } from "~/generated/prisma/client";

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

/**
 * The person who handles each bilateral agreement at the other universities (invented, plausible names:
 * the demo's signatories read like people, not "Tongji University Admin"). Native-script names only where
 * the person writes their name that way.
 */
export const demoUniversityContacts: Record<string, { nameLatin: string; nameNative?: string; position: string; locale: "en" | "zh" }> = {
  bjtu: { nameLatin: "Zhang Wei", nameNative: "张伟", position: "Dean of International Cooperation", locale: "zh" },
  csu: { nameLatin: "Li Na", nameNative: "李娜", position: "Director, Office of International Affairs", locale: "zh" },
  scut: { nameLatin: "Huang Jun", nameNative: "黄俊", position: "Vice-President", locale: "zh" },
  tongji: { nameLatin: "Xu Jing", nameNative: "徐静", position: "Director of International Exchange", locale: "zh" },
  cqu: { nameLatin: "Tang Qiang", nameNative: "唐强", position: "Vice-President", locale: "zh" },
  uepg: { nameLatin: "Ana Carolina Souza", position: "Pro-Rector for Research and Graduate Studies", locale: "en" },
  itb: { nameLatin: "Budi Santoso", position: "Director of Partnerships", locale: "en" },
  unmsm: { nameLatin: "Rosa Quispe Huamán", position: "Vice-Rector for Research", locale: "en" },
  uon: { nameLatin: "Peter Otieno", position: "Deputy Vice-Chancellor", locale: "en" },
  nuol: { nameLatin: "Souksavanh Phommachanh", nameNative: "ສຸກສະຫວັນ ພົມມະຈັນ", position: "Director of External Relations", locale: "en" },
};

export const DEMO_CONFERENCE_SLUG = "icete-2025";

/** The invented next edition, dated relative to the day the demo is seeded (next-edition.server.ts). */
export const DEMO_NEXT_CONFERENCE_SLUG = "icete-next";
