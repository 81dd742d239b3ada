import { describe, expect, it } from "vitest";
import { renderExecutedPdf } from "~/domain/accords/pdf.server";
import { renderBadges, renderVisaLetter, type BadgeData } from "~/domain/registration/document-pdfs.server";
import { renderInvoice } from "~/domain/registration/invoice-pdf.server";
import { accordInput, ARABIC, CHINESE, CREDIT_NOTE, INVOICE, LAO, LATIN, TITLE, VISA_LETTER } from "./fixtures";
import { fuzzyContains, readPages, renderPages, squash } from "./see";

/**
 * Every document type is rendered by poppler and read back by OCR: the names must be visible in
 * Latin, Chinese, Lao and Arabic (right to left), not just present in the text layer. On the PDFs
 * Concord made before decision 056 (damaged font subsets, no Lao or Arabic font) these fail.
 */
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

  it("invoice (receipt): seller and buyer with tax IDs, lines with net, rate and tax, gross total, method in words", async () => {
    const pdf = await renderInvoice(INVOICE);
    const pngs = renderPages(pdf, "invoice");
    expect(pngs).toHaveLength(1);
    const pages = readPages(pngs, ["eng+chi_sim", "lao"]);
    expectVisible(pages, [
      "INVOICE",
      "ICEE27-00042",
      "Chongqing University Conference Office",
      "12100000450482438D",
      LATIN,
      CHINESE,
      "LA-123456",
      "ມະຫາວິທະຍາໄລ",
      "Registration: Speaker",
      "1,132.08",
      "6 %",
      "67.92",
      "1,200.00",
      "Bank transfer",
      "银行转账",
      "Paid in full",
    ]);
    expect(squash(pages.join(""))).not.toContain("bank_transfer");
  });

  it("zero-rated invoice states why no tax is charged", async () => {
    const lines = [{ ...INVOICE.lines[0], netCents: 1200_00, taxRateBasisPoints: 0, taxCents: 0, grossCents: 1200_00 }];
    const pdf = await renderInvoice({
      ...INVOICE,
      lines,
      netCents: 1200_00,
      taxCents: 0,
      taxExemptReason: "VAT exempt (educational conference)",
    });
    expectVisible(readPages(renderPages(pdf, "invoice-zero-rated"), ["eng"]), ["VAT exempt (educational conference)", "0 %"]);
  });

  it("credit note: its own number, the invoice it cancels, negative amounts, in both languages", async () => {
    const pdf = await renderInvoice(CREDIT_NOTE);
    const pngs = renderPages(pdf, "credit-note");
    const pages = readPages(pngs, ["eng+chi_sim"]);
    expectVisible(pages, [
      "CREDIT NOTE",
      "贷项通知单",
      "ICEE27-00057",
      "Cancels invoice",
      "ICEE27-00042",
      "-CN¥1,200.00",
      LATIN,
      CHINESE,
      "冲销",
    ]);
  });

  it("visa letter: passport name and the conference", async () => {
    const pdf = await renderVisaLetter(VISA_LETTER);
    const pngs = renderPages(pdf, "visa-letter");
    expectVisible(readPages(pngs, ["eng+chi_sim"]), [LATIN, "重庆大学", "LETTER OF INVITATION", "P1234567", "VL-8J2K-QP"]);
  });

  it("executed accord: parties in Latin, Chinese and Lao, clauses in both languages", async () => {
    const pdf = await renderExecutedPdf(accordInput());
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

  it("executed accord: the certificate page shows the delegation, who to whom and when, in the venue's time zone", async () => {
    const pdf = await renderExecutedPdf(accordInput());
    const pngs = renderPages(pdf, "accord-delegation");
    const pages = readPages(pngs, ["eng+chi_sim"]);
    const certificate = pages.find((p) => squash(p).includes(squash("Delegations")));
    expect(certificate, "a page headed Delegations").toBeDefined();
    expectVisible(
      [certificate!],
      [
        `Signature delegated from ${LATIN} to ${CHINESE}`,
        "Delegated by Keo Phomma",
        "2027-02-20 03:00:00 UTC",
        "20 Feb 2027, 11:00 (Asia/Shanghai)",
        "National University of Laos",
      ],
    );
    // Every character of it is drawn (the writer lists any it could not draw on the last page).
    expect(squash(pages.join(""))).not.toContain(squash("could not be drawn"));
    // Beside the signature too.
    expectVisible(pages, [`Signed as delegate of ${LATIN}`]);
  });
});
