import { createHash } from "node:crypto";
import { parse as parseCsvText } from "csv-parse/sync";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { MessageKey } from "~/i18n";
import { AppError } from "~/utils/errors";
import { minorDigits } from "./money";

/**
 * Reading bank statements: CSV exports (any of `,` `;` tab as delimiter, quoted
 * cells, decimal point or comma) and ISO 20022 CAMT.053 XML. Pure: nothing here
 * touches the database; import-bank-statement.server.ts matches and records.
 */

/** How the organizer says amounts are written: "auto" infers it from the file and refuses what stays ambiguous. */
export type DecimalRule = "auto" | "point" | "comma";
type Separator = "." | ",";

export type StatementLine = {
  /** Line of the CSV file (its last line when a quoted cell spans several), or the entry's number in a CAMT file. */
  line: number;
  /** What the organizer reads to recognise the line: the row's cells, or the entry's remittance information. */
  text: string;
  date: string | null;
  amountText: string;
  /** Positive minor units of a credit; null when the line is skipped or refused. */
  amountCents: number | null;
  /** The currency the statement names for this line; null when a CSV has no currency column. */
  currency: string | null;
  /** Stable identity of the line, so that importing the same statement again records nothing twice. */
  key: string;
  /** Debits (money going out) and entries not yet booked are not payments. */
  skip?: "debit" | "notBooked";
  /** Why the line cannot be read safely (e.g. an amount whose decimal separator is ambiguous). */
  problem?: { message: MessageKey; vars: Record<string, string | number> };
};

export type Statement = { format: "csv" | "camt053"; decimal: Separator | null; lines: StatementLine[] };

const MAX_BYTES = 2_000_000;

/** Reads a statement file's text; the format is recognised from its content, not its name. */
export function readStatement(raw: string, rule: DecimalRule, currency: string): Statement {
  if (raw.length > MAX_BYTES) throw new AppError("TOO_LARGE", "reg.error.statementTooLarge");
  const text = raw.replace(/^\uFEFF/, "");
  if (/^\s*</.test(text)) return readCamt053(text, currency);
  return readCsv(text, rule, currency);
}

// ---------------------------------------------------------------- amounts

/** The decimal separator an amount shows by itself ("120,50", "1,234.00", "1.234.567"), or null when it cannot tell. */
export function separatorEvidence(amount: string): Separator | null {
  const t = bareAmount(amount).digits;
  if (/^\d+,(\d{1,2}|\d{4,})$/.test(t) || /^\d{1,3}(\.\d{3})+,\d+$/.test(t) || /^\d{1,3}(\.\d{3}){2,}$/.test(t)) return ",";
  if (/^\d+\.(\d{1,2}|\d{4,})$/.test(t) || /^\d{1,3}(,\d{3})+\.\d+$/.test(t) || /^\d{1,3}(,\d{3}){2,}$/.test(t)) return ".";
  return null;
}

/** Strips spacing, currency signs and codes, and reads the sign: "-1 234,50 €", "(50.00)", "120,50-". */
function bareAmount(amount: string) {
  let t = amount
    .replace(/[\s\u00a0\u202f']/g, "")
    .replace(/^[A-Za-z]{3}|[A-Za-z]{3}$/g, "")
    .replace(/[€$£¥]/gu, "");
  let negative = false;
  if (/^\(.*\)$/.test(t)) [negative, t] = [true, t.slice(1, -1)];
  if (/^[-−]/.test(t)) [negative, t] = [true, t.slice(1)];
  else if (/-$/.test(t)) [negative, t] = [true, t.slice(0, -1)];
  else if (t.startsWith("+")) t = t.slice(1);
  return { digits: t, negative };
}

type AmountReading = { cents: number; negative: boolean } | { problem: MessageKey };

/**
 * An amount in minor units under a known decimal separator (the other one may
 * group thousands, in threes only). With no known separator, a lone "," or "."
 * followed by exactly three digits ("1,234") could be either: refused.
 */
export function readAmount(amount: string, decimal: Separator | null, currency: string): AmountReading {
  const { digits: t, negative } = bareAmount(amount);
  if (!t) return { problem: "reg.import.problem.noAmount" };
  const sep = decimal ?? separatorEvidence(t) ?? (/^\d+$/.test(t) ? "." : null);
  if (!sep) return { problem: "reg.import.problem.ambiguous" };
  const group = sep === "." ? "," : ".";
  const g = `\\${group}`;
  const d = `\\${sep}`;
  const shape = new RegExp(`^(\\d+|\\d{1,3}(${g}\\d{3})+)(${d}(\\d+))?$`);
  const m = shape.exec(t);
  if (!m) return { problem: "reg.import.problem.invalid" };
  const whole = m[1].split(group).join("");
  const fraction = m[4] ?? "";
  const places = minorDigits(currency);
  if (fraction.length > places) return { problem: "reg.import.problem.precision" };
  const cents = Number(whole) * 10 ** places + Number(fraction.padEnd(places, "0") || 0);
  if (!Number.isSafeInteger(cents)) return { problem: "reg.import.problem.invalid" };
  return { cents, negative };
}

// ---------------------------------------------------------------- CSV

const COLUMNS = {
  reference: [
    "reference",
    "description",
    "附言",
    "摘要",
    "用途",
    "remittance information",
    "remittance",
    "purpose",
    "memo",
    "details",
    "payment reference",
    "verwendungszweck",
    "communication",
    "libellé",
  ],
  amount: ["amount", "金额", "交易金额", "betrag", "montant", "importe"],
  credit: ["credit", "收入", "收入金额", "贷方金额", "haben"],
  debit: ["debit", "支出", "支出金额", "借方金额", "soll"],
  date: ["date", "booking date", "value date", "日期", "交易日期", "buchungstag", "datum"],
  currency: ["currency", "ccy", "币种", "währung", "devise"],
} as const;

/** The delimiter of a CSV: whichever of `,` `;` tab occurs most often outside quotes in its first line. */
export function detectDelimiter(text: string): "," | ";" | "\t" {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) {
      if (counts[","] + counts[";"] + counts["\t"] > 0) break;
    } else if (!quoted && c in counts) counts[c as keyof typeof counts] += 1;
  }
  const best = (Object.entries(counts) as [keyof typeof counts, number][]).sort((a, b) => b[1] - a[1])[0];
  if (best[1] === 0) throw new AppError("BAD_CSV", "reg.error.badCsv");
  return best[0];
}

