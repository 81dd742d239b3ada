// Reading bank statements without a database: CSV dialects as banks export them, the
// decimal-separator rules, and CAMT.053 XML (with the XXE refusal).
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { readAmount, readStatement, separatorEvidence } from "~/domain/registration/bank-statement.server";
import { AppError } from "~/utils/errors";

const credits = (text: string, rule: "auto" | "point" | "comma" = "auto", currency = "EUR") =>
  readStatement(text, rule, currency).lines.map((l) => ({ line: l.line, cents: l.amountCents, skip: l.skip, problem: l.problem?.message }));

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).userMessage;
  }
  throw new Error("not refused");
};

describe("CSV statements", () => {
  it('reads "120,50" in a ;-delimited file as 120.50, with BOM and CRLF', () => {
    const csv =
      '\uFEFFBuchungstag;Verwendungszweck;Betrag;Währung\r\n01.09.2025;"Fee ICETE-ABCDEF; Torres";"120,50";EUR\r\n02.09.2025;Other;"1.234,56";EUR\r\n';
    const s = readStatement(csv, "auto", "EUR");
    expect(s.decimal).toBe(",");
    expect(s.lines.map((l) => [l.line, l.amountCents, l.currency, l.date])).toEqual([
      [2, 120_50, "EUR", "01.09.2025"],
      [3, 1234_56, "EUR", "02.09.2025"],
    ]);
    // The quoted ";" stayed inside its cell.
    expect(s.lines[0].text).toBe("Fee ICETE-ABCDEF; Torres");
  });

  it('reads a quoted "120,50" in a comma-delimited file as 120.50 (the comma decimal is detected)', () => {
    expect(credits('date,reference,amount\n2025-09-01,ICETE-ABCDEF,"120,50"\n2025-09-01,ICETE-ABCDEG,"99,00"\n')).toEqual([
      { line: 2, cents: 120_50, skip: undefined, problem: undefined },
      { line: 3, cents: 99_00, skip: undefined, problem: undefined },
    ]);
  });

  it("reads tab-delimited files and thousands separators in both conventions", () => {
    expect(credits("date\treference\tamount\n1\tA\t1,234.50\n2\tB\t12,345,678\n3\tC\t50\n").map((l) => l.cents)).toEqual([
      1234_50, 12_345_678_00, 50_00,
    ]);
    expect(credits("date;reference;amount\n1;A;1.234\n2;B;1 234,5\n").map((l) => l.cents)).toEqual([1234_00, 1234_50]);
  });

  it("refuses an amount whose separator cannot be inferred, naming its line, and reads it once declared", () => {
    const csv = 'date,reference,amount\n2025-09-01,ICETE-ABCDEF,"1,234"\n2025-09-01,ICETE-ABCDEG,960\n';
    expect(credits(csv)).toEqual([
      { line: 2, cents: null, skip: undefined, problem: "reg.import.problem.ambiguous" },
      { line: 3, cents: 960_00, skip: undefined, problem: undefined },
    ]);
    expect(readStatement(csv, "auto", "EUR").lines[0].problem?.vars).toEqual({ line: 2, amount: "1,234" });
    expect(credits(csv, "point")[0].cents).toBe(1234_00);
    // A decimal comma with three decimals is too precise for euros: refused, not rounded.
    expect(credits(csv, "comma")[0].problem).toBe("reg.import.problem.precision");
  });

  it("refuses a file that shows both a decimal point and a decimal comma", () => {
    expect(refusal(() => readStatement('reference,amount\nA,"120,50"\nB,99.95\n', "auto", "EUR"))).toBe("reg.error.mixedDecimals");
  });

  it("skips debits (negative amounts, a debit column) and keeps the lines of a multi-line quoted cell", () => {
    const csv = 'date,reference,amount\n1,"A\nsecond line",-80.00\n2,B,(5.00)\n3,C,12.00-\n4,D,+7.25\n';
    expect(credits(csv)).toEqual([
      { line: 3, cents: null, skip: "debit", problem: undefined },
      { line: 4, cents: null, skip: "debit", problem: undefined },
      { line: 5, cents: null, skip: "debit", problem: undefined },
      { line: 6, cents: 7_25, skip: undefined, problem: undefined },
    ]);
    expect(credits("日期,附言,收入,支出\n2025-09-01,ICETE-ABCDEF,960.00,\n2025-09-01,退款,,100.00\n", "auto", "CNY")).toEqual([
      { line: 2, cents: 960_00, skip: undefined, problem: undefined },
      { line: 3, cents: null, skip: "debit", problem: undefined },
    ]);
  });

  it("finds the header below a bank's preamble, and keys identical rows apart but stably", () => {
    const csv = "Account;DE89370400440532013000\nPeriod;September\n\nDate;Reference;Amount\n1;A;10,00\n1;A;10,00\n";
    const first = readStatement(csv, "auto", "EUR").lines;
    expect(first.map((l) => l.amountCents)).toEqual([10_00, 10_00]);
    expect(new Set(first.map((l) => l.key)).size).toBe(2);
    expect(readStatement(csv.replace(/\n/g, "\r\n"), "auto", "EUR").lines.map((l) => l.key)).toEqual(first.map((l) => l.key));
  });

  it("refuses files without a reference and an amount column, and malformed quoting, saying where", () => {
    expect(refusal(() => readStatement("x,y\n1,2\n", "auto", "EUR"))).toBe("reg.error.badCsv");
    expect(refusal(() => readStatement("just text", "auto", "EUR"))).toBe("reg.error.badCsv");
    expect(refusal(() => readStatement('reference,amount\n"A,1\nB,2\n', "auto", "EUR"))).toBe("reg.error.csvSyntax");
  });

  it("reads amounts in currencies without minor units, and knows which shapes prove a separator", () => {
    expect(readAmount("12,000", ".", "JPY")).toEqual({ cents: 12_000, negative: false });
    expect(readAmount("12.5", ".", "JPY")).toEqual({ problem: "reg.import.problem.precision" });
    expect(readAmount("€ 1.234,50", null, "EUR")).toEqual({ cents: 1234_50, negative: false });
    expect(readAmount("12a", ".", "EUR")).toEqual({ problem: "reg.import.problem.invalid" });
    expect(["120,50", "1.234,5", "1.234.567", "1,234", "1.234", "960"].map(separatorEvidence)).toEqual([",", ",", ",", null, null, null]);
  });
});

