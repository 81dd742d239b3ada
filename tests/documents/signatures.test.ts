import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { extractSignature } from "@signpdf/utils";
import forge from "node-forge";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderExecutedPdf } from "~/domain/accords/pdf.server";
import { compareSignedContent } from "~/domain/documents/compare-pdf.server";
import { renderVisaLetter } from "~/domain/registration/document-pdfs.server";
import { renderInvoice } from "~/domain/registration/invoice-pdf.server";
import { resetEnvCache } from "~/utils/env.server";
import { accordInput, CREDIT_NOTE, INVOICE, VISA_LETTER } from "./fixtures";

/**
 * PAdES: poppler's pdfsig must call each signature valid, a changed byte must make it invalid, and with
 * a time-stamping authority configured the signature carries its RFC 3161 token (a local TSA run by
 * `openssl ts -reply`, started here).
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-pades-"));

function pdfsig(pdf: Uint8Array, name: string) {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  const out = spawnSync("pdfsig", [file], { encoding: "utf8" });
  return `${out.stdout}${out.stderr}`;
}

/** Changes one byte in the middle of the first signed byte range (inside the page content). */
function tamper(pdf: Uint8Array) {
  const bytes = Buffer.from(pdf);
  const range = bytes.toString("latin1").match(/\/ByteRange \[\s*(\d+)\s+(\d+)/);
  expect(range).not.toBeNull();
  const at = Math.floor(Number(range![2]) / 2);
  bytes[at] ^= 0x01;
  return new Uint8Array(bytes);
}

let tsa: http.Server;
let tsaUrl = "";

beforeAll(async () => {
  process.env.CONCORD_DATA_DIR = dir;
  const conf = path.join(dir, "tsa.cnf");
  fs.writeFileSync(path.join(dir, "serial"), "01\n");
  fs.writeFileSync(
    conf,
    [
      "[ tsa ]",
      "default_tsa = tsa1",
      "[ tsa1 ]",
      `serial = ${path.join(dir, "serial")}`,
      `signer_cert = ${path.join(dir, "tsa.crt")}`,
      `signer_key = ${path.join(dir, "tsa.key")}`,
      "signer_digest = sha256",
      "default_policy = 1.2.3.4.1",
      "digests = sha256",
      "accuracy = secs:1",
      "ess_cert_id_alg = sha256",
      "",
    ].join("\n"),
  );
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      path.join(dir, "tsa.key"),
      "-out",
      path.join(dir, "tsa.crt"),
      "-days",
      "2",
      "-subj",
      "/CN=Concord test TSA",
      "-addext",
      "extendedKeyUsage=critical,timeStamping",
    ],
    { stdio: "ignore" },
  );
  tsa = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const query = path.join(dir, `q-${Date.now()}.tsq`);
      const reply = `${query}.tsr`;
      fs.writeFileSync(query, Buffer.concat(chunks));
      execFileSync("openssl", ["ts", "-reply", "-config", conf, "-queryfile", query, "-out", reply], { stdio: "ignore" });
      res.writeHead(200, { "Content-Type": "application/timestamp-reply" });
      res.end(fs.readFileSync(reply));
    });
  });
  await new Promise<void>((resolve) => tsa.listen(0, "127.0.0.1", resolve));
  tsaUrl = `http://127.0.0.1:${(tsa.address() as { port: number }).port}/`;
  resetEnvCache();
});

afterAll(async () => {
  delete process.env.DOCUMENT_TSA_URL;
  resetEnvCache();
  await new Promise((resolve) => tsa.close(resolve));
});

