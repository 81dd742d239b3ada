// The embedded default (`npm run demo`) talks to PGlite over ONE connection (decision 049). The outbox worker
// used to hold a transaction on that connection while it made an email's attachment, and making the
// attachment reads the database (the accord, the invoice): the read waited for the transaction, which
// waited for the read, until the 60-second transaction timeout failed the attempt, again and again, and
// every email queued behind it waited too. Delivered here as the demo delivers it: embedded database,
// real SMTP server.
import { afterAll, describe, expect, it } from "vitest";
import { deliverDue } from "~/domain/email/outbox.server";
import { configuredTransport } from "~/domain/email/transport.server";
import { db } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { useEmbeddedDatabase } from "./support";
import { makeAccord, makeParties, signWithPasskey } from "../accords/support";
import { freePort, startSmtp } from "../support/smtp";

useEmbeddedDatabase();
const savedSmtp = process.env.SMTP_URL;
afterAll(() => {
  if (savedSmtp) process.env.SMTP_URL = savedSmtp;
  else delete process.env.SMTP_URL;
  resetEnvCache();
});

describe("the outbox on the embedded database", () => {
  it("delivers emails whose attachment is read from the database, promptly, with the attachment", async () => {
    const parties = await makeParties(2);
    const { accordId, documentHash } = await makeAccord(parties);
    for (const p of parties) await signWithPasskey(accordId, documentHash, p);
    const queued = await db().outboxEmail.count({ where: { status: "PENDING", subject: { contains: "has been executed" } } });
    expect(queued).toBeGreaterThanOrEqual(4);

    const smtp = await startSmtp(await freePort());
    try {
      process.env.SMTP_URL = smtp.url;
      resetEnvCache();
      const started = Date.now();
      const result = await deliverDue({ transport: configuredTransport(), limit: 100 });
      expect(result.failed).toBe(0);
      // Seconds for everything (PDFs included), not a minute per attachment.
      expect(Date.now() - started).toBeLessThan(45_000);
      const executed = smtp.received.filter((m) => m.parsed.subject?.includes("has been executed"));
      expect(executed).toHaveLength(queued);
      for (const mail of executed) expect(mail.parsed.attachments.map((a) => a.filename)).toEqual([`accord-${accordId}.pdf`]);
      expect(await db().outboxEmail.count({ where: { status: "PENDING" } })).toBe(0);
    } finally {
      await smtp.stop();
    }
  }, 180_000);
});
