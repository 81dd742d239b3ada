import type { OutboxEmail } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import { emailsSent } from "~/utils/metrics.server";
import { produceAttachments } from "./attachments.server";
import { renderEmail } from "./enqueue.server";
import { configuredTransport, type Transport } from "./transport.server";

/** After this many failed attempts an email is marked FAILED (shown at /dev/mail and in logs). */
export const MAX_ATTEMPTS = 8;

/** Exponential backoff: 10 s, 20 s, 40 s … capped at one hour. */
export function backoffMs(attempts: number) {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * How long a claimed email is kept from other workers while it is rendered, its attachments are made and
 * it is handed to SMTP. Longer than any of those can take; if the process dies meanwhile, the email is
 * due again when the lease runs out.
 */
const LEASE = "10 minutes";

/**
 * Delivers due emails, one row at a time. A worker claims a row in one statement: it moves the row's
 * `nextAttemptAt` a lease ahead, choosing it with FOR UPDATE SKIP LOCKED, so several app processes (or
 * workers) sharing one database never take the same email; the row is then no longer due for the others.
 * Rendering, attachments and SMTP happen outside any transaction: they take seconds, and the attachments
 * are read from the database (an accord, an invoice), which inside a transaction holding the embedded
 * database's one connection waited for itself until the transaction timed out (decision 049). The result
 * is recorded afterwards (SENT, or the attempt counted and the next one scheduled).
 */
export async function deliverDue({
  transport = configuredTransport(),
  limit = 20,
  locking = true,
  signal,
}: {
  transport?: Transport;
  limit?: number;
  /** Test-only control: false claims without the row lock to show the race test catches double sending. */
  locking?: boolean;
  /** Checked between emails: once aborted, the email being sent is finished and no other is started. */
  signal?: AbortSignal;
} = {}): Promise<{
  sent: number;
  failed: number;
}> {
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < limit && !signal?.aborted; i++) {
    const [row] = locking
      ? await db().$queryRaw<OutboxEmail[]>`
          UPDATE "OutboxEmail" SET "nextAttemptAt" = now() + ${LEASE}::interval
          WHERE id = (
            SELECT id FROM "OutboxEmail"
            WHERE "status" = 'PENDING' AND "nextAttemptAt" <= now()
            ORDER BY "nextAttemptAt", "createdAt"
            LIMIT 1
            FOR UPDATE SKIP LOCKED)
          RETURNING *`
      : await db().$queryRaw<OutboxEmail[]>`
          SELECT * FROM "OutboxEmail"
          WHERE "status" = 'PENDING' AND "nextAttemptAt" <= now()
          ORDER BY "nextAttemptAt", "createdAt"
          LIMIT 1`;
    if (!row) break;
    if (await deliver(row, transport)) sent++;
    else failed++;
  }
  return { sent, failed };
}

/** Renders, attaches and sends one claimed email, and records what happened. True when it was sent. */
async function deliver(row: OutboxEmail, transport: Transport) {
  try {
    // Rendered now from the stored props (decision 032); a row rendered by an
    // earlier attempt, or queued before deferred rendering, is sent as it is.
    // A template that fails to render counts as a failed attempt like an SMTP error.
    const body = row.html !== null && row.text !== null ? { html: row.html, text: row.text } : await renderEmail(row);
    // Attachments are produced again at every attempt from the references on the row (decision 068).
    const attachments = await produceAttachments(row.attachments);
    const { messageId } = await transport.send({
      id: row.id,
      to: row.to,
      subject: row.subject,
      html: body.html,
      text: body.text,
      ...(attachments.length ? { attachments } : {}),
    });
    await db().outboxEmail.update({
      where: { id: row.id },
      // What was sent is kept with the row, for support questions ("what did they receive?").
      data: {
        status: "SENT",
        sentAt: new Date(),
        messageId,
        attempts: row.attempts + 1,
        lastError: null,
        html: body.html,
        text: body.text,
      },
    });
    emailsSent.inc({ outcome: "sent" });
    return true;
  } catch (error) {
    const attempts = row.attempts + 1;
    const giveUp = attempts >= MAX_ATTEMPTS;
    const reason = error instanceof Error ? error.message : String(error);
    await db().outboxEmail.update({
      where: { id: row.id },
      data: {
        attempts,
        lastError: reason.slice(0, 1000),
        status: giveUp ? "FAILED" : "PENDING",
        nextAttemptAt: new Date(Date.now() + backoffMs(attempts)),
      },
    });
    emailsSent.inc({ outcome: giveUp ? "failed" : "retry" });
    // The address stays out of the log (the row has it); the id is enough to find it.
    logger()[giveUp ? "error" : "warn"](
      { email: row.id, attempt: attempts, maxAttempts: MAX_ATTEMPTS, reason },
      giveUp ? "gave up on an email" : "email will be retried",
    );
    return false;
  }
}

export type Worker = { stop(): Promise<void>; kick(): void };

/** Polls the outbox every `intervalMs`; `kick()` asks for an immediate round. */
export function startOutboxWorker({ intervalMs = 2000, transport }: { intervalMs?: number; transport?: Transport } = {}): Worker {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const stopping = new AbortController();
  const chosen = transport ?? configuredTransport();
  logger().info({ transport: chosen.name }, "outbox worker started");
  const tick = () => {
    if (stopped) return;
    clearTimeout(timer);
    running = deliverDue({ transport: chosen, signal: stopping.signal })
      .catch((error) => logger().error({ err: error }, "outbox round failed"))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 100);
  return {
    kick: () => {
      running.then(tick);
    },
    /** Lets the email being sent finish (its row is then marked), and starts no other. */
    async stop() {
      stopped = true;
      stopping.abort();
      clearTimeout(timer);
      await running;
    },
  };
}

/** How many emails wait to be sent and how long the oldest has waited (for /metrics). */
export async function outboxBacklog(): Promise<{ pending: number; oldestSeconds: number }> {
  const [row] = await db().$queryRaw<{ pending: number; oldest: number | null }[]>`
    SELECT count(*)::int AS pending, extract(epoch FROM now() - min("createdAt"))::float8 AS oldest
    FROM "OutboxEmail" WHERE "status" = 'PENDING'`;
  return { pending: row.pending, oldestSeconds: row.oldest ?? 0 };
}
