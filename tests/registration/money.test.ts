import { describe, expect, it } from "vitest";
import { formatMoney, minorDigits, moneyInput, parseMoney } from "~/domain/registration/money";

// Fixed tables, not Intl: the server's and the browser's ICU disagree on
// currency data (see app/domain/registration/money.ts).
const NBSP = "\u00a0";

describe("formatMoney", () => {
  it("common currencies in English and Chinese", () => {
    expect(formatMoney(120000, "CNY", "en")).toBe("CN¥1,200.00");
    expect(formatMoney(120000, "CNY", "zh")).toBe("¥1,200.00");
    expect(formatMoney(120000, "CNY")).toBe("CN¥1,200.00");
    expect(formatMoney(9950, "USD", "en")).toBe("US$99.50");
    expect(formatMoney(9950, "USD", "zh")).toBe("US$99.50");
    expect(formatMoney(45000, "EUR", "en")).toBe("€450.00");
    expect(formatMoney(45000, "GBP", "zh")).toBe("£450.00");
    expect(formatMoney(45000, "HKD", "en")).toBe("HK$450.00");
    expect(formatMoney(45000, "TWD", "zh")).toBe("NT$450.00");
  });

  it("zero-decimal currencies: JPY and KRW", () => {
    expect(minorDigits("JPY")).toBe(0);
    expect(formatMoney(12000, "JPY", "en")).toBe("¥12,000");
    expect(formatMoney(12000, "JPY", "zh")).toBe("JP¥12,000");
    expect(formatMoney(1500000, "KRW", "en")).toBe("₩1,500,000");
  });

  it("three-decimal currencies", () => {
    expect(minorDigits("KWD")).toBe(3);
    expect(formatMoney(1500, "KWD", "en")).toBe(`KWD${NBSP}1.500`);
  });

  it("negative amounts, zero and large amounts", () => {
    expect(formatMoney(-120050, "CNY", "en")).toBe("-CN¥1,200.50");
    expect(formatMoney(-5, "CNY", "zh")).toBe("-¥0.05");
    expect(formatMoney(-1200, "JPY", "en")).toBe("-¥1,200");
    expect(formatMoney(-1500, "CHF", "en")).toBe(`-CHF${NBSP}15.00`);
    expect(formatMoney(0, "USD", "en")).toBe("US$0.00");
    expect(formatMoney(-0, "USD", "en")).toBe("US$0.00");
    expect(formatMoney(123456789012, "CNY", "en")).toBe("CN¥1,234,567,890.12");
  });

  it("other currencies show their code and a no-break space", () => {
    expect(formatMoney(8000, "CHF", "en")).toBe(`CHF${NBSP}80.00`);
    expect(formatMoney(8000, "SGD", "zh")).toBe(`SGD${NBSP}80.00`);
    expect(formatMoney(8000, "XAF", "en")).toBe(`FCFA${NBSP}8,000`);
    expect(formatMoney(8000, "cny", "en")).toBe("CN¥80.00");
  });

  it("RSD keeps two minor digits (Node's ICU has two, Chromium's none: amounts are stored in paras)", () => {
    expect(minorDigits("RSD")).toBe(2);
    expect(formatMoney(120000, "RSD", "en")).toBe(`RSD${NBSP}1,200.00`);
    expect(moneyInput(0, "RSD")).toBe("0.00");
  });
});

describe("minor units", () => {
  it("parseMoney and moneyInput round-trip in each currency's digits", () => {
    expect(parseMoney("1,200.5", "CNY")).toBe(120050);
    expect(moneyInput(120050, "CNY")).toBe("1200.50");
    expect(parseMoney("12,000", "JPY")).toBe(12000);
    expect(parseMoney("12000.5", "JPY")).toBeNull();
    expect(moneyInput(12000, "JPY")).toBe("12000");
    expect(parseMoney("1.5", "KWD")).toBe(1500);
    expect(moneyInput(1500, "KWD")).toBe("1.500");
    expect(minorDigits("CLF")).toBe(4);
    expect(minorDigits("XYZ")).toBe(2);
  });
});
