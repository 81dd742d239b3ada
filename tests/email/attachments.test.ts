// Attachments (issue 12 §6, decision 068): the executed accord PDF on the "accord executed" email, the
// receipt on the payment confirmation, the visa letter on its approval. Delivered through a real SMTP
// server, parsed from the MIME message, and checked as documents: the accord PDF is byte for byte the
// sealed one and verifies; the receipt and the letter carry a PAdES signature poppler calls valid.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Attachment } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import { sha256Hex } from "~/domain/accords/canonical";
import { verifyUploadedPdf } from "~/domain/accords/verify-accord.server";
import { deliverDue } from "~/domain/email/outbox.server";
import { configuredTransport } from "~/domain/email/transport.server";
import * as myReg from "~/routes/registration/my-registration";
import * as register from "~/routes/registration/register";
import * as visaAdmin from "~/routes/registration/manage/visa";
import { db } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { makeAccord, makeParties, signWithPasskey } from "../accords/support";
import { callAction } from "../support/http";
import { freePort, startSmtp, type Received } from "../support/smtp";
import { grantConferenceRole, makeUser } from "../support/world";
import { makeTicketing } from "../registration/support";

function useSmtp(url: string | undefined) {
  if (url) process.env.SMTP_URL = url;
  else delete process.env.SMTP_URL;
  resetEnvCache();
}

afterEach(() => useSmtp(undefined));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-attachments-"));

function pdfsig(pdf: Buffer, name: string) {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  const out = spawnSync("pdfsig", [file], { encoding: "utf8" });
  return `${out.stdout}${out.stderr}`;
}

function pdftotext(pdf: Buffer, name: string) {
  const file = path.join(dir, `${name}-text.pdf`);
  fs.writeFileSync(file, pdf);
  return spawnSync("pdftotext", [file, "-"], { encoding: "utf8" }).stdout;
}

const pdfsOf = (mail: Received): Attachment[] => mail.parsed.attachments.filter((a) => a.contentType === "application/pdf");

/** Delivers everything due through a real SMTP server and returns what it received. */
async function deliverAll() {
  const smtp = await startSmtp(await freePort());
  try {
    useSmtp(smtp.url);
    const result = await deliverDue({ transport: configuredTransport(), limit: 100 });
    expect(result.failed).toBe(0);
    return smtp.received;
  } finally {
    await smtp.stop();
  }
}