describe("PAdES signatures", { timeout: 240_000 }, () => {
  it("invoice (receipt), credit note, visa letter and executed accord are signed; pdfsig calls them valid; one changed byte makes it invalid", async () => {
    const docs = {
      receipt: await renderInvoice(INVOICE),
      "credit-note": await renderInvoice(CREDIT_NOTE),
      "visa-letter": await renderVisaLetter(VISA_LETTER),
      accord: await renderExecutedPdf(accordInput()),
    };
    for (const [name, pdf] of Object.entries(docs)) {
      const report = pdfsig(pdf, name);
      expect(report, name).toContain("Signature Validation: Signature is Valid.");
      expect(report, name).toMatch(/Signature Type: (adbe\.pkcs7\.detached|ETSI\.CAdES\.detached)/);
      expect(report, name).toContain("Total document signed");
      expect(report, name).toContain("Concord document signing");
    }
    const broken = pdfsig(tamper(docs.receipt), "receipt-tampered");
    expect(broken).not.toContain("Signature is Valid.");
    expect(broken).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
  });

  it("with a TSA configured the signature carries an RFC 3161 timestamp of itself", async () => {
    process.env.DOCUMENT_TSA_URL = tsaUrl;
    resetEnvCache();
    const before = new Date(Date.now() - 2000);
    const pdf = await renderInvoice(INVOICE);
    expect(pdfsig(pdf, "receipt-tsa")).toContain("Signature Validation: Signature is Valid.");

    const cms = forge.asn1.fromDer(forge.util.createBuffer(extractSignature(Buffer.from(pdf)).signature as string));
    const signedData = ((cms.value as forge.asn1.Asn1[])[1].value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[];
    const signerInfo = (signedData[signedData.length - 1].value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[];
    const unsigned = signerInfo[signerInfo.length - 1];
    expect(unsigned.tagClass).toBe(forge.asn1.Class.CONTEXT_SPECIFIC);
    const attribute = (unsigned.value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[];
    expect(forge.asn1.derToOid(forge.util.createBuffer(attribute[0].value as string))).toBe("1.2.840.113549.1.9.16.2.14");
    const token = path.join(dir, "token.der");
    fs.writeFileSync(token, Buffer.from(forge.asn1.toDer((attribute[1].value as forge.asn1.Asn1[])[0]).getBytes(), "binary"));
    const signature = path.join(dir, "signature.bin");
    fs.writeFileSync(signature, Buffer.from(signerInfo[5].value as string, "binary"));

    // The TSA's token verifies against the signature value and tells the time.
    const verified = spawnSync(
      "openssl",
      ["ts", "-verify", "-token_in", "-in", token, "-data", signature, "-CAfile", path.join(dir, "tsa.crt")],
      {
        encoding: "utf8",
      },
    );
    expect(`${verified.stdout}${verified.stderr}`).toContain("Verification: OK");
    const text = execFileSync("openssl", ["ts", "-reply", "-token_in", "-in", token, "-text"], { encoding: "utf8" });
    const stamped = new Date(text.match(/Time stamp: (.+)/)![1]);
    console.log(`TSA time: ${stamped.toISOString()}`);
    expect(stamped.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(stamped.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("/verify's content comparison: a qpdf rewrite keeps the signed content, an edit names the page, a byte edit fails", async () => {
    const issued = await renderExecutedPdf(accordInput());
    const file = path.join(dir, "issued.pdf");
    fs.writeFileSync(file, issued);
    execFileSync("qpdf", [file, path.join(dir, "rewritten.pdf")]);
    execFileSync("qpdf", ["--object-streams=generate", "--compress-streams=y", "--recompress-flate", file, path.join(dir, "packed.pdf")]);
    for (const name of ["rewritten", "packed"]) {
      const rewritten = new Uint8Array(fs.readFileSync(path.join(dir, `${name}.pdf`)));
      expect(Buffer.compare(Buffer.from(rewritten), Buffer.from(issued)), name).not.toBe(0);
      expect(await compareSignedContent(issued, rewritten), name).toEqual([]);
    }

    const edited = await PDFDocument.load(issued);
    edited.getPage(1).drawText("Amended", { x: 60, y: 60, size: 10, font: await edited.embedFont(StandardFonts.Helvetica) });
    expect(await compareSignedContent(issued, await edited.save())).toEqual(expect.arrayContaining([{ kind: "page", page: 2 }]));

    const flipped = Buffer.from(issued);
    const at = flipped.indexOf("stream\n", flipped.indexOf("/Length", 2000)) + 20;
    flipped[at] ^= 0x01;
    const differences = await compareSignedContent(issued, new Uint8Array(flipped)).catch(() => [{ kind: "unreadable" }]);
    expect(differences.length).toBeGreaterThan(0);
  });
});