describe("CAMT.053 statements", () => {
  const fixture = fs.readFileSync("tests/registration/fixtures/camt053.xml", "utf8");

  it("reads booked credits with their remittance information and skips debits and pending entries", () => {
    const s = readStatement(fixture.replaceAll("{{FIRST}}", "ICETE-ABCDEF").replaceAll("{{SECOND}}", "ICETE-GHJKMN"), "auto", "EUR");
    expect(s.format).toBe("camt053");
    expect(s.lines.map((l) => [l.line, l.amountCents, l.currency, l.date, l.skip ?? null])).toEqual([
      [1, 120_50, "EUR", "2025-09-01", null],
      [2, null, "EUR", "2025-09-01", "debit"],
      [3, 1200_00, "EUR", "2025-09-02", null],
      [4, null, "EUR", "2025-09-02", "notBooked"],
      [5, 15_00, "EUR", "2025-09-02", null],
    ]);
    expect(s.lines[0].text).toBe("Conference fee ICETE-ABCDEF Torres");
    expect(s.lines[2].text).toBe("ICETE-GHJKMN");
    expect(s.lines[4].text).toBe("Donation without reference");
    // Keys come from the bank's entry reference: stable across re-exports of the same day.
    expect(new Set(s.lines.map((l) => l.key)).size).toBe(5);
  });

  it("splits a batch booking into one line per transfer, each with its own amount and reference", () => {
    const xml = `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
      <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>
      <Ntry><Amt Ccy="EUR">300.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2025-09-03</Dt></BookgDt>
        <AcctSvcrRef>BATCH-1</AcctSvcrRef>
        <NtryDtls><Btch><NbOfTxs>2</NbOfTxs></Btch>
          <TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">120.50</Amt></TxAmt></AmtDtls><RmtInf><Ustrd>ICETE-ABCDEF</Ustrd></RmtInf></TxDtls>
          <TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">179.50</Amt></TxAmt></AmtDtls><RmtInf><Ustrd>ICETE-GHJKMN</Ustrd></RmtInf></TxDtls>
        </NtryDtls></Ntry>
    </Stmt></BkToCstmrStmt></Document>`;
    const lines = readStatement(xml, "auto", "EUR").lines;
    expect(lines.map((l) => [l.line, l.amountCents, l.text, l.date])).toEqual([
      [1, 120_50, "ICETE-ABCDEF", "2025-09-03"],
      [1, 179_50, "ICETE-GHJKMN", "2025-09-03"],
    ]);
    expect(lines[0].key).not.toBe(lines[1].key);
  });

  it("refuses DOCTYPEs and entities (XXE) and documents that are not bank statements", () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document><BkToCstmrStmt><Stmt><Ntry><Amt Ccy="EUR">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><NtryDtls><TxDtls><RmtInf><Ustrd>&x;</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>`;
    expect(refusal(() => readStatement(xxe, "auto", "EUR"))).toBe("reg.error.xmlDtd");
    expect(refusal(() => readStatement("<Document><Other/></Document>", "auto", "EUR"))).toBe("reg.error.badCamt");
    expect(refusal(() => readStatement("<Document><BkToCstmrStmt>", "auto", "EUR"))).toBe("reg.error.badCamt");
  });
});
