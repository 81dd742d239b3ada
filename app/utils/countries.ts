/**
 * Countries (ISO 3166-1 alpha-2) and currencies (ISO 4217) with names in the
 * reader's language from the platform's Intl data, so no translation table
 * has to be kept by hand. The code list itself is fixed here because Intl has
 * no way to enumerate regions.
 */
import type { AppLocale } from "~/i18n";

// ISO 3166-1 alpha-2, officially assigned codes.
export const COUNTRY_CODES = [
  "AD",
  "AE",
  "AF",
  "AG",
  "AI",
  "AL",
  "AM",
  "AO",
  "AQ",
  "AR",
  "AS",
  "AT",
  "AU",
  "AW",
  "AX",
  "AZ",
  "BA",
  "BB",
  "BD",
  "BE",
  "BF",
  "BG",
  "BH",
  "BI",
  "BJ",
  "BL",
  "BM",
  "BN",
  "BO",
  "BQ",
  "BR",
  "BS",
  "BT",
  "BV",
  "BW",
  "BY",
  "BZ",
  "CA",
  "CC",
  "CD",
  "CF",
  "CG",
  "CH",
  "CI",
  "CK",
  "CL",
  "CM",
  "CN",
  "CO",
  "CR",
  "CU",
  "CV",
  "CW",
  "CX",
  "CY",
  "CZ",
  "DE",
  "DJ",
  "DK",
  "DM",
  "DO",
  "DZ",
  "EC",
  "EE",
  "EG",
  "EH",
  "ER",
  "ES",
  "ET",
  "FI",
  "FJ",
  "FK",
  "FM",
  "FO",
  "FR",
  "GA",
  "GB",
  "GD",
  "GE",
  "GF",
  "GG",
  "GH",
  "GI",
  "GL",
  "GM",
  "GN",
  "GP",
  "GQ",
  "GR",
  "GS",
  "GT",
  "GU",
  "GW",
  "GY",
  "HK",
  "HM",
  "HN",
  "HR",
  "HT",
  "HU",
  "ID",
  "IE",
  "IL",
  "IM",
  "IN",
  "IO",
  "IQ",
  "IR",
  "IS",
  "IT",
  "JE",
  "JM",
  "JO",
  "JP",
  "KE",
  "KG",
  "KH",
  "KI",
  "KM",
  "KN",
  "KP",
  "KR",
  "KW",
  "KY",
  "KZ",
  "LA",
  "LB",
  "LC",
  "LI",
  "LK",
  "LR",
  "LS",
  "LT",
  "LU",
  "LV",
  "LY",
  "MA",
  "MC",
  "MD",
  "ME",
  "MF",
  "MG",
  "MH",
  "MK",
  "ML",
  "MM",
  "MN",
  "MO",
  "MP",
  "MQ",
  "MR",
  "MS",
  "MT",
  "MU",
  "MV",
  "MW",
  "MX",
  "MY",
  "MZ",
  "NA",
  "NC",
  "NE",
  "NF",
  "NG",
  "NI",
  "NL",
  "NO",
  "NP",
  "NR",
  "NU",
  "NZ",
  "OM",
  "PA",
  "PE",
  "PF",
  "PG",
  "PH",
  "PK",
  "PL",
  "PM",
  "PN",
  "PR",
  "PS",
  "PT",
  "PW",
  "PY",
  "QA",
  "RE",
  "RO",
  "RS",
  "RU",
  "RW",
  "SA",
  "SB",
  "SC",
  "SD",
  "SE",
  "SG",
  "SH",
  "SI",
  "SJ",
  "SK",
  "SL",
  "SM",
  "SN",
  "SO",
  "SR",
  "SS",
  "ST",
  "SV",
  "SX",
  "SY",
  "SZ",
  "TC",
  "TD",
  "TF",
  "TG",
  "TH",
  "TJ",
  "TK",
  "TL",
  "TM",
  "TN",
  "TO",
  "TR",
  "TT",
  "TV",
  "TW",
  "TZ",
  "UA",
  "UG",
  "UM",
  "US",
  "UY",
  "UZ",
  "VA",
  "VC",
  "VE",
  "VG",
  "VI",
  "VN",
  "VU",
  "WF",
  "WS",
  "YE",
  "YT",
  "ZA",
  "ZM",
  "ZW",
] as const;

const countrySet = new Set<string>(COUNTRY_CODES);

export function isCountryCode(code: string): boolean {
  return countrySet.has(code);
}

const intlLocale = (locale: AppLocale) => (locale === "zh" ? "zh-CN" : "en");

export function countryName(code: string, locale: AppLocale): string {
  try {
    return new Intl.DisplayNames([intlLocale(locale)], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export type Option = { value: string; label: string };

/**
 * Options for a country <select>, sorted by name in the reader's language.
 * Built on the server and sent with the loader data so the browser's Intl
 * data (which may differ in version) cannot cause a hydration mismatch.
 */
export function countryOptions(locale: AppLocale): Option[] {
  const names = new Intl.DisplayNames([intlLocale(locale)], { type: "region" });
  const collator = new Intl.Collator(intlLocale(locale));
  return COUNTRY_CODES.map((code) => ({ value: code, label: names.of(code) ?? code })).sort((a, b) => collator.compare(a.label, b.label));
}

/** ISO 4217 codes known to the platform. */
export function currencyCodes(): string[] {
  return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf("currency");
}

let currencySet: Set<string> | undefined;
export function isCurrencyCode(code: string): boolean {
  currencySet ??= new Set(currencyCodes());
  return currencySet.has(code);
}

export function currencyName(code: string, locale: AppLocale): string {
  try {
    return new Intl.DisplayNames([intlLocale(locale)], { type: "currency" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "CNY — Chinese Yuan" options, in code order (people look currencies up by code). */
export function currencyOptions(locale: AppLocale): Option[] {
  return currencyCodes().map((code) => ({ value: code, label: `${code} — ${currencyName(code, locale)}` }));
}
