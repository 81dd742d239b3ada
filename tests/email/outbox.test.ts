import { afterEach, describe, expect, it } from "vitest";
import { enqueueEmail } from "~/domain/email/enqueue.server";
import { deliverDue, MAX_ATTEMPTS } from "~/domain/email/outbox.server";
import { configuredTransport } from "~/domain/email/transport.server";
import { db } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { freePort, startSmtp } from "../support/smtp";

function useSmtp(url: string | undefined) {
  if (url) process.env.SMTP_URL = url;
  else delete process.env.SMTP_URL;
  resetEnvCache();
}

async function queue(to: string, locale: "en" | "zh" = "en") {
  return db().$transaction((tx) =>
    enqueueEmail(tx, {
      to,
      locale,
      template: "verifyEmail",
      props: { name: "Amina", url: "http://localhost:3000/verify-email?token=abc123" },
    }),
  );
}

afterEach(async () => {
  useSmtp(undefined);
  await db().outboxEmail.deleteMany();
});

describe("email outbox", () => {
  it("delivers through a real SMTP server, in HTML and plain text, in the recipient's language", async () => {
    const smtp = await startSmtp(await freePort());
    try {
      useSmtp(smtp.url);
      await queue("amina@concord.test", "en");
      await queue("wang@concord.test", "zh");
      const result = await deliverDue({ transport: configuredTransport() });
      expect(result).toEqual({ sent: 2, failed: 0 });
      expect(smtp.received).toHaveLength(2);
      const en = smtp.received.find((r) => r.parsed.subject === "Verify your email for Concord")!;
      expect(en.parsed.to && !Array.isArray(en.parsed.to) ? en.parsed.to.text : "").toBe("amina@concord.test");
      expect(en.parsed.text).toContain("http://localhost:3000/verify-email?token=abc123");
      expect(en.parsed.html).toContain('href="http://localhost:3000/verify-email?token=abc123"');
      const zh = smtp.received.find((r) => r.parsed.subject === "请验证您的 Concord 邮箱")!;
      expect(zh.parsed.text).toContain("验证邮箱");
      const rows = await db().outboxEmail.findMany();
      expect(rows.every((r) => r.status === "SENT" && r.sentAt && r.attempts === 1)).toBe(true);
      // What was sent is kept with the row.
      expect(rows.find((r) => r.to === "amina@concord.test")!.text).toContain("http://localhost:3000/verify-email?token=abc123");
    } finally {
      await smtp.stop();
    }
  });

  it("queues only the template and its props; the worker renders the body when it delivers", async () => {
    const { id } = await queue("amina@concord.test");
    const queued = await db().outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(queued.subject).toBe("Verify your email for Concord");
    expect(queued.html).toBeNull();
    expect(queued.props).toEqual({ name: "Amina", url: "http://localhost:3000/verify-email?token=abc123" });
    const sent: { html: string; text: string }[] = [];
    await deliverDue({ transport: { name: "memory", send: async (mail) => (sent.push(mail), { messageId: "m1" }) } });
    expect(sent[0].html).toContain('href="http://localhost:3000/verify-email?token=abc123"');
    expect(sent[0].text).toContain("Amina");
  });

  it("counts a body that cannot be rendered as a failed attempt, kept with its error", async () => {
    const { id } = await queue("amina@concord.test");
    await db().outboxEmail.update({ where: { id }, data: { template: "noSuchTemplate" } });
    const sent: unknown[] = [];
    const result = await deliverDue({ transport: { name: "memory", send: async (mail) => (sent.push(mail), { messageId: "m1" }) } });
    expect(result).toEqual({ sent: 0, failed: 1 });
    expect(sent).toHaveLength(0);
    const row = await db().outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("PENDING");
    expect(row.lastError).toContain("noSuchTemplate");
  });

  it("retries with backoff while SMTP is down, then delivers exactly once when it is back", async () => {
    const port = await freePort();
    useSmtp(`smtp://127.0.0.1:${port}`);
    const { id } = await queue("amina@concord.test");
    // SMTP down: the attempt fails, the email stays pending with a visible error and a later retry time.
    const down = await deliverDue({ transport: configuredTransport() });
    expect(down).toEqual({ sent: 0, failed: 1 });
    let row = await db().outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("PENDING");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // Not due yet: nothing is attempted.
    expect(await deliverDue({ transport: configuredTransport() })).toEqual({ sent: 0, failed: 0 });

    const smtp = await startSmtp(port);
    try {
      await db().outboxEmail.update({ where: { id }, data: { nextAttemptAt: new Date() } }); // the backoff elapses
      expect(await deliverDue({ transport: configuredTransport() })).toEqual({ sent: 1, failed: 0 });
      expect(await deliverDue({ transport: configuredTransport() })).toEqual({ sent: 0, failed: 0 });
      expect(smtp.received).toHaveLength(1);
      row = await db().outboxEmail.findUniqueOrThrow({ where: { id } });
      expect(row.status).toBe("SENT");
      expect(row.attempts).toBe(2);
    } finally {
      await smtp.stop();
    }
  });

  it(`marks an email FAILED after ${MAX_ATTEMPTS} attempts`, async () => {
    useSmtp(`smtp://127.0.0.1:${await freePort()}`);
    const { id } = await queue("amina@concord.test");
    await db().outboxEmail.update({ where: { id }, data: { attempts: MAX_ATTEMPTS - 1 } });
    await deliverDue({ transport: configuredTransport() });
    const row = await db().outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("FAILED");
    expect(row.lastError).toBeTruthy();
  });

  it("writes nothing when the change that caused the email rolls back", async () => {
    await expect(
      db().$transaction(async (tx) => {
        await enqueueEmail(tx, { to: "x@concord.test", locale: "en", template: "loginLink", props: { name: "X", url: "http://x" } });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db().outboxEmail.count()).toBe(0);
  });

  async function race(locking: boolean) {
    const smtp = await startSmtp(await freePort(), { delayMs: 15 });
    try {
      useSmtp(smtp.url);
      for (let i = 0; i < 12; i++) await queue(`person${i}@concord.test`);
      // Four workers, as if four app processes shared the database.
      await Promise.all(Array.from({ length: 4 }, () => deliverDue({ transport: configuredTransport(), locking, limit: 50 })));
      const ids = smtp.received.map((r) => r.parsed.messageId);
      return { total: ids.length, distinct: new Set(ids).size };
    } finally {
      await smtp.stop();
    }
  }

  it("never sends an email twice when several workers share the database", async () => {
    expect(await race(true)).toEqual({ total: 12, distinct: 12 });
  });

  it("control: without the row lock the same race sends duplicates (so the test above can fail)", async () => {
    const { total, distinct } = await race(false);
    expect(distinct).toBe(12);
    expect(total).toBeGreaterThan(12);
  });
});
