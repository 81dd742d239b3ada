import type { PdfInput } from "~/domain/accords/pdf.server";
import type { VerificationBundle } from "~/domain/accords/verification";
import type { ReceiptData, VisaLetterData } from "~/domain/registration/document-pdfs.server";

/** Documents with names in Latin, Chinese, Lao and Arabic, for the rendering and signature tests. */
export const LATIN = "Amara Okafor";
export const CHINESE = "王小明";
export const LAO = "ສົມພອນ";
export const ARABIC = "محمد";
export const TITLE = "International Conference on Excellent Engineering for Sustainable Cities and Regions 2027";

export const RECEIPT: ReceiptData = {
  number: "ICEE27-00042",
  issuer: "Chongqing University 重庆大学",
  conferenceTitle: TITLE,
  date: "12 March 2027, 10:15 (Asia/Shanghai)",
  reference: "REG-7Q4KD",
  payer: `${LATIN} (${CHINESE}) · amara@example.org`,
  payerOrganization: "National University of Laos ມະຫາວິທະຍາໄລແຫ່ງຊາດລາວ",
  payerTaxId: "LA-123456",
  item: "Registration: Speaker / 演讲者",
  rows: [
    ["Price / 价格", "CNY 1,200.00"],
    ["Total / 合计", "CNY 1,200.00"],
  ],
  totalLabel: "Total / 合计",
  currency: "CNY",
  method: "BANK_TRANSFER",
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
