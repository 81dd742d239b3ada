import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pdflibAddPlaceholder } from "@signpdf/placeholder-pdf-lib";
// The named class, not the default instance: the package is CommonJS with an `exports.default`, which Node's
// ESM loader (the production build) and Vitest's interop resolve differently; the named export is the same in both.
import { SignPdf } from "@signpdf/signpdf";
import { Signer } from "@signpdf/utils";
import forge from "node-forge";
import type { PDFDocument } from "pdf-lib";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";

/**
 * PAdES signatures on Concord's documents (decision 057): executed accords, visa letters and receipts
 * carry an `adbe.pkcs7.detached` CMS signature (SHA-256, RSA) by the platform's X.509 certificate, and,
 * when DOCUMENT_TSA_URL is set, an RFC 3161 timestamp of that signature (PAdES B-T).
 *
 * The certificate: DOCUMENT_SIGNING_P12 (+ DOCUMENT_SIGNING_P12_PASSWORD), or DOCUMENT_SIGNING_CERT and
 * DOCUMENT_SIGNING_KEY (PEM files). Without either, a self-signed certificate is made once and kept
 * in CONCORD_DATA_DIR/document-signing/ (the embedded demo and development).
 */
type Credentials = { key: forge.pki.rsa.PrivateKey; chain: forge.pki.Certificate[]; name: string };

let credentials: Credentials | undefined;

function loadCredentials(): Credentials {
  if (credentials) return credentials;
  const e = env();
  if (e.DOCUMENT_SIGNING_P12) {
    const der = forge.util.createBuffer(fs.readFileSync(e.DOCUMENT_SIGNING_P12).toString("binary"));
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), false, e.DOCUMENT_SIGNING_P12_PASSWORD ?? "");
    const keyBag =
      p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]?.[0] ??
      p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag]?.[0];
    const certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).flatMap((b) => (b.cert ? [b.cert] : []));
    if (!keyBag?.key || certs.length === 0) throw new Error("DOCUMENT_SIGNING_P12 holds no private key and certificate");
    credentials = fromParts(keyBag.key as forge.pki.rsa.PrivateKey, certs);
  } else if (e.DOCUMENT_SIGNING_CERT && e.DOCUMENT_SIGNING_KEY) {
    const pem = fs.readFileSync(e.DOCUMENT_SIGNING_CERT, "utf8");
    const certs = (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((c) =>
      forge.pki.certificateFromPem(c),
    );
    credentials = fromParts(
      forge.pki.privateKeyFromPem(fs.readFileSync(e.DOCUMENT_SIGNING_KEY, "utf8")) as forge.pki.rsa.PrivateKey,
      certs,
    );
  } else {
    credentials = selfSigned(path.join(e.CONCORD_DATA_DIR, "document-signing"));
  }
  return credentials;
}

/** Puts the certificate matching the key first. */
function fromParts(key: forge.pki.rsa.PrivateKey, certs: forge.pki.Certificate[]): Credentials {
  const own = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n.compareTo(key.n) === 0 && pub.e.compareTo(key.e) === 0;
  });
  if (!own) throw new Error("No certificate matches the document signing key");
  const name = String(own.subject.getField("CN")?.value ?? "Concord");
  return { key, chain: [own, ...certs.filter((c) => c !== own)], name };
}

function selfSigned(dir: string): Credentials {
  const certFile = path.join(dir, "certificate.pem");
  const keyFile = path.join(dir, "private-key.pem");
  if (!fs.existsSync(certFile) || !fs.existsSync(keyFile)) {
    const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    const keyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
    cert.serialNumber = `01${crypto.randomBytes(15).toString("hex")}`;
    cert.validity.notBefore = new Date(Date.now() - 60_000);
    cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86_400_000);
    const subject = [
      { name: "commonName", value: "Concord document signing (self-signed, development)" },
      { name: "organizationName", value: "Concord" },
    ];
    cert.setSubject(subject);
    cert.setIssuer(subject);
    cert.setExtensions([
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, nonRepudiation: true },
      { name: "extKeyUsage", emailProtection: true },
      { name: "subjectKeyIdentifier" },
    ]);
    cert.sign(key, forge.md.sha256.create());
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(keyFile, keyPem, { mode: 0o600 });
    fs.writeFileSync(certFile, forge.pki.certificateToPem(cert));
    logger().info({ certFile }, "documents: generated a self-signed document signing certificate");
  }
  return fromParts(forge.pki.privateKeyFromPem(fs.readFileSync(keyFile, "utf8")) as forge.pki.rsa.PrivateKey, [
    forge.pki.certificateFromPem(fs.readFileSync(certFile, "utf8")),
  ]);
}

