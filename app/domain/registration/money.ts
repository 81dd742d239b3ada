/** Money in minor units (cents, fen) with its ISO 4217 currency. Shared by server and browser. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function formatMoney(cents: number, currency: string, locale: "en" | "zh" = "en") {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en", { style: "currency", currency }).format(cents / 10 ** digits);
}

/** "1200", "1200.5", "1,200.50" → minor units; null when not a valid amount for the currency. */
export function parseMoney(input: string, currency: string): number | null {
  const clean = input.replace(/[,\s]/g, "");
  const digits = minorDigits(currency);
  const re = digits === 0 ? /^\d+$/ : new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`);
  if (!re.test(clean)) return null;
  const [whole, frac = ""] = clean.split(".");
  return Number(whole) * 10 ** digits + Number(frac.padEnd(digits, "0") || 0);
}

/** Minor units → the plain decimal an input shows (no grouping, no symbol). */
export function moneyInput(cents: number, currency: string) {
  const digits = minorDigits(currency);
  return digits === 0 ? String(cents) : (cents / 10 ** digits).toFixed(digits);
}
