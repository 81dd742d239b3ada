/**
 * Money in minor units (cents, fen) with its ISO 4217 currency. Shared by server and browser.
 *
 * Nothing here asks Intl. Prices are formatted during render, on the server
 * with Node's ICU and again in the browser with its own, and ICU versions
 * disagree on currency data: Node 20 (ICU 78) gives RSD two minor digits and
 * Chromium 156 none, so 120000 read "RSD 1,200.00" on the server and
 * "RSD 120,000" in the browser; Chromium shows "XCG" where Node shows "Cg.".
 * Such differences break hydration, and the minor digits also decide how the
 * amounts organizers type are stored. Both tables below are fixed here.
 */

/**
 * Currencies whose minor unit is not two digits, as Node's ICU (CLDR 48) had
 * them when these amounts were first stored (CLDR, not ISO 4217: e.g. HUF, IDR
 * and IQD show no decimals). Every other currency has two.
 */
const MINOR_DIGITS: Record<string, number> = {
  ...Object.fromEntries(
    [
      "AFN",
      "ALL",
      "BIF",
      "CLP",
      "COP",
      "DJF",
      "GNF",
      "HUF",
      "IDR",
      "IQD",
      "IRR",
      "ISK",
      "JPY",
      "KMF",
      "KPW",
      "KRW",
      "LAK",
      "LBP",
      "MGA",
      "MMK",
      "PKR",
      "PYG",
      "RWF",
      "SLL",
      "SOS",
      "SYP",
      "UGX",
      "VND",
      "VUV",
      "XAF",
      "XOF",
      "XPF",
      "YER",
    ].map((c) => [c, 0]),
  ),
  ...Object.fromEntries(["BHD", "JOD", "KWD", "LYD", "OMR", "TND"].map((c) => [c, 3])),
  CLF: 4,
  UYW: 4,
};

/**
 * Symbols per language (CLDR's, except that USD is "US$" in English too: a
 * conference's readers come from many countries). Other currencies show their code.
 */
const SYMBOLS: Record<string, { en: string; zh: string }> = {
  AUD: { en: "A$", zh: "AU$" },
  BRL: { en: "R$", zh: "R$" },
  CAD: { en: "CA$", zh: "CA$" },
  CNY: { en: "CN¥", zh: "¥" },
  EUR: { en: "€", zh: "€" },
  GBP: { en: "£", zh: "£" },
  HKD: { en: "HK$", zh: "HK$" },
  ILS: { en: "₪", zh: "₪" },
  INR: { en: "₹", zh: "₹" },
  JPY: { en: "¥", zh: "JP¥" },
  KRW: { en: "₩", zh: "₩" },
  MXN: { en: "MX$", zh: "MX$" },
  NZD: { en: "NZ$", zh: "NZ$" },
  PHP: { en: "₱", zh: "PHP" },
  TWD: { en: "NT$", zh: "NT$" },
  USD: { en: "US$", zh: "US$" },
  VND: { en: "₫", zh: "₫" },
  XAF: { en: "FCFA", zh: "FCFA" },
  XCD: { en: "EC$", zh: "EC$" },
  XCG: { en: "Cg.", zh: "Cg." },
  XOF: { en: "F\u202fCFA", zh: "F\u202fCFA" },
  XPF: { en: "CFPF", zh: "CFPF" },
};

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency.toUpperCase()] ?? 2;
}

/**
 * "CN¥1,200.00", "-US$5.50", "¥12,000" (JPY), "CHF 80.00": comma grouping and
 * the currency's minor digits, the same in English and Chinese. As CLDR does,
 * a no-break space follows a symbol that does not end in a currency sign (a code, "FCFA").
 */
export function formatMoney(cents: number, currency: string, locale: "en" | "zh" = "en") {
  const code = currency.toUpperCase();
  const digits = minorDigits(code);
  const symbol = SYMBOLS[code]?.[locale === "zh" ? "zh" : "en"] ?? code;
  const units = Math.round(Math.abs(cents));
  const scale = 10 ** digits;
  const whole = String(Math.floor(units / scale)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = digits ? `.${String(units % scale).padStart(digits, "0")}` : "";
  const space = /[^\p{S}\p{Z}]$/u.test(symbol) ? "\u00a0" : "";
  return `${cents < 0 && units > 0 ? "-" : ""}${symbol}${space}${whole}${fraction}`;
}

/** "1200", "1200.5", "1,200.50" → minor units; null when not a valid amount for the currency. */
export function parseMoney(input: string, currency: string): number | null {
  const clean = input.replace(/[,\s]/g, "");
  const digits = minorDigits(currency);
  const re = digits === 0 ? /^\d{1,15}$/ : new RegExp(`^\\d{1,15}(\\.\\d{1,${digits}})?$`);
  if (!re.test(clean)) return null;
  const [whole, frac = ""] = clean.split(".");
  const minor = Number(whole) * 10 ** digits + Number(frac.padEnd(digits, "0") || 0);
  return minor <= MAX_MINOR_UNITS ? minor : null;
}

/**
 * The largest amount a form may name, in minor units: amounts are PostgreSQL `integer` columns
 * (at most 2,147,483,647), and a registration's paid and refunded sums add several of them, so one
 * amount stays well below: 10,000,000.00 in a two-digit currency (a price or bank amount of
 * 30,000,000 was a 500 from the database before this bound).
 */
export const MAX_MINOR_UNITS = 1_000_000_000;

/** Minor units → the plain decimal an input shows (no grouping, no symbol). */
export function moneyInput(cents: number, currency: string) {
  const digits = minorDigits(currency);
  return digits === 0 ? String(cents) : (cents / 10 ** digits).toFixed(digits);
}

/**
 * How much more a registration has been paid than is due (after refunds), to be refunded: 0 when
 * not overpaid, and 0 for a cancelled registration (its refund is tracked as the cancellation's).
 * The registration page and the organizers' list both flag it.
 */
export function overpaidCents(r: { status: string; paidCents: number; refundedCents: number; amountCents: number }): number {
  return r.status === "CANCELLED" ? 0 : Math.max(0, r.paidCents - r.refundedCents - r.amountCents);
}
