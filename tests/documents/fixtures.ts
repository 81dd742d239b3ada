import type { PdfInput } from "~/domain/accords/pdf.server";
import type { VerificationBundle } from "~/domain/accords/verification";
import type { VisaLetterData } from "~/domain/registration/document-pdfs.server";
import type { InvoiceSnapshot } from "~/domain/registration/invoices.server";

/** Documents with names in Latin, Chinese, Lao and Arabic, for the rendering and signature tests. */
export const LATIN = "Amara Okafor";
export const CHINESE = "王小明";
export const LAO = "ສົມພອນ";
export const ARABIC = "محمد";
export const TITLE = "International Conference on Excellent Engineering for Sustainable Cities and Regions 2027";

/** An invoice at 6 % tax included, with a voucher line; the buyer's organization in Lao script. */
export const INVOICE: InvoiceSnapshot = {
  kind: "INVOICE",
  number: "ICEE27-00042",
  issuedOn: "2027-03-12",
  timeZone: "Asia/Shanghai",
  seller: {
    name: "Chongqing University Conference Office",
    nameNative: "重庆大学会议办公室",
    address: "174 Shazheng Street, Shapingba District, Chongqing 400044, China",
    taxId: "12100000450482438D",
  },
  buyer: {
    name: `${LATIN} (${CHINESE})`,
    email: "amara@example.org",
    organization: "National University of Laos ມະຫາວິທະຍາໄລແຫ່ງຊາດລາວ",
    address: "Dongdok Campus, Vientiane, Lao PDR",
    taxId: "LA-123456",
  },
  conferenceTitle: TITLE,
  conferenceTitleZh: "可持续城市卓越工程国际会议",
  reference: "REG-7Q4KD",
  lines: [
    {
      description: "Registration: Speaker",
      descriptionZh: "注册：演讲者",
      netCents: 1500_00,
      taxRateBasisPoints: 600,
      taxCents: 90_00,
      grossCents: 1590_00,
    },
    {
      description: "Voucher discount",
      descriptionZh: "优惠券折扣",
      netCents: -367_92,
      taxRateBasisPoints: 600,
      taxCents: -22_08,
      grossCents: -390_00,
    },
  ],
  netCents: 1132_08,
  taxCents: 67_92,
  grossCents: 1200_00,
  currency: "CNY",
  taxExemptReason: null,
  method: "BANK_TRANSFER",
  paid: true,
  credits: null,
};

/** The credit note cancelling INVOICE, zero-rated variant not needed: negated lines and a reference to the invoice. */
export const CREDIT_NOTE: InvoiceSnapshot = {
  ...INVOICE,
  kind: "CREDIT_NOTE",
  number: "ICEE27-00057",
  issuedOn: "2027-04-02",
  lines: INVOICE.lines.map((l) => ({ ...l, netCents: -l.netCents, taxCents: -l.taxCents, grossCents: -l.grossCents })),
  netCents: -INVOICE.netCents,
  taxCents: -INVOICE.taxCents,
  grossCents: -INVOICE.grossCents,
  paid: false,
  credits: { number: INVOICE.number, issuedOn: INVOICE.issuedOn },
};

export const VISA_LETTER: VisaLetterData = {
  issuer: "Chongqing University",
  issuerNative: "重庆大学",
  issuerLine: "https://www.cqu.edu.cn · China",
  date: "1 March 2027",
  body: [`We are pleased to invite ${LATIN}, passport number P1234567, to attend ${TITLE}.`],
  closing: `Organizers of ${TITLE}`,
  verificationCode: "VL-8J2K-QP",
  verifyUrl: "https://concord.example.org/visa-letters/VL-8J2K-QP",
};

function auditEntry(
  seq: number,
  at: string,
  type: string,
  data: Record<string, string | number>,
  actorName: string,
  actorRef = "ref-admin",
) {
  return { seq, at, actorRef, actorName, type, data, privateHash: "", prevHash: "", hash: String(seq).repeat(64).slice(0, 64) };
}

export function accordInput(): PdfInput {
  const hash = "a".repeat(64);
  const bundle: VerificationBundle = {
    format: "concord-accord-bundle/1" as VerificationBundle["format"],
    accordId: "00000000-0000-4000-8000-000000000001",
    view: "public",
    status: "EXECUTED",
    timeZone: "Asia/Shanghai",
    document: { version: 1, hash, canonical: "{}" },
    versions: [],
    signatures: [
      {
        partyId: "p1",
        signerId: "s1",
        signerName: "Li Wei 李伟",
        signerRole: "President",
        orgName: "Chongqing University 重庆大学",
        method: "PASSKEY",
        signedAt: "2027-03-01T08:00:00.000Z",
        documentHash: hash,
        nonce: "n",
        challenge: "c",
        credentialId: null,
        publicKey: null,
      } as unknown as VerificationBundle["signatures"][number],
      {
        partyId: "p2",
        signerRef: "ref-b",
        signerName: CHINESE,
        signerRole: "Vice President",
        orgName: "National University of Laos ມະຫາວິທະຍາໄລແຫ່ງຊາດລາວ",
        method: "PASSKEY",
        signedAt: "2027-03-01T08:00:00.000Z",
        documentHash: hash,
        nonce: "n2",
        challenge: "c2",
        credentialId: null,
        publicKey: null,
      } as unknown as VerificationBundle["signatures"][number],
    ],
    // Laos's signature was delegated before signing: the certificate page names both people and when.
    audit: [
      auditEntry(1, "2027-02-01T02:00:00.000Z", "signatory.designated", { partyId: "p2", userRef: "ref-a", name: LATIN }, "Keo Phomma"),
      auditEntry(2, "2027-02-10T02:00:00.000Z", "version.approved", { partyId: "p2", orgId: "o2", version: 1 }, "Keo Phomma"),
      auditEntry(
        3,
        "2027-02-20T03:00:00.000Z",
        "signatory.delegated",
        { partyId: "p2", fromUserRef: "ref-a", toUserRef: "ref-b", name: CHINESE },
        "Keo Phomma",
      ),
      auditEntry(4, "2027-03-01T08:00:00.000Z", "signed", { partyId: "p2", orgId: "o2", method: "PASSKEY" }, CHINESE, "ref-b"),
    ],
    seal: null,
    pdfHash: null,
  };
  return {
    bundle,
    seal: { keyId: "test-key", chainHead: "b".repeat(64), chainLength: 12 },
    executedAt: new Date("2027-03-01T09:00:00Z"),
    verifyUrl: "https://concord.example.org/verify",
    document: {
      accordId: bundle.accordId,
      kind: "BILATERAL_AGREEMENT",
      version: 1,
      languages: ["en", "zh"],
      title: { en: "Agreement on Academic Cooperation", zh: "学术合作协议" },
      parties: [
        { position: 1, orgId: "o1", name: "Chongqing University", nameNative: "重庆大学", country: "CN", role: "PARTY", signingGroup: 1 },
        {
          position: 2,
          orgId: "o2",
          name: "National University of Laos",
          nameNative: "ມະຫາວິທະຍາໄລແຫ່ງຊາດລາວ",
          country: "LA",
          role: "PARTY",
          signingGroup: 1,
        },
      ],
      clauses: [
        { number: 1, text: { en: "The parties exchange students and staff every year.", zh: "双方每年交换学生和教职员工。" } },
        { number: 2, text: { en: "This agreement enters into force on signature.", zh: "本协议自签署之日起生效。" } },
      ],
    },
  };
}
