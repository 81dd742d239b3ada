import { A4, brand, grey, PdfWriter } from "~/domain/documents/pdf-writer.server";
import { formatCalendarDate } from "~/utils/time";
import type { InvoiceSnapshot } from "./invoices.server";
import { formatMoney } from "./money";

/**
 * Draws an invoice or credit note from its stored snapshot alone (no database, no clock), in English and
 * Chinese on one page, and signs it like every issued document (decision 057). The rendering tests call
 * it directly.
 */
const METHOD: Record<InvoiceSnapshot["method"], string> = {
  FREE: "Free registration / 免费注册",
  CARD: "Card payment / 银行卡支付",
  BANK_TRANSFER: "Bank transfer / 银行转账",
};

/** "6 %", "13 %", "7.5 %". */
export function formatRate(basisPoints: number) {
  return `${(basisPoints / 100).toFixed(2).replace(/\.?0+$/, "")} %`;
}

/** A stored YYYY-MM-DD in both languages: "27 September 2025 · 2025年9月27日". */
function bothDays(isoDay: string) {
  const d = new Date(`${isoDay}T00:00:00Z`);
  return `${formatCalendarDate(d, "en")} · ${formatCalendarDate(d, "zh")}`;
}

export async function renderInvoice(v: InvoiceSnapshot) {
  const credit = v.kind === "CREDIT_NOTE";
  const title = credit ? "CREDIT NOTE / 贷项通知单" : "INVOICE / 发票";
  const w = await PdfWriter.create({ title: `${credit ? "Credit note" : "Invoice"} ${v.number}` });
  const page = w.addPage(A4);
  const left = 56;
  const right = 540;
  const width = right - left;
  const money = (c: number) => formatMoney(c, v.currency, "en");

  let y = 790;
  y = await w.paragraph(page, v.seller.name, left, y, { size: 14, bold: true, color: brand, width });
  if (v.seller.nameNative && v.seller.nameNative !== v.seller.name)
    y = await w.paragraph(page, v.seller.nameNative, left, y, { size: 11, color: brand, width });
  if (v.seller.address) y = await w.paragraph(page, v.seller.address, left, y, { size: 9, width });
  if (v.seller.taxId) y = await w.paragraph(page, `Tax ID / 税号: ${v.seller.taxId}`, left, y, { size: 9, width });
  page.drawLine({ start: { x: left, y: y + 4 }, end: { x: right, y: y + 4 }, thickness: 1, color: brand });

  y = await w.paragraph(page, `${title}  No. ${v.number}`, left, y - 22, { size: 17, bold: true, width });
  y = await w.paragraph(page, `Date of issue / 开具日期: ${bothDays(v.issuedOn)}`, left, y - 2, { size: 10, width });
  if (v.credits)
    y = await w.paragraph(page, `Cancels invoice / 冲销发票 No. ${v.credits.number} (${bothDays(v.credits.issuedOn)})`, left, y, {
      size: 10,
      bold: true,
      width,
    });
  y = await w.paragraph(page, `Conference / 会议: ${v.conferenceTitle}${v.conferenceTitleZh ? ` · ${v.conferenceTitleZh}` : ""}`, left, y, {
    size: 10,
    width,
  });
  y = await w.paragraph(page, `Payment reference / 付款附言: ${v.reference}`, left, y, { size: 10, width });

  y = await w.paragraph(page, "Billed to / 购买方", left, y - 12, { size: 11, bold: true, width });
  const buyer = [
    v.buyer.organization,
    v.buyer.name,
    v.buyer.address,
    v.buyer.taxId ? `Tax ID / 税号: ${v.buyer.taxId}` : null,
    v.buyer.email,
  ].filter((l): l is string => !!l);
  for (const l of buyer) y = await w.paragraph(page, l, left, y, { size: 10, width });

  // Lines: description | net | rate | tax | gross, amounts right-aligned.
  const cols = { net: 330, rate: 385, tax: 455, gross: right };
  y -= 14;
  const head = { size: 8.5, bold: true, color: grey };
  await w.text(page, "Description / 项目", left, y, head);
  await w.text(page, "Net / 不含税", cols.net, y, { ...head, align: "right" });
  await w.text(page, "Rate / 税率", cols.rate, y, { ...head, align: "right" });
  await w.text(page, "Tax / 税额", cols.tax, y, { ...head, align: "right" });
  await w.text(page, "Gross / 含税", cols.gross, y, { ...head, align: "right" });
  page.drawLine({ start: { x: left, y: y - 5 }, end: { x: right, y: y - 5 }, thickness: 0.5, color: grey });
  y -= 20;
  for (const l of v.lines) {
    const top = y;
    await w.text(page, money(l.netCents), cols.net, top, { size: 10, align: "right" });
    await w.text(page, formatRate(l.taxRateBasisPoints), cols.rate, top, { size: 10, align: "right" });
    await w.text(page, money(l.taxCents), cols.tax, top, { size: 10, align: "right" });
    await w.text(page, money(l.grossCents), cols.gross, top, { size: 10, align: "right" });
    y = await w.paragraph(page, l.description, left, top, { size: 10, width: 190 });
    if (l.descriptionZh) y = await w.paragraph(page, l.descriptionZh, left, y, { size: 10, width: 190 });
    y -= 4;
  }
  page.drawLine({ start: { x: left, y: y + 8 }, end: { x: right, y: y + 8 }, thickness: 0.5, color: grey });
  y -= 6;
  const totals: [string, number, boolean][] = [
    ["Net total / 不含税合计", v.netCents, false],
    ["Tax total / 税额合计", v.taxCents, false],
    [credit ? "Total credited / 冲销合计" : "Total / 价税合计", v.grossCents, true],
  ];
  for (const [label, cents, bold] of totals) {
    await w.text(page, label, cols.rate - 120, y, { size: 11, bold });
    await w.text(page, money(cents), cols.gross, y, { size: 11, bold, align: "right" });
    y -= 17;
  }
  y -= 6;
  if (v.taxExemptReason)
    y = await w.paragraph(page, `No tax charged / 未征税: ${v.taxExemptReason}`, left, y, { size: 10, bold: true, width });
  y = await w.paragraph(page, `Currency / 币种: ${v.currency} · Payment method / 付款方式: ${METHOD[v.method]}`, left, y, {
    size: 10,
    width,
  });
  const status = credit
    ? `The amount of ${money(-v.grossCents)} is refunded to the buyer / 上述金额已退还购买方。`
    : v.paid
      ? `Paid in full / 已全额付款: ${money(v.grossCents)}`
      : null;
  if (status) y = await w.paragraph(page, status, left, y, { size: 10, width });
  await w.paragraph(
    page,
    "Issued electronically and digitally signed; an issued invoice is never changed, a cancellation or refund is documented by a credit note. / 本单据以电子方式开具并经数字签名；已开具的发票不作修改，取消或退款以贷项通知单冲销。",
    left,
    70,
    { size: 8, color: grey, width },
  );
  return w.save({ sign: { reason: `${credit ? "Credit note" : "Invoice"} ${v.number} issued by ${v.seller.name}` } });
}
