import { describe, expect, it } from "vitest";
import { renderExecutedPdf } from "~/domain/accords/pdf.server";
import type { VerificationBundle } from "~/domain/accords/verification";
import { renderBadges, renderReceipt, renderVisaLetter, type BadgeData } from "~/domain/registration/document-pdfs.server";
import { fuzzyContains, readPages, renderPages, squash } from "./see";

/**
 * Every document type is rendered by poppler and read back by OCR: the names must be visible in
 * Latin, Chinese, Lao and Arabic (right to left), not just present in the text layer. On the PDFs
 * Concord made before decision 056 (damaged font subsets, no Lao or Arabic font) these fail.
 */
const LATIN = "Amara Okafor";
const CHINESE = "王小明";
const LAO = "ສົມພອນ";
const ARABIC = "محمد";
const TITLE = "International Conference on Excellent Engineering for Sustainable Cities and Regions 2027";

/** Each expected text is on the page, allowing one misread character in five (OCR, not the page). */
function expectVisible(pages: string[], expected: string[]) {
  const seen = squash(pages.join("\n"));
  const missing = expected.filter((e) => !fuzzyContains(seen, squash(e), Math.floor([...squash(e)].length / 5)));
  expect(missing, `not visible in: ${seen}`).toEqual([]);
}

const badge = (over: Partial<BadgeData> = {}): BadgeData => ({
  conferenceTitle: TITLE,
  conferenceTitleNative: "可持续城市卓越工程国际会议",
  dates: "12 May 2027 – 14 May 2027 · Chongqing",
  nameLatin: LATIN,
  nameNative: CHINESE,
  organization: "National University of Laos",
  ticketType: "Speaker",
  code: "B7Q-4KD-9XT",
  ...over,
});

describe("documents as a person sees them", { timeout: 240_000 }, () => {
  it("badge (A6): whole title, names in Latin, Chinese, Lao and Arabic, organization, ticket", async () => {
    const pdf = await renderBadges(
      [badge(), badge({ nameLatin: "Somphone Vongsavanh", nameNative: LAO }), badge({ nameLatin: "Mohammed Haddad", nameNative: ARABIC })],
      "single",
      "Badges",
    );
    const pngs = renderPages(pdf, "badge-single");
    expect(pngs).toHaveLength(3);
    expectVisible(readPages([pngs[0]], ["eng", "chi_sim"]), [LATIN, CHINESE, "Regions 2027", "National University of Laos", "Speaker"]);
    expectVisible(readPages([pngs[1]], ["lao"]), [LAO]);
    expectVisible(readPages([pngs[2]], ["ara"]), [ARABIC]);
  });

  it("badge sheet (A4, four to a page): every badge on its page", async () => {
    const names = ["Amara Okafor", "Lucia Fernandez", "Kenji Watanabe", "Ingrid Larsen", "Pierre Dubois"];
    const pdf = await renderBadges(
      names.map((n) => badge({ nameLatin: n, nameNative: null })),
      "sheet",
      "Badges",
    );
    const pngs = renderPages(pdf, "badge-sheet");
    expect(pngs).toHaveLength(2);
    const pages = readPages(pngs, ["eng"]);
    expectVisible([pages[0]], names.slice(0, 4));
    expectVisible([pages[1]], names.slice(4));
  });

  it("receipt: payer in Latin and Chinese, amounts, payment method in words", async () => {
    const pdf = await renderReceipt({
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
    });
    const pngs = renderPages(pdf, "receipt");
    const pages = readPages(pngs, ["eng+chi_sim", "lao"]);
    expectVisible(pages, [LATIN, CHINESE, "重庆大学", "ICEE27-00042", "Bank transfer", "1,200.00", "ມະຫາວິທະຍາໄລ"]);
    expect(squash(pages.join(""))).not.toContain("bank_transfer");
  });

  it("visa letter: passport name and the conference", async () => {
    const pdf = await renderVisaLetter({
      issuer: "Chongqing University",
      issuerNative: "重庆大学",
      issuerLine: "https://www.cqu.edu.cn · China",
      date: "1 March 2027",
      body: [`We are pleased to invite ${LATIN}, passport number P1234567, to attend ${TITLE}.`],
      closing: `Organizers of ${TITLE}`,
      verificationCode: "VL-8J2K-QP",
      verifyUrl: "https://concord.example.org/visa-letters/VL-8J2K-QP",
    });
    const pngs = renderPages(pdf, "visa-letter");
    expectVisible(readPages(pngs, ["eng+chi_sim"]), [LATIN, "重庆大学", "LETTER OF INVITATION", "P1234567", "VL-8J2K-QP"]);
  });

  it("executed accord: parties in Latin, Chinese and Lao, clauses in both languages", async () => {
    const hash = "a".repeat(64);
    const bundle: VerificationBundle = {
      format: "concord-accord-bundle/1" as VerificationBundle["format"],
      accordId: "00000000-0000-4000-8000-000000000001",
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
        } as VerificationBundle["signatures"][number],
      ],
      audit: [],
      seal: null,
      pdfHash: null,
    };
    const pdf = await renderExecutedPdf({
      bundle,
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
    });
    const pngs = renderPages(pdf, "accord");
    const pages = readPages(pngs, ["eng+chi_sim", "lao"]);
    expectVisible(pages, [
      "Agreement on Academic Cooperation",
      "学术合作协议",
      "Chongqing University",
      "重庆大学",
      "National University of Laos",
      "ມະຫາວິທະຍາໄລ",
      "双方每年交换学生",
      "exchange students",
      "Li Wei",
    ]);
  });
});