/** CMS SignedData (detached, SHA-256) over the PDF's byte ranges, timestamped when a TSA is configured. */
class DocumentSigner extends Signer {
  constructor(private readonly creds: Credentials) {
    super();
  }

  async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdfBuffer.toString("binary"));
    for (const cert of this.creds.chain) p7.addCertificate(cert);
    p7.addSigner({
      key: this.creds.key,
      certificate: this.creds.chain[0],
      digestAlgorithm: forge.pki.oids.sha256,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest },
      ],
    });
    p7.sign({ detached: true });
    const asn = p7.toAsn1();
    const tsa = env().DOCUMENT_TSA_URL;
    if (tsa) {
      const signerInfo = signerInfoOf(asn);
      const signature = (signerInfo.value as forge.asn1.Asn1[])[5].value as string;
      const token = await timestamp(tsa, Buffer.from(signature, "binary"));
      const { asn1 } = forge;
      (signerInfo.value as forge.asn1.Asn1[]).push(
        asn1.create(asn1.Class.CONTEXT_SPECIFIC, 1, true, [
          asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
            asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(TIMESTAMP_TOKEN_OID).getBytes()),
            asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, [token]),
          ]),
        ]),
      );
    }
    return Buffer.from(forge.asn1.toDer(asn).getBytes(), "binary");
  }
}

const TIMESTAMP_TOKEN_OID = "1.2.840.113549.1.9.16.2.14";

/** ContentInfo → [0] → SignedData → signerInfos (last) → first SignerInfo. */
function signerInfoOf(contentInfo: forge.asn1.Asn1) {
  const signedData = ((contentInfo.value as forge.asn1.Asn1[])[1].value as forge.asn1.Asn1[])[0];
  const parts = signedData.value as forge.asn1.Asn1[];
  return (parts[parts.length - 1].value as forge.asn1.Asn1[])[0];
}

/** RFC 3161: asks the TSA to timestamp the SHA-256 of `data`; returns the TimeStampToken (ContentInfo). */
async function timestamp(url: string, data: Buffer): Promise<forge.asn1.Asn1> {
  const { asn1 } = forge;
  const digest = crypto.createHash("sha256").update(data).digest();
  const nonce = crypto.randomBytes(8);
  nonce[0] &= 0x7f;
  const request = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(1).getBytes()),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(forge.pki.oids.sha256).getBytes()),
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ""),
      ]),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, digest.toString("binary")),
    ]),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, nonce.toString("binary")),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BOOLEAN, false, String.fromCharCode(0xff)),
  ]);
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/timestamp-query" },
    body: Buffer.from(asn1.toDer(request).getBytes(), "binary"),
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw new Error(`TSA ${url} answered ${res.status}`);
  const reply = asn1.fromDer(forge.util.createBuffer(Buffer.from(await res.arrayBuffer()).toString("binary")));
  const [status, token] = reply.value as forge.asn1.Asn1[];
  const code = asn1.derToInteger(forge.util.createBuffer((status.value as forge.asn1.Asn1[])[0].value as string));
  if (code > 1 || !token) throw new Error(`TSA ${url} refused the request (status ${code})`);
  return token;
}

export type SignOptions = { reason: string; location?: string };

/**
 * Saves `doc` with a signature placeholder and signs it. Call last: any later change to the bytes
 * breaks the signature (which is the point).
 */
export async function saveSigned(doc: PDFDocument, { reason, location }: SignOptions): Promise<Uint8Array> {
  const creds = loadCredentials();
  const signingTime = new Date();
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason,
    contactInfo: env().APP_URL,
    name: creds.name,
    location: location ?? new URL(env().APP_URL).host,
    signingTime,
    signatureLength: 24_000,
    appName: "Concord",
  });
  const unsigned = Buffer.from(await doc.save({ useObjectStreams: false }));
  return new Uint8Array(await new SignPdf().sign(unsigned, new DocumentSigner(creds), signingTime));
}

/** For tests and operators: the certificate the documents are signed with (PEM). */
export function signingCertificatePem() {
  return forge.pki.certificateToPem(loadCredentials().chain[0]);
}