describe("email attachments", () => {
  it("the 'accord executed' email carries the sealed PDF itself, which verifies; the row holds a reference, not the bytes", async () => {
    const parties = await makeParties(2);
    const { accordId, documentHash } = await makeAccord(parties);
    await db().outboxEmail.deleteMany();
    for (const p of parties) await signWithPasskey(accordId, documentHash, p);
    const accord = await db().accord.findUniqueOrThrow({ where: { id: accordId }, select: { status: true, pdfHash: true } });
    expect(accord.status).toBe("EXECUTED");

    // The queued rows stay small: a reference to the accord, not a copy of its PDF per recipient.
    const queued = await db().outboxEmail.findMany({ where: { template: "accordEvent", subject: { contains: "has been executed" } } });
    expect(queued.length).toBeGreaterThanOrEqual(4); // both parties' admins and signatories
    for (const row of queued) {
      expect(row.attachments).toEqual([{ kind: "executed-accord", accordId }]);
      expect(JSON.stringify(row.attachments).length).toBeLessThan(120);
    }

    const received = (await deliverAll()).filter((m) => m.parsed.subject?.includes("has been executed"));
    expect(received).toHaveLength(queued.length);
    for (const mail of received) {
      const [pdf] = pdfsOf(mail);
      expect(pdf, `attachment for ${mail.parsed.to && !Array.isArray(mail.parsed.to) ? mail.parsed.to.text : ""}`).toBeDefined();
      expect(pdf.filename).toBe(`accord-${accordId}.pdf`);
      // Exactly the PDF whose hash the seal covers.
      expect(sha256Hex(pdf.content)).toBe(accord.pdfHash);
      expect(mail.parsed.text).toContain("The executed PDF is attached to this email");
    }
    const check = await verifyUploadedPdf(new Uint8Array(pdfsOf(received[0])[0].content), null);
    expect(check).toMatchObject({ kind: "found", pdf: "matches", report: { ok: true } });
    expect(pdfsig(pdfsOf(received[0])[0].content, "accord")).toContain("Signature Validation: Signature is Valid.");
  });

  it("an attachment is produced again when delivery is retried after SMTP was down", async () => {
    const parties = await makeParties(2);
    const { accordId, documentHash } = await makeAccord(parties);
    await db().outboxEmail.deleteMany();
    for (const p of parties) await signWithPasskey(accordId, documentHash, p);
    await db().outboxEmail.deleteMany({ where: { NOT: { subject: { contains: "has been executed" } } } });
    const { pdfHash } = await db().accord.findUniqueOrThrow({ where: { id: accordId }, select: { pdfHash: true } });

    const port = await freePort();
    useSmtp(`smtp://127.0.0.1:${port}`);
    const down = await deliverDue({ transport: configuredTransport(), limit: 100 });
    expect(down.sent).toBe(0);
    expect(down.failed).toBeGreaterThan(0);
    const smtp = await startSmtp(port);
    try {
      await db().outboxEmail.updateMany({ data: { nextAttemptAt: new Date() } }); // the backoff elapses
      expect((await deliverDue({ transport: configuredTransport(), limit: 100 })).failed).toBe(0);
      expect(smtp.received).toHaveLength(down.failed);
      for (const mail of smtp.received) expect(sha256Hex(pdfsOf(mail)[0].content)).toBe(pdfHash);
      const rows = await db().outboxEmail.findMany();
      expect(rows.every((r) => r.status === "SENT" && r.attempts === 2)).toBe(true);
    } finally {
      await smtp.stop();
    }
  });

  it("an attachment that cannot be produced fails the attempt, with the reason kept: no email claims a missing PDF", async () => {
    const parties = await makeParties(2);
    const { accordId, documentHash } = await makeAccord(parties);
    await db().outboxEmail.deleteMany();
    for (const p of parties) await signWithPasskey(accordId, documentHash, p);
    await db().outboxEmail.deleteMany({ where: { NOT: { subject: { contains: "has been executed" } } } });
    // The reference points at an accord that has no executed PDF.
    await db().outboxEmail.updateMany({ data: { attachments: [{ kind: "executed-accord", accordId: crypto.randomUUID() }] } });
    const smtp = await startSmtp(await freePort());
    try {
      useSmtp(smtp.url);
      const result = await deliverDue({ transport: configuredTransport(), limit: 100 });
      expect(result.sent).toBe(0);
      expect(smtp.received).toHaveLength(0);
      const rows = await db().outboxEmail.findMany();
      expect(rows.every((r) => r.status === "PENDING" && r.lastError?.includes("has no executed PDF"))).toBe(true);
    } finally {
      await smtp.stop();
    }
  });

  it("the payment confirmation carries the signed receipt; the visa approval carries the signed letter", async () => {
    const setup = await makeTicketing({ priceCents: 1200_00 });
    const organizer = await makeUser();
    await grantConferenceRole(setup.conference.id, organizer.id, "ORGANIZER");
    const user = await makeUser({ name: "Zhang Wei" });
    await callAction(register, {
      path: `/conferences/${setup.slug}/register`,
      params: { slug: setup.slug },
      cookie: user.cookie,
      form: { ticketTypeId: setup.ticket.id, method: "bank", payerOrganization: "Tongji University" },
    });
    const reg = await db().registration.findFirstOrThrow({ where: { userId: user.id } });
    const { applyBankPayment } = await import("~/domain/registration/record-bank-payment.server");
    await db().$transaction((tx) =>
      applyBankPayment(tx, {
        registrationId: reg.id,
        amountCents: 1200_00,
        note: null,
        externalId: null,
        actorId: organizer.id,
        now: new Date(),
      }),
    );
    const form = {
      intent: "visa",
      passportName: "ZHANG WEI",
      passportNumber: "E12345678",
      nationality: "KE",
      birthDate: "1980-01-02",
      arrivalDate: "2025-09-25",
      departureDate: "2025-09-30",
    };
    expect(
      (await callAction(myReg, { path: `/my/registrations/${reg.id}`, params: { id: reg.id }, cookie: user.cookie, form })).status,
    ).toBe(302);
    const request = await db().visaLetterRequest.findFirstOrThrow({ where: { userId: user.id } });
    const decided = await callAction(visaAdmin, {
      path: `/conferences/${setup.slug}/manage/visa`,
      params: { slug: setup.slug },
      cookie: organizer.cookie,
      form: { requestId: request.id, decision: "approve" },
    });
    expect(decided.status).toBe(302);

    const received = await deliverAll();
    const confirmed = received.find((m) => m.parsed.subject?.startsWith("Registration confirmed"))!;
    expect(confirmed).toBeDefined();
    const [receipt] = pdfsOf(confirmed);
    expect(receipt).toBeDefined();
    const { receiptNumber } = await db().registration.findUniqueOrThrow({ where: { id: reg.id } });
    const number = `${setup.slug.toUpperCase()}-${String(receiptNumber).padStart(5, "0")}`;
    expect(receipt.filename).toContain(number);
    expect(pdftotext(receipt.content, "receipt")).toContain(number);
    expect(pdfsig(receipt.content, "receipt")).toContain("Signature Validation: Signature is Valid.");
    expect(confirmed.parsed.text).toContain("Your receipt (PDF) is attached to this email.");

    const approval = received.find((m) => m.parsed.subject?.startsWith("Visa invitation letter"))!;
    expect(approval).toBeDefined();
    const [letter] = pdfsOf(approval);
    expect(letter).toBeDefined();
    expect(letter.filename).toBe(`invitation-${request.verificationCode}.pdf`);
    expect(pdftotext(letter.content, "letter")).toContain("ZHANG WEI");
    expect(pdfsig(letter.content, "letter")).toContain("Signature Validation: Signature is Valid.");
    expect(approval.parsed.text).toContain("It is attached to this email (PDF)");

    // Other emails of the registration carry nothing.
    const others = received.filter((m) => m !== confirmed && m !== approval);
    expect(others.length).toBeGreaterThan(0);
    for (const m of others) expect(m.parsed.attachments).toHaveLength(0);
  });
});