type Row = { line: number; cells: string[] };

function csvRows(text: string, delimiter: string): Row[] {
  try {
    const records = parseCsvText(text, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map((r) => ({ line: r.info.lines, cells: r.record }));
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    throw new AppError("BAD_CSV", "reg.error.csvSyntax", { line: typeof line === "number" ? line : "?" });
  }
}

function findColumns(header: string[]) {
  const names = header.map((h) => h.trim().toLowerCase());
  const col = (list: readonly string[]) => names.findIndex((n) => list.includes(n));
  return {
    reference: col(COLUMNS.reference),
    amount: col(COLUMNS.amount),
    credit: col(COLUMNS.credit),
    debit: col(COLUMNS.debit),
    date: col(COLUMNS.date),
    currency: col(COLUMNS.currency),
  };
}

function readCsv(text: string, rule: DecimalRule, currency: string): Statement {
  const delimiter = detectDelimiter(text);
  const rows = csvRows(text, delimiter);
  // Banks often put account details above the header: the header is the first row naming a reference and an amount.
  const headerAt = rows.slice(0, 20).findIndex((r) => {
    const c = findColumns(r.cells);
    return c.reference >= 0 && (c.amount >= 0 || c.credit >= 0);
  });
  if (headerAt < 0) throw new AppError("BAD_CSV", "reg.error.badCsv");
  const cols = findColumns(rows[headerAt].cells);
  const body = rows.slice(headerAt + 1);
  const cell = (r: Row, i: number) => (i >= 0 ? (r.cells[i] ?? "").trim() : "");
  const amountOf = (r: Row) => {
    if (cols.amount >= 0) return { text: cell(r, cols.amount), debit: false };
    const credit = cell(r, cols.credit);
    return credit ? { text: credit, debit: false } : { text: cell(r, cols.debit), debit: true };
  };
  const decimal = decimalFor(
    rule,
    delimiter,
    body.map((r) => amountOf(r).text),
  );
  const shown: number[] = [cols.date, cols.amount, cols.credit, cols.debit, cols.currency];
  const seen = new Map<string, number>();
  const lines = body.map((r): StatementLine => {
    const { text: amountText, debit } = amountOf(r);
    const lineCurrency = cell(r, cols.currency).toUpperCase() || null;
    // Identical rows (the same person paying the same amount twice in a day) stay distinct by their occurrence;
    // the first keeps the plain hash that earlier imports stored.
    const hash = createHash("sha256").update(r.cells.join("\u0001")).digest("hex").slice(0, 32);
    const n = seen.get(hash) ?? 0;
    seen.set(hash, n + 1);
    const base = {
      line: r.line,
      // Date, amount and currency have their own columns in the preview: the text is the rest (reference, payer).
      text: r.cells.filter((c, i) => c && !shown.includes(i)).join(" · "),
      date: cell(r, cols.date) || null,
      amountText,
      currency: lineCurrency,
      key: n === 0 ? hash : `${hash}#${n}`,
    };
    if (debit) return { ...base, amountCents: null, skip: "debit" };
    const reading = readAmount(amountText, decimal, lineCurrency ?? currency);
    if ("problem" in reading)
      return { ...base, amountCents: null, problem: { message: reading.problem, vars: { line: r.line, amount: amountText } } };
    if (reading.negative) return { ...base, amountCents: null, skip: "debit" };
    return { ...base, amountCents: reading.cents };
  });
  return { format: "csv", decimal, lines };
}

/**
 * The file's decimal separator: as declared, else as its amounts show it ("120,50" comma, "1,234.00" point).
 * A file showing both is refused whole; one showing neither uses the comma when `;` delimits (the
 * convention of banks that write decimal commas), else stays unknown and each ambiguous amount is refused.
 */
function decimalFor(rule: DecimalRule, delimiter: string, amounts: string[]): Separator | null {
  if (rule === "point") return ".";
  if (rule === "comma") return ",";
  const seen = new Set(amounts.map(separatorEvidence).filter((s) => s !== null));
  if (seen.size > 1) throw new AppError("BAD_CSV", "reg.error.mixedDecimals");
  if (seen.size === 1) return [...seen][0];
  return delimiter === ";" ? "," : null;
}

// ---------------------------------------------------------------- CAMT.053

type XmlNode = Record<string, unknown>;
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const node = (v: unknown): XmlNode => (v && typeof v === "object" ? (v as XmlNode) : {});
const textOf = (v: unknown): string =>
  typeof v === "string" || typeof v === "number"
    ? String(v).trim()
    : v && typeof v === "object" && "#text" in v
      ? textOf((v as XmlNode)["#text"])
      : "";

/**
 * An ISO 20022 BankToCustomerStatement (camt.053, any version): one line per entry. Documents that
 * declare a DTD or entities are refused before parsing (no entity expansion, no external fetches: XXE).
 */
function readCamt053(text: string, currency: string): Statement {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new AppError("BAD_CSV", "reg.error.xmlDtd");
  if (XMLValidator.validate(text) !== true) throw new AppError("BAD_CSV", "reg.error.badCamt");
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    removeNSPrefix: true,
    processEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
  }).parse(text) as XmlNode;
  const statement = node(node(doc.Document).BkToCstmrStmt);
  if (!statement.Stmt) throw new AppError("BAD_CSV", "reg.error.badCamt");
  const lines: StatementLine[] = [];
  let number = 0;
  for (const stmt of asArray(statement.Stmt).map(node)) {
    const account = textOf(node(node(node(stmt.Acct).Id)).IBAN) || textOf(node(node(node(node(stmt.Acct).Id).Othr)).Id);
    for (const e of asArray(stmt.Ntry).map(node)) {
      number += 1;
      const status = textOf(node(e.Sts).Cd) || textOf(e.Sts);
      const booking = node(e.BookgDt);
      const date = (textOf(booking.Dt) || textOf(booking.DtTm)).slice(0, 10) || null;
      const details = asArray(e.NtryDtls).flatMap((d) => asArray(node(d).TxDtls).map(node));
      const bankRef = textOf(e.AcctSvcrRef) || textOf(e.NtryRef);
      const credit = textOf(e.CdtDbtInd) === "CRDT" && textOf(e.RvslInd) !== "true";
      // A batch booking (several transfers in one entry) is one line per transfer, each with its own
      // amount and remittance: recording the entry's sum against the first reference would pay one
      // registration for everybody's transfers.
      const parts =
        details.length > 1
          ? details.map((t) => ({
              amount: node(t).Amt ?? node(node(t.AmtDtls).TxAmt).Amt ?? node(node(t.AmtDtls).InstdAmt).Amt,
              details: [t],
              extra: "",
            }))
          : [{ amount: e.Amt, details, extra: textOf(e.AddtlNtryInf) }];
      parts.forEach((part, i) => {
        const amt = part.amount;
        const ccy = (typeof amt === "object" && amt ? String((amt as XmlNode)["@_Ccy"] ?? "") : "").toUpperCase() || null;
        const amountText = textOf(amt);
        const remittance = [
          ...part.details.flatMap((t) => asArray(node(t.RmtInf).Ustrd).map(textOf)),
          ...part.details.flatMap((t) => asArray(node(t.RmtInf).Strd).map((s) => textOf(node(node(s).CdtrRefInf).Ref))),
          ...part.details.map((t) => textOf(node(t.Refs).EndToEndId)).filter((r) => r && r !== "NOTPROVIDED"),
          part.extra,
        ].filter(Boolean);
        const identity = bankRef ? `${account}|${bankRef}` : [account, date, textOf(e.Amt), remittance.join("|"), number].join("|");
        const hash = createHash("sha256")
          .update(parts.length > 1 ? `${identity}#${i}` : identity)
          .digest("hex")
          .slice(0, 32);
        const base = { line: number, text: remittance.join(" · "), date, amountText, currency: ccy, key: `camt:${hash}` };
        if (!credit) return lines.push({ ...base, amountCents: null, skip: "debit" });
        if (status && status !== "BOOK") return lines.push({ ...base, amountCents: null, skip: "notBooked" });
        // XML amounts always use a decimal point and no grouping.
        const reading = /^\d+(\.\d+)?$/.test(amountText)
          ? readAmount(amountText, ".", ccy ?? currency)
          : ({ problem: amountText ? "reg.import.problem.invalid" : "reg.import.problem.noAmount" } as const);
        if ("problem" in reading)
          return lines.push({
            ...base,
            amountCents: null,
            problem: { message: reading.problem, vars: { line: number, amount: amountText } },
          });
        return lines.push({ ...base, amountCents: reading.cents });
      });
    }
  }
  return { format: "camt053", decimal: ".", lines };
}
